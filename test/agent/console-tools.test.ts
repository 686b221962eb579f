import {expect} from '@open-wc/testing';
import {matchReplies} from '../../src/agent/canned-model.js';
import {waitingText} from '../../src/agent/queue-view.js';
import type {ConsoleMessage} from '../../src/agent/types.js';
import {consoleMessage, rendered} from './fixtures.js';

const fileMessage = (file: ConsoleMessage['file']) => consoleMessage({id: 'f1', file});

describe('agent console: files, saved replies, queue waits', () => {
  it('shows a picture as a thumbnail named by the file, other files as a download link', () => {
    const url = 'http://shop.example/file-upload/f1/a.png?token=signed';
    const picture = rendered(fileMessage({name: 'a.png', type: 'image/png', url}));
    const img = picture.querySelector('img')!;
    expect(img.alt).to.equal('a.png');
    expect(img.getAttribute('src')).to.equal(url);
    expect(picture.querySelector('.text')).to.equal(null, 'no empty text bubble');

    const pdf = rendered(
      fileMessage({
        name: 'invoice.pdf',
        type: 'application/pdf',
        url: 'http://shop.example/file-upload/f2/invoice.pdf?token=signed',
      }),
    );
    const link = pdf.querySelector('a')!;
    expect(link.textContent).to.equal('invoice.pdf');
    expect(link.getAttribute('download')).to.equal('invoice.pdf');
    expect(pdf.querySelector('img')).to.equal(null);

    const pending = rendered(fileMessage({name: 'b.png', type: 'image/png', url: ''}));
    expect(pending.querySelector('img, a')).to.equal(null, 'no link before the signed one');
    expect(pending.textContent).to.contain('b.png');
  });

  it('matches saved replies by shortcut start first, then anywhere, ignoring case', () => {
    const replies = [
      {id: '1', shortcut: 'hello', text: 'Hi there'},
      {id: '2', shortcut: 'shipping', text: 'We ship in 2 days'},
      {id: '3', shortcut: 'returns', text: 'Free returns, shipping paid by us'},
    ];
    expect(matchReplies(replies, 'ship').map((r) => r.id)).to.deep.equal(['2', '3']);
    expect(matchReplies(replies, 'SHIP').map((r) => r.id)).to.deep.equal(['2', '3']);
    expect(matchReplies(replies, '').map((r) => r.id)).to.deep.equal(['1', '2', '3']);
    expect(matchReplies(replies, 'zzz')).to.deep.equal([]);
  });

  it('says how long a visitor has waited', () => {
    const now = Date.UTC(2025, 0, 15, 14, 30);
    expect(waitingText(now - 20_000, now)).to.equal('waiting less than a minute');
    expect(waitingText(now - 3 * 60_000 - 5_000, now)).to.equal('waiting 3 min');
    expect(waitingText(now - 65 * 60_000, now)).to.equal('waiting 1 h 5 min');
    expect(waitingText(now - 120 * 60_000, now)).to.equal('waiting 2 h');
  });
});
