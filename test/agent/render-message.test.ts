import {expect} from '@open-wc/testing';
import {consoleMessage as message, rendered} from './fixtures.js';

describe('agent console renderMessage', () => {
  it("shows a visitor's markup as DOM, in the text's own direction", () => {
    const text = rendered(
      message({text: '*Urgent*: my order `#42` ~arrived~ never came :cry:'}),
    ).querySelector('.text')!;
    expect(text.getAttribute('dir')).to.equal('auto');
    expect(text.querySelector('strong')!.textContent).to.equal('Urgent');
    expect(text.querySelector('code')!.textContent).to.equal('#42');
    expect(text.querySelector('del')!.textContent).to.equal('arrived');
    expect(text.textContent).to.equal('Urgent: my order #42 arrived never came 😢');
  });

  it('keeps HTML and unsafe links as text', () => {
    const attack = '<img src=x onerror=alert(1)> [click](javascript:alert(1))';
    const text = rendered(message({text: attack})).querySelector('.text')!;
    expect(text.querySelectorAll('*').length).to.equal(0);
    expect(text.textContent).to.equal(attack);
  });

  it("links an agent's URL safely", () => {
    const link = rendered(message({role: 'agent', text: 'See www.example.com.'})).querySelector(
      '.text a',
    )!;
    expect(link.getAttribute('href')).to.equal('https://www.example.com/');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
  });

  it('keeps system lines plain', () => {
    const entry = message({role: 'system', type: 'uj', text: '*Ada* joined the chat'});
    const text = rendered(entry).querySelector('.text')!;
    expect(text.querySelector('strong')).to.equal(null);
    expect(text.textContent).to.equal('*Ada* joined the chat');
  });
});
