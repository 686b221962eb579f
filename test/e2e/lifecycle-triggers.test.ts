import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {agentOf, openPage, startDemoSuite, type WidgetSuite} from '../helpers/node/widget-site.js';

const TRIGGERS = [
  {
    _id: 'bikes-greeting',
    name: 'On the bikes page',
    enabled: true,
    runOnce: true,
    conditions: [{name: 'page-url' as const, value: 'page=bikes'}],
    actions: [
      {
        name: 'send-message' as const,
        params: {sender: 'custom' as const, name: 'Kettle bot', msg: 'Looking for a new bike?'},
      },
    ],
  },
  {
    _id: 'opened-greeting',
    enabled: true,
    runOnce: false,
    conditions: [{name: 'chat-opened-by-visitor' as const}],
    actions: [
      {
        name: 'send-message' as const,
        params: {sender: 'custom' as const, name: 'Kettle bot', msg: 'Hi! Ask us anything.'},
      },
    ],
  },
];

/** Waits until the widget has its config (and so has run its page triggers). */
async function widgetReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const widget = document.querySelector('live-chat') as unknown as {ready: Promise<unknown>};
    await widget.ready;
  });
  // Trigger actions resolve in the microtasks after `ready`; one frame is well after them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

async function storedSomething(page: Page): Promise<{databases: string[]; local: number}> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
    local: localStorage.length,
  }));
}

describe('triggers', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({settings: {registrationForm: false, triggers: TRIGGERS}});
  });

  after(() => stage?.close());

  it('greet on the matching page only, once, without creating a visitor', async () => {
    const {page, errors} = await openPage(stage.browser, `${stage.site.url}/?page=about`);
    await widgetReady(page);
    const launcher = page.getByRole('button', {name: 'Open chat'});
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false', 'no greeting here');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);

    await page.goto(new URL('/?page=bikes', stage.site.url).href);
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('log').getByText('Looking for a new bike?').waitFor();
    await dialog.getByText('Kettle bot').waitFor();
    const closer = page.getByRole('button', {name: 'Close chat'});
    assert.equal(await closer.getAttribute('aria-expanded'), 'true', 'the greeting opened it');
    const focused = await page.evaluate(async () => {
      type Lit = Element & {updateComplete: Promise<unknown>};
      const win = document.querySelector('live-chat')!.shadowRoot!.querySelector<Lit>('lc-window')!;
      await win.updateComplete;
      await win.shadowRoot!.querySelector<Lit>('lc-composer')?.updateComplete;
      return document.activeElement?.localName ?? null;
    });
    assert.notEqual(focused, 'live-chat', 'a window the visitor did not open takes no focus');
    assert.deepEqual(await storedSomething(page), {databases: [], local: 0});
    assert.equal((await (await agentOf(stage.site.url)).openRoomIds()).length, 0);

    await page.reload();
    await widgetReady(page);
    assert.equal(
      await page.getByRole('button', {name: 'Open chat'}).getAttribute('aria-expanded'),
      'false',
      'a runOnce trigger does not greet again in this tab',
    );
    assert.deepEqual(errors, []);
  });

  it('greet when the page moves to a matching address without a reload', async () => {
    const {page, errors} = await openPage(stage.browser, `${stage.site.url}/?page=about`);
    await widgetReady(page);
    assert.equal(
      await page.getByRole('button', {name: 'Open chat'}).getAttribute('aria-expanded'),
      'false',
    );
    // A single-page app's navigation: only the fragment changes (`hashchange`).
    await page.evaluate(() => (location.hash = 'page=bikes'));
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('log').getByText('Looking for a new bike?').waitFor();
    assert.deepEqual(errors, []);
  });

  it('greet when the visitor opens the chat, not when a trigger opened it', async () => {
    const {page, errors} = await openPage(stage.browser, `${stage.site.url}/?page=bikes`);
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('log').getByText('Looking for a new bike?').waitFor();
    assert.equal(await dialog.getByText('Hi! Ask us anything.').count(), 0);

    await dialog.getByRole('button', {name: 'Minimize chat'}).click();
    await page.getByRole('button', {name: 'Open chat'}).click();
    await dialog.getByRole('log').getByText('Hi! Ask us anything.').waitFor();

    await dialog.getByRole('textbox', {name: 'Message'}).fill('Yes, a gravel bike.');
    await dialog.getByRole('button', {name: 'Send'}).click();
    await dialog.getByRole('log').getByText('Yes, a gravel bike.').waitFor();
    const desk = await agentOf(stage.site.url);
    await desk.openRoomIds().then((ids) => assert.equal(ids.length, 1, 'answering starts a chat'));
    assert.deepEqual(errors, []);
  });
});
