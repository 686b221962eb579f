import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {whenDatesReady} from '../../src/i18n/dates-ready.js';
import {makeMessage, visitorMessage} from './fixtures.js';

const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const news = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLButtonElement>('.news');

/** What a screen reader names the button: its text without the parts hidden from it. */
function spokenName(button: HTMLElement): string {
  const copy = button.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

describe('<lc-message-list> news below', () => {
  before(async () => {
    defineWindowElements();
    await whenDatesReady();
  });

  it('counts the messages that arrived below while the reader is scrolled up', async () => {
    const many = Array.from({length: 30}, () => makeMessage());
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 200px" .messages=${many}></lc-message-list>`,
    );
    await waitUntil(() => log(el).scrollHeight - log(el).clientHeight - log(el).scrollTop < 2);
    log(el).scrollTop = 0;
    await oneEvent(log(el), 'scroll');

    el.messages = [...el.messages, makeMessage({text: 'One'}), makeMessage({text: 'Two'})];
    await el.updateComplete;
    expect(spokenName(news(el)!)).to.equal('New messages 2');
    // A failed message of the visitor is not news from below.
    el.messages = [...el.messages, visitorMessage({status: 'failed'}), makeMessage()];
    await el.updateComplete;
    expect(spokenName(news(el)!), 'the arrow is not read out').to.equal('New messages 3');
    await expect(el).to.be.accessible();

    news(el)!.click();
    await waitUntil(() => news(el) === null, 'the button leaves at the bottom');
    log(el).scrollTop = 0;
    await oneEvent(log(el), 'scroll');
    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(spokenName(news(el)!), 'the count starts again').to.equal('New messages 1');
  });
});
