import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser} from 'playwright';
import {
  newContext,
  shows,
  startChat,
  texts,
  useWidgetSuite,
  waitForStored,
  waitForStoredText,
  type Agent,
} from '../helpers/node/widget-site.js';

// A string, not a function (tsx's helpers do not exist in the page): from the page's start,
// each animation frame notes what a visitor would see of the chat window in that frame, until
// it has shown `window.__until` (the frame's callbacks run before it is painted).
const FRAMES = `(() => {
  window.__frames = [];
  const inside = (root, selector) => root?.shadowRoot?.querySelector(selector) ?? null;
  const look = () => {
    const view = inside(document.querySelector('live-chat'), 'lc-window');
    if (view && !view.hidden && view.checkVisibility()) {
      const list = inside(view, 'lc-message-list');
      const shown = [...(list?.shadowRoot?.querySelectorAll('.message:not(.system) .text') ?? [])];
      const frame = shown.map((text) => text.textContent.trim());
      window.__frames.push(frame);
      if (frame.includes(window.__until)) return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

describe('coming back in a new tab (docs/reliability.md)', () => {
  let browser: Browser;
  let agent: Agent;
  let url: string;

  useWidgetSuite((suite) => {
    ({browser, agent, shop: url} = suite);
  });

  it('opens on the conversation as it was: no frame of an empty window, each message once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    const rid = await startChat(page, 'Has my parcel left?');
    await agent.reply(rid, 'Yes, this morning.');
    await shows(page, 'Yes, this morning.');
    await waitForStoredText(page, 'Yes, this morning.');
    await waitForStored(page, (r: {view: {open: boolean}}) => r.view.open === true);

    await page.close();

    // Same browser, new tab: its sessionStorage is empty, the site's IndexedDB is not.
    const tab = await context.newPage();
    // Background tabs get no animation frames.
    await tab.bringToFront();
    await tab.addInitScript(`window.__until = 'Yes, this morning.'; ${FRAMES}`);
    await tab.goto(url);
    await shows(tab, 'Yes, this morning.');
    await tab.waitForFunction(() => (window as unknown as {__frames: string[][]}).__frames.length);
    const frames = (await tab.evaluate('window.__frames')) as string[][];
    const conversation = ['Has my parcel left?', 'Yes, this morning.'];
    assert.deepEqual(frames[0], conversation, `the first frames shown: ${JSON.stringify(frames)}`);
    // Once the server has answered too, nothing shows twice.
    await tab.waitForFunction(
      () =>
        (document.querySelector('live-chat') as unknown as {client: {connection: string}}).client
          .connection === 'connected',
    );
    await agent.reply(rid, 'It arrives tomorrow.');
    await shows(tab, 'It arrives tomorrow.');
    assert.deepEqual(await texts(tab), [...conversation, 'It arrives tomorrow.']);
    await context.close();
  });
});
