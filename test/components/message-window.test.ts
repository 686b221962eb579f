import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {LOG_STEP, LOG_WINDOW} from '../../src/components/message-list/message-window.js';
import type {LcLoadOlderDetail} from '../../src/events/events.js';
import {makeMessage} from './fixtures.js';

const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const rendered = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('[part~="message"] .text')].map((m) => m.textContent);
const isAtBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 2;
const messages = (count: number, prefix: string) =>
  Array.from({length: count}, (_, i) => makeMessage({id: `${prefix}${i}`, text: `${prefix} ${i}`}));

/** Whether the message with this text is within the log's visible area. */
function isInView(el: LcMessageList, text: string): boolean {
  const node = [...el.shadowRoot!.querySelectorAll('[part~="message"]')].find(
    (m) => m.querySelector('.text')?.textContent === text,
  );
  if (!node) return false;
  const box = node.getBoundingClientRect();
  const view = log(el).getBoundingClientRect();
  return box.bottom > view.top && box.top < view.bottom;
}

async function scrollTo(el: LcMessageList, top: number): Promise<void> {
  const scrolled = oneEvent(log(el), 'scroll');
  log(el).scrollTop = top;
  await scrolled;
}

describe('<lc-message-list> in a long conversation', () => {
  before(() => defineWindowElements());

  it('renders the newest messages only, and more as the reader scrolls back', async () => {
    const all = messages(LOG_WINDOW + 300, 'msg');
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px" .messages=${all}></lc-message-list>`,
    );
    await waitUntil(() => isAtBottom(log(el)), 'the log starts at the bottom');
    expect(rendered(el).length).to.equal(LOG_WINDOW);
    expect(rendered(el).at(-1)).to.equal(`msg ${all.length - 1}`);

    const oldest = `msg ${all.length - LOG_WINDOW}`;
    await scrollTo(el, 0);
    await waitUntil(() => rendered(el).length === LOG_WINDOW + LOG_STEP, 'a step back');
    expect(isInView(el, oldest), 'the reader stays where they were').to.be.true;
    expect(log(el).scrollTop).to.be.greaterThan(0);

    await scrollTo(el, log(el).scrollHeight);
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'bounded again at the bottom');
    expect(isAtBottom(log(el))).to.be.true;
  });

  it('asks the server for older pages at the top, and stops when there are none', async () => {
    const recent = messages(40, 'recent');
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px" .messages=${recent}></lc-message-list>`,
    );
    await waitUntil(() => isAtBottom(log(el)));
    const asked = oneEvent(el, 'lc-load-older');
    await scrollTo(el, 0);
    const {settle} = ((await asked) as CustomEvent<LcLoadOlderDetail>).detail;
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('.older');
    expect(status?.textContent?.trim()).to.equal('Loading earlier messages…');
    expect(log(el).getAttribute('aria-busy'), 'older messages are not news').to.equal('true');
    await expect(el).to.be.accessible();

    // The client merges the page into the transcript, then settles.
    el.messages = [...messages(20, 'older'), ...recent];
    await el.updateComplete;
    expect(rendered(el)[0]).to.equal('recent 0', 'held back until the reader steps back');
    settle(false);
    await waitUntil(() => rendered(el)[0] === 'older 0', 'the older page is shown');
    expect(isInView(el, 'recent 0'), 'above what the reader was reading').to.be.true;
    expect(el.shadowRoot!.querySelector('.older')).to.equal(null);
    expect(log(el).hasAttribute('aria-busy')).to.equal(false);

    let again = 0;
    el.addEventListener('lc-load-older', () => again++);
    await scrollTo(el, 0);
    await el.updateComplete;
    expect(again, 'no more pages to ask for').to.equal(0);
  });
});
