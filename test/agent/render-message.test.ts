import {expect} from '@open-wc/testing';
import {html, render} from 'lit';
import type {RcMessage} from '../../src/core/protocol/index.js';
import {toConsoleMessage} from '../../src/agent/messages.js';
import {renderLog, renderMessage} from '../../src/agent/render-message.js';
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

  it("shows a file's caption under it, as plain text, from the message's attachment", () => {
    const caption = '<b>Quote</b> for the *cargo* bike';
    const raw = {
      _id: 'f1',
      rid: 'r1',
      msg: '',
      ts: {$date: Date.UTC(2025, 0, 15, 14, 30)},
      u: {_id: 'a1', username: 'agent', name: 'Agent Smith'},
      file: {_id: 'file1', name: 'quote.pdf', type: 'application/pdf'},
      attachments: [{title: 'quote.pdf', type: 'file', description: caption}],
    };
    const list = rendered(toConsoleMessage(raw as RcMessage));
    const shown = list.querySelector('.file-caption')!;
    expect(shown.previousElementSibling!.textContent).to.equal('quote.pdf');
    expect(shown.textContent).to.equal(caption);
    expect(shown.querySelectorAll('*').length).to.equal(0);
    const odd = toConsoleMessage({...raw, attachments: {description: 'x'}} as unknown as RcMessage);
    expect(odd.file!.description).to.equal(undefined, 'a malformed attachment list is ignored');
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

  it('heads each day of a log that spans days, right before its first message', () => {
    const ago = (days: number, hour: number) => {
      const day = new Date();
      day.setDate(day.getDate() - days);
      day.setHours(hour, 0, 0, 0);
      return day.getTime();
    };
    const log = [
      message({id: 'a', ts: ago(1, 22), text: 'Late question'}),
      message({id: 'b', ts: ago(1, 23), text: 'Still there?'}),
      message({id: 'c', ts: ago(0, 8), role: 'agent', text: 'Good morning!'}),
    ];
    const list = document.createElement('ol');
    render(html`${renderLog(log, (m) => renderMessage(m, () => undefined))}`, list);
    const entries = [...list.children].map((li) =>
      li.classList.contains('day')
        ? `[${li.textContent!.trim()}]`
        : li.querySelector('.text')!.textContent,
    );
    expect(entries).to.deep.equal([
      '[Yesterday]',
      'Late question',
      'Still there?',
      '[Today]',
      'Good morning!',
    ]);
  });
});
