import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {
  FIRST_PAINT,
  LOG_STEP,
  LOG_WINDOW,
} from '../../src/components/message-list/message-window.js';
import type {LcLoadOlderDetail, LcSaveViewDetail} from '../../src/events/events.js';
import {makeMessage} from './fixtures.js';

const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const rendered = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('[part~="message"] .text')].map((m) => m.textContent);
const isAtBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 2;
const messages = (count: number, prefix: string) =>
  Array.from({length: count}, (_, i) => makeMessage({id: `${prefix}${i}`, text: `${prefix} ${i}`}));

const messageNodes = (el: LcMessageList) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]'),
];

/** How far below the top of the log's view the message with this text stands. */
function offsetOf(el: LcMessageList, text: string): number {
  const node = messageNodes(el).find((m) => m.querySelector('.text')?.textContent === text);
  return node ? node.getBoundingClientRect().top - log(el).getBoundingClientRect().top : NaN;
}

/** The first message the reader sees at the top of the log. */
function reading(el: LcMessageList): string {
  const top = log(el).getBoundingClientRect().top;
  const node = messageNodes(el).find((m) => m.getBoundingClientRect().bottom > top + 1);
  return node!.querySelector('.text')!.textContent!;
}

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
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'the whole window');
    expect(isAtBottom(log(el)), 'the log starts at the bottom').to.be.true;
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

  it('paints the newest messages of a long conversation first, then the rest of the window', async () => {
    const all = messages(LOG_WINDOW + 10, 'msg');
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px"></lc-message-list>`,
    );
    el.messages = all;
    await el.updateComplete;
    expect(rendered(el)).to.deep.equal(all.slice(-FIRST_PAINT).map((m) => m.text));
    expect(isAtBottom(log(el)), 'at the newest message from the first paint').to.be.true;
    expect(log(el).scrollHeight).to.be.greaterThan(log(el).clientHeight, 'a full log');
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'the rest after that paint');
    expect(isAtBottom(log(el)), 'still at the newest message').to.be.true;
  });

  it('renders the whole window at once in a log taller than the first paint', async () => {
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 4000px"></lc-message-list>`,
    );
    el.messages = messages(LOG_WINDOW, 'msg');
    await el.updateComplete;
    // Before any frame: the rest was added in the same task, so no gap was ever painted.
    await Promise.resolve();
    await el.updateComplete;
    expect(rendered(el).length).to.equal(LOG_WINDOW);
  });

  it('restores a saved reading position once the whole window is in', async () => {
    let receive: ((view: LcSaveViewDetail) => void) | undefined;
    const ask = (e: Event) => {
      receive = (e as CustomEvent<{receive: typeof receive}>).detail.receive;
    };
    document.addEventListener('lc-request-view', ask);
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px"></lc-message-list>`,
    );
    document.removeEventListener('lc-request-view', ask);
    const all = messages(LOG_WINDOW, 'msg');
    el.messages = all;
    await el.updateComplete;
    receive!({reading: {id: 'msg0', offset: 0}});
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'the whole window');
    await waitUntil(() => isInView(el, 'msg 0'), 'where the reader was: the top of the window');
    expect(offsetOf(el, 'msg 0'), 'at the top of the view').to.be.closeTo(0, 1);
  });

  it('keeps a position restored before the messages came until they are in', async () => {
    let receive: ((view: LcSaveViewDetail) => void) | undefined;
    const ask = (e: Event) => {
      receive = (e as CustomEvent<{receive: typeof receive}>).detail.receive;
    };
    document.addEventListener('lc-request-view', ask);
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px"></lc-message-list>`,
    );
    document.removeEventListener('lc-request-view', ask);
    // A restored window opens on its empty log; the session's messages reach it on the next update.
    receive!({reading: {id: 'msg30', offset: 5}});
    el.messages = messages(100, 'msg');
    await el.updateComplete;
    expect(log(el).scrollHeight).to.be.greaterThan(1200);
    expect(offsetOf(el, 'msg 30'), 'where the reader was, not the top').to.be.closeTo(-5, 1);
  });

  it('keeps the message being read in place as older ones come above, each once and in order', async () => {
    const cached = messages(LOG_WINDOW + LOG_STEP + 10, 'msg');
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px" .messages=${cached}></lc-message-list>`,
    );
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'the whole window');
    let settle: LcLoadOlderDetail['settle'] | undefined;
    el.addEventListener('lc-load-older', (e) => {
      settle = (e as CustomEvent<LcLoadOlderDetail>).detail.settle;
    });

    // Two steps back through what the list holds, then a page from the server.
    for (const shown of [LOG_WINDOW + LOG_STEP, cached.length]) {
      await scrollTo(el, 10);
      const read = reading(el);
      const offset = offsetOf(el, read);
      await waitUntil(() => rendered(el).length === shown, `${shown} messages shown`);
      expect(offsetOf(el, read), 'the view does not jump').to.be.closeTo(offset, 1);
    }
    await scrollTo(el, 10);
    await waitUntil(() => settle !== undefined, 'an older page asked for');
    const read = reading(el);
    const offset = offsetOf(el, read);
    const older = messages(20, 'older');
    // The client merges the page into the transcript, then settles.
    el.messages = [...older, ...cached];
    await el.updateComplete;
    settle!(false);
    await waitUntil(() => rendered(el)[0] === 'older 0', 'the older page is shown');
    expect(offsetOf(el, read), 'the view does not jump').to.be.closeTo(offset, 1);
    expect(rendered(el), 'every message once, in order').to.deep.equal(
      [...older, ...cached].map((m) => m.text),
    );
  });

  it('steps back as the reader scrolls up within a view of the top, before they reach it', async () => {
    const all = messages(LOG_WINDOW + 300, 'msg');
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px" .messages=${all}></lc-message-list>`,
    );
    await waitUntil(() => rendered(el).length === LOG_WINDOW && isAtBottom(log(el)), 'the window');
    await scrollTo(el, 2 * log(el).clientHeight);
    await el.updateComplete;
    expect(rendered(el).length, 'two views from the top: nothing to do yet').to.equal(LOG_WINDOW);

    await scrollTo(el, log(el).clientHeight - 40);
    const read = reading(el);
    const offset = offsetOf(el, read);
    await waitUntil(() => rendered(el).length === LOG_WINDOW + LOG_STEP, 'older messages above');
    expect(offsetOf(el, read), 'the view does not jump').to.be.closeTo(offset, 1);
    expect(log(el).scrollTop, 'far from the top again').to.be.greaterThan(log(el).clientHeight);
  });

  it('asks the server for older messages before the reader reaches the top', async () => {
    const recent = messages(40, 'recent');
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 300px" .messages=${recent}></lc-message-list>`,
    );
    await waitUntil(() => isAtBottom(log(el)));
    const asked = oneEvent(el, 'lc-load-older');
    await scrollTo(el, log(el).clientHeight - 40);
    const {settle} = ((await asked) as CustomEvent<LcLoadOlderDetail>).detail;
    expect(log(el).scrollTop, 'the reader is not at the top').to.be.greaterThan(200);
    const read = reading(el);
    const offset = offsetOf(el, read);
    el.messages = [...messages(20, 'older'), ...recent];
    await el.updateComplete;
    settle(true);
    await waitUntil(() => rendered(el)[0] === 'older 0', 'the older page is shown');
    expect(offsetOf(el, read), 'the view does not jump').to.be.closeTo(offset, 1);
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
    // The step back a scroll asks for runs in a task of its own, queued before this one.
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(again, 'no more pages to ask for').to.equal(0);
  });
});
