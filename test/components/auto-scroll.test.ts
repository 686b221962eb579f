import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {makeMessage} from './fixtures.js';

const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const lastMessage = (el: LcMessageList) =>
  [...log(el).querySelectorAll<HTMLElement>('.message')].at(-1)!;
const isAtBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 2;

/** Makes a message taller without the list updating, as an image loading in it does. */
function grow(message: HTMLElement, px: number): Promise<void> {
  const block = document.createElement('div');
  block.style.blockSize = `${px}px`;
  message.append(block);
  // Resize observers run in creation order: once this one has run, the list's has too.
  return new Promise((resolve) => {
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(message);
  });
}

async function scrolledList(): Promise<LcMessageList> {
  const many = Array.from({length: 30}, () => makeMessage());
  const el = await fixture<LcMessageList>(
    html`<lc-message-list style="height: 200px" .messages=${many}></lc-message-list>`,
  );
  await waitUntil(() => isAtBottom(log(el)), 'the log starts at the bottom');
  return el;
}

describe('AutoScrollController (in <lc-message-list>)', () => {
  before(() => defineWindowElements());

  it('follows a message that grows after it is shown, such as an image loading', async () => {
    const el = await scrolledList();
    await grow(lastMessage(el), 300);
    await waitUntil(() => isAtBottom(log(el)), 'the log follows the grown message');
  });

  it('stays pinned when the layout, not the reader, scrolls the log', async () => {
    const el = await scrolledList();
    const block = document.createElement('div');
    block.style.blockSize = '300px';
    lastMessage(el).append(block);
    // Scroll anchoring moves the position a little as content grows; the event can come first.
    const scrolled = oneEvent(log(el), 'scroll');
    log(el).scrollTop += 24;
    await scrolled;
    el.messages = [...el.messages, makeMessage({text: 'Nice photo!'})];
    await waitUntil(() => isAtBottom(log(el)), 'the next reply is in view');
    expect(lastMessage(el).textContent).to.contain('Nice photo!');
  });

  it('leaves a reader who scrolled up where they are while content grows', async () => {
    const el = await scrolledList();
    const scrolled = oneEvent(log(el), 'scroll');
    log(el).scrollTop = 0;
    await scrolled;
    await grow(lastMessage(el), 300);
    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(log(el).scrollTop).to.equal(0);
  });
});
