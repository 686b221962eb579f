import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {LOG_BOUND, LOG_STEP, LOG_WINDOW} from '../../src/components/message-list/message-window.js';
import type {Message} from '../../src/core/index.js';
import {isoDay, startsDay} from '../../src/i18n/day-label.js';
import {whenDatesReady} from '../../src/i18n/dates-ready.js';
import {pressKey} from '../helpers/keys.js';
import {makeMessage, visitorMessage} from './fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const messageNodes = (el: LcMessageList) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]'),
];
const rendered = (el: LcMessageList) =>
  messageNodes(el).map((m) => m.querySelector('.text')?.textContent ?? '');
const below = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight;
const isAtBottom = (el: HTMLElement) => below(el) < 2;
const announced = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('.announcer p')].map((p) => p.textContent!.trim());
const newsButton = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => /New messages/.test(b.textContent!));

/** Messages of an agent, a new day every seven, so that the log's edges fall on and off a day. */
const history = (count: number) =>
  Array.from({length: count}, (_, i) =>
    makeMessage({
      id: `msg${i}`,
      text: `msg ${i}`,
      ts: Date.UTC(2024, 0, 1, 12) + Math.floor(i / 7) * DAY_MS + i * 1000,
    }),
  );

/** The first message the reader sees at the top of the log, and how far below that top it is. */
function reading(el: LcMessageList): {text: string; top: number} {
  const view = log(el).getBoundingClientRect();
  const node = messageNodes(el).find((m) => m.getBoundingClientRect().bottom > view.top + 1)!;
  return {text: node.querySelector('.text')!.textContent!, top: offsetOf(el, node)};
}

function offsetOf(el: LcMessageList, node: Element | undefined): number {
  return node ? node.getBoundingClientRect().top - log(el).getBoundingClientRect().top : NaN;
}

const nodeOf = (el: LcMessageList, text: string) =>
  messageNodes(el).find((m) => m.querySelector('.text')?.textContent === text);

/** The log shows a run of the conversation: each message once, none skipped, in order. */
function expectRun(el: LcMessageList, all: readonly Message[]): void {
  const texts = rendered(el);
  const from = all.findIndex((m) => m.text === texts[0]);
  expect(from, 'the first shown is in the conversation').to.be.at.least(0);
  expect(texts).to.deep.equal(all.slice(from, from + texts.length).map((m) => m.text));
  expect(texts.length, 'a bounded log').to.be.at.most(LOG_BOUND);
}

/** Each shown message has the day heading it has in the whole conversation, and no other. */
function expectDayHeadings(el: LcMessageList, all: readonly Message[]): void {
  const now = Date.now();
  const index = new Map(all.map((m, i) => [m.text, i]));
  for (const node of messageNodes(el)) {
    const text = node.querySelector('.text')!.textContent!;
    const i = index.get(text)!;
    const heading = node.previousElementSibling?.matches('[part="day-heading"]')
      ? node.previousElementSibling
      : null;
    const starts = startsDay(all[i].ts, all[i - 1]?.ts, now);
    expect(heading !== null, `a heading before ${text} iff its day starts there`).to.equal(starts);
    if (heading) expect(heading.querySelector('time')!.dateTime).to.equal(isoDay(all[i].ts));
  }
}

async function scrollTo(el: LcMessageList, top: number): Promise<void> {
  const max = log(el).scrollHeight - log(el).clientHeight;
  // A position the log already has fires no scroll event.
  if (Math.abs(log(el).scrollTop - Math.min(Math.max(0, top), max)) < 1) return;
  const scrolled = oneEvent(log(el), 'scroll');
  log(el).scrollTop = top;
  await scrolled;
}

