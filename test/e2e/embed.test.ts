import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser} from 'playwright';
import {openPage, useWidgetSuite} from '../helpers/node/widget-site.js';

// The queue stub a site pastes before the script, as in the README; the snippet pasted twice
// (either async copy may run first).
const PAGE = `<!doctype html><html lang="en"><head><title>Shop</title>
<script>window.LiveChat=window.LiveChat||function(){(window.LiveChat.q=window.LiveChat.q||[]).push([].slice.call(arguments))};
LiveChat('show');</script>
<script src="/embed.js" data-server="/" data-title="Shop help" async></script>
<script src="/embed.js" data-server="/" data-title="Shop help" async></script>
</head><body><h1>Shop</h1></body></html>`;

describe('the classic embed script', () => {
  let browser: Browser;
  let shop: string;
  useWidgetSuite(async (suite) => {
    browser = suite.browser;
    shop = await suite.site.page('embed.html', PAGE);
  });

  it('inserts one widget from data-* attributes and runs the queued commands, even when loaded twice', async () => {
    const {context, page, errors} = await openPage(browser, shop);

    await page.getByRole('dialog', {name: 'Shop help'}).waitFor();
    assert.equal(await page.locator('live-chat').count(), 1);
    assert.equal(await page.locator('live-chat').getAttribute('server'), '/');

    await page.evaluate(() =>
      (window as unknown as {LiveChat: (c: string) => unknown}).LiveChat('hide'),
    );
    await page.getByRole('button', {name: 'Open chat'}).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('rejects an unknown command with a clear error', async () => {
    const {context, page} = await openPage(browser, shop);
    await page.getByRole('dialog').waitFor();
    const message = await page.evaluate(() =>
      Promise.resolve(
        (window as unknown as {LiveChat: (c: string) => Promise<unknown>}).LiveChat('fly'),
      ).then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    assert.equal(message, "LiveChat: unknown command 'fly'");
    await context.close();
  });
});
