import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {AgentApiError} from '../../src/agent/api.js';
import type {LcAgentComposer} from '../../src/agent/composer.js';
import type {LcAgentConversation} from '../../src/agent/conversation.js';
import {defineAgentElements} from '../../src/agent/define.js';
import {UploadRefused, uploadErrorText} from '../../src/agent/upload-api.js';
import {roomSummary} from './fixtures.js';

defineAgentElements();

const picture = () =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'screen.png', {
    type: 'image/png',
  });

/**
 * A paste carrying `data`. Firefox's `ClipboardEvent` constructor drops the files of the
 * `clipboardData` it is given, so the event carries it as the browser's own paste does.
 */
function pasteOf(data: DataTransfer): ClipboardEvent {
  const event = new ClipboardEvent('paste', {bubbles: true, composed: true, cancelable: true});
  Object.defineProperty(event, 'clipboardData', {value: data});
  return event;
}

describe('agent console: sending files from the reply box', () => {
  async function composer(): Promise<LcAgentComposer> {
    return fixture<LcAgentComposer>(html`<lc-agent-composer rid="r1"></lc-agent-composer>`);
  }

  it('sends a pasted picture, and leaves pasted text to the box', async () => {
    const el = await composer();
    const box = el.shadowRoot!.querySelector('textarea')!;
    const data = new DataTransfer();
    data.items.add(picture());
    const sent = oneEvent(el, 'lc-agent-upload');
    const paste = pasteOf(data);
    box.dispatchEvent(paste);
    const {detail} = await sent;
    expect(detail.rid).to.equal('r1');
    expect(detail.files.map((f: File) => f.name)).to.deep.equal(['screen.png']);
    expect(paste.defaultPrevented).to.equal(true);

    const text = new DataTransfer();
    text.setData('text/plain', 'hello');
    const textPaste = pasteOf(text);
    box.dispatchEvent(textPaste);
    expect(textPaste.defaultPrevented).to.equal(false);
  });

  it('sends the typed text with the file as its caption and empties the box; a "/" query stays', async () => {
    const el = await composer();
    const box = el.shadowRoot!.querySelector('textarea')!;
    const type = async (text: string) => {
      box.value = text;
      box.dispatchEvent(new Event('input'));
      await el.updateComplete;
    };
    const pastePicture = () => {
      const data = new DataTransfer();
      data.items.add(picture());
      box.dispatchEvent(pasteOf(data));
    };
    await type('  Here is the screenshot  ');
    const sent = oneEvent(el, 'lc-agent-upload');
    pastePicture();
    expect((await sent).detail.caption).to.equal('Here is the screenshot');
    await el.updateComplete;
    expect(box.value).to.equal('', 'the text went with the file');

    await type('/tha');
    const query = oneEvent(el, 'lc-agent-upload');
    pastePicture();
    expect((await query).detail.caption).to.equal('');
    await el.updateComplete;
    expect(box.value).to.equal('/tha');
  });

  it('shows the caption under its file on the way, and a refused file’s caption back in the box', async () => {
    const el = await composer();
    const root = el.shadowRoot!;
    el.upload = {
      uploads: [{id: 3, name: 'quote.pdf', fraction: 0.2, caption: 'The quote you asked for'}],
      error: '',
    };
    await el.updateComplete;
    const row = root.querySelector('.uploads li')!;
    expect(row.textContent).to.contain('quote.pdf');
    expect(row.textContent).to.contain('The quote you asked for');

    // console-uploads.ts gave the caption back to the chat's stored reply.
    sessionStorage.setItem('live-chat-agent:draft:r1', 'The quote you asked for');
    el.upload = {uploads: [], error: 'quote.pdf: refused.', returned: 1};
    await el.updateComplete;
    expect(root.querySelector('textarea')!.value).to.equal('The quote you asked for');
    sessionStorage.removeItem('live-chat-agent:draft:r1');
  });

  it('shows a file on its way by name with "Cancel upload", then the refusal, and gives the box the keyboard back', async () => {
    const el = await composer();
    const root = el.shadowRoot!;
    expect(root.querySelector('button')!.textContent!.trim()).to.equal('Attach a file');
    el.upload = {uploads: [{id: 7, name: 'screen.png', fraction: 0.5, caption: ''}], error: ''};
    await el.updateComplete;
    const bar = root.querySelector('progress')!;
    const name = root.getElementById(bar.getAttribute('aria-labelledby')!)!;
    expect(name.textContent).to.equal('screen.png');
    expect(bar.value).to.equal(0.5);
    const cancel = [...root.querySelectorAll('button')].find(
      (b) => b.textContent!.trim() === 'Cancel upload',
    )!;
    cancel.focus();
    const cancelled = oneEvent(el, 'lc-agent-upload-cancel');
    cancel.click();
    expect((await cancelled).detail).to.deep.equal({rid: 'r1', id: 7});

    el.upload = {uploads: [], error: 'screen.png: The file is too large.'};
    await el.updateComplete;
    expect(root.querySelector('progress')).to.equal(null);
    expect(root.querySelector('[role=alert]')!.textContent!.trim()).to.equal(
      'screen.png: The file is too large.',
    );
    expect(root.activeElement).to.equal(root.querySelector('textarea'));
  });

  it('sends files dropped on an open chat, and none dropped on a closed one', async () => {
    const room = roomSummary({visitorName: 'Vera'});
    const el = await fixture<LcAgentConversation>(
      html`<lc-agent-conversation .room=${room}></lc-agent-conversation>`,
    );
    const drop = () => {
      const data = new DataTransfer();
      data.items.add(picture());
      const event = new DragEvent('drop', {bubbles: true, composed: true, cancelable: true});
      Object.defineProperty(event, 'dataTransfer', {value: data});
      return event;
    };
    const uploads: string[] = [];
    el.addEventListener('lc-agent-upload', (e) => uploads.push(e.detail.files[0]!.name));
    const onOpen = drop();
    el.dispatchEvent(onOpen);
    expect(uploads).to.deep.equal(['screen.png']);
    expect(onOpen.defaultPrevented).to.equal(true, 'the browser does not open the file');

    el.room = {...room, isOpen: false};
    await el.updateComplete;
    const onClosed = drop();
    el.dispatchEvent(onClosed);
    expect(uploads).to.deep.equal(['screen.png'], 'nothing more was sent');
    expect(onClosed.defaultPrevented).to.equal(true);
  });

  it('says why a file was not sent', () => {
    expect(uploadErrorText(new UploadRefused('The file is too large.'))).to.equal(
      'The file is too large.',
    );
    expect(uploadErrorText(new AgentApiError(400, 'room-closed'))).to.equal(
      'This chat is closed: the file was not sent.',
    );
    expect(
      uploadErrorText(new AgentApiError(429, 'You must wait 12 seconds before trying again')),
    ).to.equal('Too many files in a short time. Try again in 12 seconds.');
    expect(uploadErrorText(new AgentApiError(0, 'network'))).to.contain('Check the connection');
  });
});
