import type {Browser, Page} from 'playwright';
import {startBenchChat} from './transcript-paint.js';

const TOTAL = 10_000;
/** Agent messages sent at once while the history is written. */
const BATCH = 50;
const NEWEST = 'the newest message';
/** Visits to the top of the log measured. */
const STEPS_BACK = 5;

// Strings, not functions: tsx adds helpers (`__name`) to functions that the page lacks.
const PAGE_HELPERS = `(() => {
  const deep = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deep(el.shadowRoot, selector));
    return found;
  };
  window.__messagesInDom = () => deep(document, '[part~="message"]').length;
  window.__log = () => deep(document, '[role="log"]')[0];
  const look = () => {
    if (deep(document, '[part~="message"] .text').some((t) => t.textContent === '${NEWEST}')) {
      window.__paintedAt = performance.now();
    } else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

const inDom = (page: Page) => page.evaluate('window.__messagesInDom()') as Promise<number>;

/**
 * A visitor comes back to a conversation that went on without them to 10,000 messages: how
 * long from navigation start until the newest message is painted, how many messages the page
 * holds then, after visiting the top of the log five times (each brings older ones), and back
 * at the bottom.
 */
export async function measureLongHistory(browser: Browser, url: string) {
  // The demo page's CSP forbids eval, which string predicates of waitForFunction use.
  const context = await browser.newContext({bypassCSP: true});
  const first = await context.newPage();
  const say = await startBenchChat(first, url, 'message 0');
  await first.close();
  for (let i = 1; i < TOTAL - 1; i += BATCH) {
    const size = Math.min(BATCH, TOTAL - 1 - i);
    await Promise.all(Array.from({length: size}, (_, k) => say(`message ${i + k}`)));
  }
  await say(NEWEST);

  const page = await context.newPage();
  await page.addInitScript(PAGE_HELPERS);
  await page.goto(url);
  // Within restore-timeout the window reopens by itself, showing the newest messages.
  await page.waitForFunction('window.__paintedAt', null, {timeout: 20_000});
  const paintMs = await page.evaluate('window.__paintedAt') as number;
  const atFirst = await inDom(page);
  let count = atFirst;
  for (let step = 0; step < STEPS_BACK; step++) {
    await page.evaluate('window.__log().scrollTo({top: 0})');
    await page.waitForFunction(`window.__messagesInDom() > ${count}`);
    count = await inDom(page);
  }
  await page.evaluate('window.__log().scrollTo({top: window.__log().scrollHeight})');
  await page.waitForFunction(`window.__messagesInDom() < ${count}`);
  const backAtBottom = await inDom(page);
  await context.close();
  return {messages: TOTAL, paintMs, inDom: atFirst, afterStepsBack: count, backAtBottom};
}
