import {expect} from '@open-wc/testing';
import {render} from 'lit';
import {renderMarkdown} from '../../src/markdown/render.js';
import {toPlainText} from '../../src/markdown/parse.js';

const ALLOWED = new Set(['STRONG', 'EM', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'A']);
const LINK_ATTRIBUTES = ['href', 'rel', 'target'];

function rendered(text: string): HTMLElement {
  const container = document.createElement('div');
  render(renderMarkdown(text), container);
  return container;
}

/** The DOM as compact markup: elements (links with href) and text, without Lit's markers. */
function shape(node: Node): string {
  return [...node.childNodes]
    .map((child) => {
      if (child.nodeType === Node.TEXT_NODE) return child.textContent;
      if (!(child instanceof Element)) return '';
      const tag = child.tagName.toLowerCase();
      const attrs = tag === 'a' ? ` href="${child.getAttribute('href')}"` : '';
      return `<${tag}${attrs}>${shape(child)}</${tag}>`;
    })
    .join('');
}

/** Fails unless every element is an allowed one and links carry exactly the stated attributes. */
function expectOnlySafeElements(container: HTMLElement): void {
  for (const element of container.querySelectorAll('*')) {
    expect(ALLOWED.has(element.tagName), element.tagName).to.equal(true);
    if (element.tagName === 'A') {
      expect(element.getAttributeNames().sort()).to.deep.equal(LINK_ATTRIBUTES);
      expect(element.getAttribute('target')).to.equal('_blank');
      expect(element.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
      expect(new URL(element.getAttribute('href')!).protocol).to.be.oneOf([
        'http:',
        'https:',
        'mailto:',
      ]);
    } else {
      expect(element.getAttributeNames()).to.deep.equal([]);
    }
  }
}

const md = (text: string) => {
  const container = rendered(text);
  expectOnlySafeElements(container);
  return shape(container);
};

describe('renderMarkdown', () => {
  it('renders bold, italic, strike and inline code', () => {
    expect(md('*bold* **also** _it_ ~gone~ ~~too~~ `a + b`')).to.equal(
      '<strong>bold</strong> <strong>also</strong> <em>it</em> <del>gone</del> <del>too</del> ' +
        '<code>a + b</code>',
    );
  });

  it('nests different markers and keeps markers inside code literal', () => {
    expect(md('*bold _and italic_ ~and gone~*')).to.equal(
      '<strong>bold <em>and italic</em> <del>and gone</del></strong>',
    );
    expect(md('`*not bold* _nor italic_ :smile:`')).to.equal(
      '<code>*not bold* _nor italic_ :smile:</code>',
    );
    expect(md('*a `b*` c*')).to.equal('<strong>a <code>b*</code> c</strong>');
  });

  it('leaves markers inside words and unbalanced markers as typed', () => {
    expect(md('snake_case_words and 2*3*4 and a~b~c')).to.equal(
      'snake_case_words and 2*3*4 and a~b~c',
    );
    for (const text of ['*open only, _also open', 'closed* only_ too~', '~ ~ * * _ _']) {
      expect(md(text)).to.equal(text);
    }
    expect(md('_a *b_ c*')).to.equal('<em>a *b</em> c*');
    expect(md('**a*')).to.equal('**a*');
    expect(md('*a *b* c*')).to.equal('*a <strong>b</strong> c*');
  });

  it('renders fenced code blocks without markup inside, and an unclosed fence as text', () => {
    expect(md('Try:\n```js\nconst x = *y*;\n<b>z</b>\n```\ndone')).to.equal(
      'Try:<pre><code>const x = *y*;\n<b>z</b></code></pre>done',
    );
    expect(md('```\n*still text*')).to.equal('```\n<strong>still text</strong>');
  });

  it('renders lines starting "> " as one quote, with markup inside', () => {
    expect(md('> first *line*\n> second\nreply')).to.equal(
      '<blockquote>first <strong>line</strong>\nsecond</blockquote>reply',
    );
    expect(md('>not a quote')).to.equal('>not a quote');
  });

  it('keeps newlines as text', () => {
    expect(md('one\ntwo\r\n\nthree')).to.equal('one\ntwo\n\nthree');
  });

  it('links [text](url) and bare http(s), www and mailto URLs, not trailing punctuation', () => {
    expect(md('[our *shop*](https://example.com/shop?a=1&b=2)')).to.equal(
      '<a href="https://example.com/shop?a=1&b=2">our <strong>shop</strong></a>',
    );
    const text = 'See https://example.com/a_b_c. Or www.example.org, or (https://x.org/y)!';
    expect(md(text)).to.equal(
      'See <a href="https://example.com/a_b_c">https://example.com/a_b_c</a>. Or ' +
        '<a href="https://www.example.org/">www.example.org</a>, or ' +
        '(<a href="https://x.org/y">https://x.org/y</a>)!',
    );
    expect(md('Mail mailto:help@example.com?')).to.equal(
      'Mail <a href="mailto:help@example.com">mailto:help@example.com</a>?',
    );
    expect(md('[wiki](https://en.wikipedia.org/wiki/Bike_(disambiguation))')).to.equal(
      '<a href="https://en.wikipedia.org/wiki/Bike_(disambiguation)">wiki</a>',
    );
    const link = rendered('https://example.com').querySelector('a')!;
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
  });

  it('turns known emoji shortcodes into emoji and leaves unknown ones as typed', () => {
    expect(md('Thanks :smile: :+1: :thumbsup: :no_such_emoji: 10:30:45')).to.equal(
      'Thanks 😄 👍 👍 :no_such_emoji: 10:30:45',
    );
  });

  it('keeps HTML as text', () => {
    const attack = '<img src=x onerror=alert(1)><script>alert(1)</script><a href="x">y</a>';
    const container = rendered(attack);
    expect(container.querySelectorAll('*').length).to.equal(0);
    expect(container.textContent).to.equal(attack);
  });

  it('never links other schemes, however they are written', () => {
    for (const text of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](vbscript:msgbox)',
      '[x](//evil.example/)',
      'javascript:alert(1) data:text/html,<b>x</b>',
    ]) {
      const container = rendered(text);
      expect(container.querySelectorAll('*').length, text).to.equal(0);
      expect(container.textContent, text).to.equal(text);
    }
  });

  it('encodes quotes and angle brackets in a link target instead of leaving its attribute', () => {
    expect(md('[q](https://example.com/?q="a"<b>)')).to.equal(
      '<a href="https://example.com/?q=%22a%22%3Cb%3E">q</a>',
    );
    expect(md('https://example.com/a"onmouseover="x<b>')).to.equal(
      '<a href="https://example.com/a">https://example.com/a</a>"onmouseover="x<b>',
    );
  });

  it('renders 5,000-character hostile inputs quickly and as text', () => {
    const inputs = [
      '*'.repeat(5000),
      '*a '.repeat(1700),
      '_a *'.repeat(1250),
      '[a](b'.repeat(1000),
      '` `` ```'.repeat(600),
      'https://['.repeat(550),
      '> *'.repeat(1700),
      '```\n'.repeat(1250),
      '*a* '.repeat(1250),
    ];
    for (const text of inputs) {
      const start = performance.now();
      const container = rendered(text);
      expect(performance.now() - start, text.slice(0, 8)).to.be.below(500);
      expectOnlySafeElements(container);
    }
    expect(rendered('*'.repeat(5000)).textContent).to.equal('*'.repeat(5000));
  });

  it('gives the plain text of a message', () => {
    expect(toPlainText('*Hi* :wave: see [our shop](https://example.com) `x`')).to.equal(
      'Hi 👋 see our shop x',
    );
  });
});
