import {expect} from '@open-wc/testing';
import {tokens} from '../../src/styles/tokens.styles.js';
import {windowTokens} from '../../src/styles/window-tokens.styles.js';

/** Text in a shadow root with the sheets `<live-chat>` holds once its window chunk came. */
function windowText(): {host: HTMLElement; text: HTMLElement} {
  const host = document.createElement('div');
  const root = host.attachShadow({mode: 'open'});
  root.adoptedStyleSheets = [tokens, windowTokens];
  root.innerHTML = '<p style="font-size: var(--_lc-font-size)">Hello</p>';
  document.body.append(host);
  return {host, text: root.querySelector('p')!};
}

describe('the window’s text size', () => {
  afterEach(() => document.documentElement.style.removeProperty('font-size'));

  it('follows the visitor’s larger text setting, and never goes below 14px', () => {
    const {host, text} = windowText();
    const size = () => getComputedStyle(text).fontSize;
    expect(size(), 'the default text size').to.equal('14px');
    document.documentElement.style.fontSize = '200%';
    expect(size(), 'text set to 200 % in the browser').to.equal('28px');
    document.documentElement.style.fontSize = '62.5%';
    expect(size(), 'a page with a 10px root for its rem units').to.equal('14px');
    host.style.setProperty('--live-chat-font-size', '18px');
    expect(size(), 'the page’s own size wins').to.equal('18px');
    host.remove();
  });
});
