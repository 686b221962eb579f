import {expect, html, waitUntil} from '@open-wc/testing';
import {render} from 'lit';
import {defineOnce} from '../../src/define-once.js';
import {WINDOW_ELEMENTS} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {makeMessage} from './fixtures.js';

// The window's elements as the widget defines them, without defineWindowElements(), which
// loads the markdown renderer and the attachment views at once: here they load on demand.
for (const [tag, ctor] of Object.entries(WINDOW_ELEMENTS)) defineOnce(tag, ctor);

const FILE = `${location.origin}/package.json`;

/** A list in the page, after its first render (no task has run since: no chunk has arrived). */
async function list(messages: ReturnType<typeof makeMessage>[]): Promise<LcMessageList> {
  const host = document.createElement('div');
  document.body.append(host);
  render(html`<lc-message-list .messages=${messages}></lc-message-list>`, host);
  const el = host.querySelector('lc-message-list')!;
  await el.updateComplete;
  return el;
}

const texts = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('.message .text')].map((t) => t.textContent!.trim());
const announced = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('.announcer p')].map((p) => p.textContent!.trim());

describe('message parts loaded on demand', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('lc-message-list')) el.parentElement!.remove();
  });

  it('shows and announces a message with markup once the renderer loads, losing none', async () => {
    const el = await list([makeMessage({text: 'Hello there'})]);
    el.messages = [...el.messages, makeMessage({text: '*Bold* and `code`'})];
    await el.updateComplete;
    // The renderer's chunk cannot have arrived yet (no task has run): the text shows as it is,
    // and the live region waits, so that a screen reader never hears the markers.
    expect(texts(el)).to.deep.equal(['Hello there', '*Bold* and `code`']);
    expect(announced(el)).to.deep.equal([]);
    // A message that arrives while the chunk loads is shown, and announced after the first.
    el.messages = [...el.messages, makeMessage({text: 'and _more_'})];
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Hello there', '*Bold* and `code`', 'and _more_']);

    await waitUntil(() => el.shadowRoot!.querySelector('.message em'), 'the markup renders');
    expect(texts(el)).to.deep.equal(['Hello there', 'Bold and code', 'and more']);
    expect(el.shadowRoot!.querySelector('.message strong')!.textContent).to.equal('Bold');
    expect(el.shadowRoot!.querySelector('.message code')!.textContent).to.equal('code');
    await waitUntil(() => announced(el).length === 2, 'both messages are announced');
    expect(announced(el)).to.deep.equal(['Ada Agent: Bold and code', 'Ada Agent: and more']);
  });

  it('shows a file once the attachment view has loaded', async () => {
    const attachment = {title: 'manual.json', url: FILE, type: 'application/json'};
    const el = await list([makeMessage({text: '', attachments: [attachment]})]);
    const card = el.shadowRoot!.querySelector('lc-attachment')!;
    await waitUntil(() => card.shadowRoot?.textContent?.includes('manual.json'), 'the card shows');
    expect(customElements.get('lc-attachment')).to.not.equal(undefined);
  });
});