/** Scrolls to the top and waits for the step back; the message read stays where it was. */
async function stepBack(el: LcMessageList, all: readonly Message[]): Promise<void> {
  const first = rendered(el)[0];
  await scrollTo(el, 10);
  const read = reading(el);
  await waitUntil(() => rendered(el)[0] !== first, 'older messages above');
  expect(offsetOf(el, nodeOf(el, read.text)), 'the view does not jump').to.be.closeTo(read.top, 1);
  expectRun(el, all);
}

/** Reads back until the newest message is no longer rendered. */
async function readBackPastBound(el: LcMessageList, all: readonly Message[]): Promise<void> {
  for (let i = 0; i < 40 && rendered(el).at(-1) === all.at(-1)!.text; i++) await stepBack(el, all);
  expect(rendered(el).at(-1), 'the newest dropped').not.to.equal(all.at(-1)!.text);
}

/** Reads back until the oldest message shows. */
async function readBackToStart(el: LcMessageList, all: readonly Message[]): Promise<void> {
  for (let i = 0; i < 40 && rendered(el)[0] !== all[0].text; i++) await stepBack(el, all);
  expect(rendered(el)[0], 'the start of the conversation').to.equal(all[0].text);
}

async function longLog(all: readonly Message[]): Promise<LcMessageList> {
  const el = await fixture<LcMessageList>(
    html`<lc-message-list style="height: 300px" .messages=${all}></lc-message-list>`,
  );
  await waitUntil(() => rendered(el).length === LOG_WINDOW && isAtBottom(log(el)), 'the window');
  // As in Safari, which has no scroll anchoring: the log keeps the view in place itself.
  log(el).style.overflowAnchor = 'none';
  return el;
}

