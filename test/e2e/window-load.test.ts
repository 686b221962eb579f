import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {
  log,
  openChat,
  openPage,
  send,
  shows,
  useWidgetSuite,
  widget,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

describe('how the window opens', () => {
  let suite: ShopSuite;
  useWidgetSuite((started) => {
    suite = started;
  });

  it('offline, before its window downloaded: the launcher says so and stays "Open chat"; back online, it opens', async () => {
    const {context, page, errors} = await openPage(suite.browser, suite.shop);
    const launcher = widget(page).getByRole('button', {name: 'Open chat'});
    await launcher.waitFor();
    const failures = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.querySelector('live-chat')!.addEventListener('lc-error', (event) => {
            resolve((event as CustomEvent<{error: {code: string}}>).detail.error.code);
          });
        }),
    );
    // The window's code comes with the first opening: offline, it cannot.
    await context.setOffline(true);
    await launcher.focus();
    await page.keyboard.press('Enter');
    const note = widget(page).getByRole('status').filter({hasText: 'could not be loaded'});
    await note.waitFor();
    assert.equal(
      await note.textContent(),
      'The chat could not be loaded. Check your connection and try again.',
    );
    assert.equal(await failures, 'network');
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await widget(page).getByRole('dialog').count(), 0, 'no empty window left open');
    assert.ok(
      await launcher.evaluate((button) => button.matches(':focus')),
      'focus stays on the launcher',
    );

    await context.setOffline(false);
    await page.keyboard.press('Enter');
    await widget(page).getByRole('dialog').waitFor();
    await note.waitFor({state: 'hidden'});
    await send(page, 'Hello again');
    await shows(page, 'Hello again');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('rises when the visitor opens it, and comes back after a reload already open', async () => {
    const {context, page, errors} = await openPage(suite.browser, suite.shop);
    await openChat(page);
    const rise = () =>
      widget(page)
        .locator('lc-window')
        .evaluate((element) => getComputedStyle(element).animationName);
    assert.equal(await rise(), 'lc-rise');
    await send(page, 'Still here after the reload?');
    await log(page).locator('.message.sent', {hasText: 'Still here after the reload?'}).waitFor();
    await page.reload();
    await widget(page).getByRole('dialog').waitFor();
    await shows(page, 'Still here after the reload?');
    assert.equal(await rise(), 'none', 'open as the visitor left it, not opening again');
    // Closed and opened again by the visitor, it rises again.
    await widget(page).getByRole('button', {name: 'Minimize chat'}).click();
    await openChat(page);
    assert.equal(await rise(), 'lc-rise');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
