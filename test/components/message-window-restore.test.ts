import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {LOG_BOUND, LOG_WINDOW} from '../../src/components/message-list/message-window.js';
import type {Message, ReadingPosition} from '../../src/core/index.js';
import type {LcLoadOlderDetail, LcSaveViewDetail} from '../../src/events/events.js';
import {makeMessage} from './fixtures.js';

type Receive = (view: LcSaveViewDetail) => void;

const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const messageNodes = (el: LcMessageList) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]'),
];
const rendered = (el: LcMessageList) =>
  messageNodes(el).map((m) => m.querySelector('.text')?.textContent ?? '');
const isAtBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 2;

/** Messages of uneven length, so that a narrower log wraps them to other heights. */
const messages = (from: number, count: number, prefix = 'msg') =>
  Array.from({length: count}, (_, i) =>
    makeMessage({
      id: `${prefix}${from + i}`,
      text: `${prefix} ${from + i}${' and more words to wrap'.repeat((from + i) % 5)}`,
    }),
  );

const nodeOf = (el: LcMessageList, id: string) => messageNodes(el).find((m) => m.dataset.id === id);

/** How far the log's top edge is below the top of the message (what a reading position keeps). */
function offsetInto(el: LcMessageList, id: string): number {
  const node = nodeOf(el, id);
  return node ? log(el).getBoundingClientRect().top - node.getBoundingClientRect().top : NaN;
}

/** A list, and the function through which the session would hand it a restored view. */
async function listWithView(
  width: number,
  all?: readonly Message[],
): Promise<{el: LcMessageList; receive: Receive}> {
  let receive: Receive | undefined;
  const ask = (e: Event) => {
    receive = (e as CustomEvent<{receive: Receive}>).detail.receive;
  };
  document.addEventListener('lc-request-view', ask);
  const el = await fixture<LcMessageList>(
    html`<lc-message-list
      style="height: 300px; width: ${width}px"
      .messages=${all ?? []}
    ></lc-message-list>`,
  );
  document.removeEventListener('lc-request-view', ask);
  return {el, receive: receive!};
}

/** Scrolls the log and resolves what the list reports to keep with the session. */
async function scrollAndSave(el: LcMessageList, top: number): Promise<LcSaveViewDetail> {
  const saved = oneEvent(el, 'lc-save-view');
  log(el).scrollTop = top;
  return ((await saved) as CustomEvent<LcSaveViewDetail>).detail;
}

/** Reads back in a list of `history`, `top` px from the top, and resolves what it saved. */
async function readBack(
  history: readonly Message[],
  top: (log: HTMLElement) => number,
): Promise<ReadingPosition> {
  const {el} = await listWithView(400, history);
  await waitUntil(() => rendered(el).length === Math.min(history.length, LOG_WINDOW));
  await waitUntil(() => isAtBottom(log(el)), 'the log starts at the bottom');
  const saved = await scrollAndSave(el, top(log(el)));
  expect(saved.reading, 'a message is being read').to.be.an('object');
  return saved.reading!;
}

describe('<lc-message-list> kept reading position', () => {
  before(() => defineWindowElements());

  it('saves the message being read and how far into it the view begins, null at the bottom', async () => {
    const {el} = await listWithView(400, messages(0, 100));
    await waitUntil(() => rendered(el).length === 100 && isAtBottom(log(el)), 'all, at the bottom');
    const saved = await scrollAndSave(el, 1013);
    const top = log(el).getBoundingClientRect().top;
    const first = messageNodes(el).find((m) => m.getBoundingClientRect().bottom > top)!;
    expect(saved.reading!.id).to.equal(first.dataset.id);
    expect(saved.reading!.offset).to.be.closeTo(offsetInto(el, first.dataset.id!), 1);
    expect(saved.scrollTop, 'the pixels too, as before').to.equal(1013);

    const atBottom = await scrollAndSave(el, log(el).scrollHeight);
    expect(atBottom).to.deep.equal({scrollTop: null, reading: null});
  });

  it('comes back to that message in a narrower log whose history grew meanwhile', async () => {
    // Two views above the newest: a message the next page's first window holds too.
    const at = await readBack(messages(0, 100), (l) => l.scrollHeight - 3 * l.clientHeight + 17);
    // The next page: 150 more messages came meanwhile, and the window is narrower.
    const {el, receive} = await listWithView(260);
    receive({reading: at});
    el.messages = messages(0, 250);
    await waitUntil(() => nodeOf(el, at.id) !== undefined, 'the message is shown');
    await waitUntil(() => Math.abs(offsetInto(el, at.id) - at.offset) <= 1, 'at the same place');
    expect(isAtBottom(log(el))).to.be.false;
    expect(rendered(el).length, 'the first window, not stepped back').to.equal(LOG_WINDOW);
  });

  it('steps back to a message older than the first window holds', async () => {
    const at = await readBack(messages(0, 60), () => 500);
    const {el, receive} = await listWithView(400, messages(0, LOG_BOUND + 100));
    await waitUntil(() => rendered(el).length === LOG_WINDOW, 'the newest window');
    expect(nodeOf(el, at.id), 'not in the first window').to.equal(undefined);
    receive({reading: at});
    await waitUntil(() => nodeOf(el, at.id) !== undefined, 'stepped back to the message');
    await waitUntil(() => Math.abs(offsetInto(el, at.id) - at.offset) <= 1, 'at the same place');
    expect(rendered(el).length).to.be.at.most(LOG_BOUND);
  });

  it('asks the server for older pages until the message is in', async () => {
    const at = await readBack(messages(0, 60), () => 500);
    const {el, receive} = await listWithView(400);
    const asked: LcLoadOlderDetail['settle'][] = [];
    el.addEventListener('lc-load-older', (e) => {
      asked.push((e as CustomEvent<LcLoadOlderDetail>).detail.settle);
    });
    // The cache of the next page holds only the newest messages.
    receive({reading: at});
    el.messages = messages(100, 60);
    for (const [n, page] of [messages(60, 40), messages(0, 60)].entries()) {
      await waitUntil(() => asked.length === n + 1, 'an older page asked for');
      // The client merges the page into the transcript, then settles.
      el.messages = [...page, ...el.messages];
      await el.updateComplete;
      asked[n](true);
    }
    await waitUntil(() => nodeOf(el, at.id) !== undefined, 'the page with the message is shown');
    await waitUntil(() => Math.abs(offsetInto(el, at.id) - at.offset) <= 1, 'at the same place');
    expect(asked.length, 'no page more than needed').to.equal(2);
  });

  it('falls back to the newest messages when the message is gone', async () => {
    const {el, receive} = await listWithView(400);
    el.addEventListener('lc-load-older', (e) => {
      (e as CustomEvent<LcLoadOlderDetail>).detail.settle(false);
    });
    receive({reading: {id: 'deleted-one', offset: 40}});
    el.messages = messages(0, 100);
    await waitUntil(() => nodeOf(el, 'msg99') !== undefined, 'the newest message is shown');
    await waitUntil(() => isAtBottom(log(el)), 'at the newest messages');
    el.messages = [...el.messages, ...messages(100, 5)];
    await waitUntil(() => isAtBottom(log(el)) && nodeOf(el, 'msg104'), 'and it follows new ones');
  });

  it('takes a position of pixels only (an older session) as being at the newest messages', async () => {
    const {el, receive} = await listWithView(400);
    receive({scrollTop: 600});
    el.messages = messages(0, 100);
    await el.updateComplete;
    await waitUntil(() => isAtBottom(log(el)), 'at the newest messages');
  });
});