describe('<lc-message-list> read far back', function () {
  // Each test scrolls through hundreds of messages, a step at a time, on a machine that may be busy.
  this.timeout(30_000);

  before(async () => {
    defineWindowElements();
    await whenDatesReady();
  });

  it('renders at most LOG_BOUND messages, dropping the newest, and adds them back ahead of the reader', async () => {
    const all = history(LOG_BOUND + 2 * LOG_STEP + 20);
    const el = await longLog(all);
    await readBackToStart(el, all);
    expect(rendered(el)).to.have.length(LOG_BOUND);
    expect(rendered(el).at(-1)).to.equal(all[LOG_BOUND - 1].text);
    expectDayHeadings(el, all);

    const busy: (string | null)[] = [];
    new MutationObserver(() => busy.push(log(el).getAttribute('aria-busy'))).observe(log(el), {
      attributeFilter: ['aria-busy'],
    });
    while (rendered(el).at(-1) !== all.at(-1)!.text) {
      const last = rendered(el).at(-1);
      // Two views above the end of what the log holds: the next messages come before it.
      await scrollTo(el, log(el).scrollHeight - 2 * log(el).clientHeight);
      const read = reading(el);
      await waitUntil(() => rendered(el).at(-1) !== last, 'newer messages below');
      expect(offsetOf(el, nodeOf(el, read.text)), 'the view does not jump').to.be.closeTo(
        read.top,
        1,
      );
      expect(isAtBottom(log(el)), 'the reader never reached the edge').to.be.false;
      expectRun(el, all);
      expectDayHeadings(el, all);
    }
    expect(busy.filter((b) => b === 'true').length, 'busy while each step goes in').to.equal(
      Math.ceil((all.length - LOG_BOUND) / LOG_STEP),
    );
    expect(log(el).hasAttribute('aria-busy')).to.be.false;
    expect(announced(el), 'messages shown again are not news').to.deep.equal([]);

    await scrollTo(el, log(el).scrollHeight);
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'the window again at the bottom');
    expect(isAtBottom(log(el))).to.be.true;
    expect(rendered(el).at(-1)).to.equal(all.at(-1)!.text);
  });

  it('offers new messages to a reader far back, and takes them there; an own message goes there at once', async () => {
    const all = history(LOG_BOUND + LOG_STEP);
    const el = await longLog(all);
    await readBackPastBound(el, all);
    await scrollTo(el, log(el).scrollHeight - log(el).clientHeight);
    const reply = makeMessage({text: 'Are you still there?'});
    el.messages = [...all, reply];
    await el.updateComplete;
    expect(announced(el)).to.deep.equal(['Ada Agent: Are you still there?']);
    expect(newsButton(el), 'the end of what the log holds is not the bottom').to.exist;
    expect(rendered(el)).not.to.include(reply.text);

    newsButton(el)!.click();
    await waitUntil(() => isAtBottom(log(el)) && rendered(el).at(-1) === reply.text, 'newest');
    expect(rendered(el)).to.have.length(LOG_WINDOW);
    expect(newsButton(el)).to.be.undefined;
    expectRun(el, el.messages);

    await readBackPastBound(el, el.messages);
    expect(rendered(el)).not.to.include(reply.text);
    const own = visitorMessage({text: 'Yes, one moment', status: 'pending'});
    el.messages = [...el.messages, own];
    await el.updateComplete;
    await waitUntil(() => isAtBottom(log(el)), 'the own message in view');
    expect(rendered(el).at(-1)).to.equal(own.text);
    expectRun(el, el.messages);
  });

  it('takes a reader far back to the newest with End, and PageDown never reaches the end of what the log holds', async () => {
    const all = history(LOG_BOUND + LOG_STEP);
    const el = await longLog(all);
    log(el).focus();
    await readBackToStart(el, all);
    expect(rendered(el).at(-1)).not.to.equal(all.at(-1)!.text);
    await pressKey('End');
    await waitUntil(() => isAtBottom(log(el)) && rendered(el).at(-1) === all.at(-1)!.text, 'End');
    expect(rendered(el)).to.have.length(LOG_WINDOW);
    expect(el.shadowRoot!.activeElement === log(el), 'focus stays on the log').to.be.true;

    await readBackToStart(el, all);
    let sawEdge = false;
    const watch = () => {
      if (isAtBottom(log(el)) && rendered(el).at(-1) !== all.at(-1)!.text) sawEdge = true;
    };
    log(el).addEventListener('scroll', watch);
    await scrollTo(el, log(el).scrollHeight - 5 * log(el).clientHeight);
    for (let presses = 0; presses < 20 && rendered(el).at(-1) !== all.at(-1)!.text; presses++) {
      const scrolled = oneEvent(log(el), 'scroll');
      await pressKey('PageDown');
      await scrolled;
    }
    log(el).removeEventListener('scroll', watch);
    expect(rendered(el).at(-1), 'PageDown brought the newest back').to.equal(all.at(-1)!.text);
    expect(sawEdge, 'the dropped messages came before the reader reached them').to.be.false;
    expectRun(el, all);
  });

  it('brings older messages when PageUp reaches the top', async () => {
    const all = history(LOG_WINDOW + LOG_STEP);
    const el = await longLog(all);
    log(el).focus();
    await scrollTo(el, log(el).clientHeight / 2);
    await pressKey('PageUp');
    await waitUntil(() => rendered(el)[0] === all[0].text, 'older messages above');
    expectRun(el, all);
    expect(log(el).scrollTop, 'the older ones are above the view').to.be.greaterThan(0);
    expect(el.shadowRoot!.activeElement === log(el), 'focus stays on the log').to.be.true;
  });

  it('moves focus to the log when the message that holds it is dropped', async () => {
    const failed = visitorMessage({id: 'lost', text: 'Hello?', status: 'failed'});
    const all = [...history(LOG_BOUND), failed];
    const el = await longLog(all);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!;
    retry.focus();
    expect(el.shadowRoot!.activeElement === retry).to.be.true;
    await readBackToStart(el, all);
    expect(retry.isConnected, 'the failed message was dropped').to.be.false;
    expect(el.shadowRoot!.activeElement === log(el), 'focus is not lost to the page').to.be.true;
  });
});
