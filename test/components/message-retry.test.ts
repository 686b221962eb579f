import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {whenDatesReady} from '../../src/i18n/dates-ready.js';
import {visitorMessage} from './fixtures.js';

describe('<lc-message-list> failed messages', () => {
  before(async () => {
    defineWindowElements();
    await whenDatesReady();
  });

  it('describes each Retry button by the text it sends again', async () => {
    const messages = [
      visitorMessage({text: 'Is the **Pebble 20** in stock?', status: 'failed'}),
      visitorMessage({text: 'And in blue?', status: 'failed'}),
    ];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('strong'), 'the markdown renderer arrives');
    const described = [...root.querySelectorAll<HTMLButtonElement>('.retry')].map((b) => [
      b.textContent!.trim(),
      root.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent!.trim(),
    ]);
    expect(described).to.deep.equal([
      ['Retry', 'Is the Pebble 20 in stock?'],
      ['Retry', 'And in blue?'],
    ]);
    await expect(el).to.be.accessible();
  });
});
