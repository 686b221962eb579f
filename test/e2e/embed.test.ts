import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {chromium, type Browser} from 'playwright';
import {launchOptions} from '../helpers/chromium.mjs';
import {startTestServer, type TestServer} from '../helpers/node/server-fixture.js';

// The queue stub a site pastes before the script, as in the README; the snippet pasted twice
// (either async copy may run first).
const PAGE = `<!doctype html><html lang="en"><head><title>Shop</title>
<script>window.LiveChat=window.LiveChat||function(){(window.LiveChat.q=window.LiveChat.q||[]).push([].slice.call(arguments))};
LiveChat('show');</script>
<script src="/embed.js" data-server="/" data-title="Shop help" async></script>
<script src="/embed.js" data-server="/" data-title="Shop help" async></script>
</head><body><h1>Shop</h1></body></html>`;

describe('the classic embed script', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync('dist/embed.js'), 'dist/embed.js is missing: run `npm run build` first');
    server = await startTestServer({staticDir: 'dist'});
    browser = await chromium.launch(launchOptions());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('inserts one widget from data-* attributes and runs the queued commands, even when loaded twice', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${server.url}/shop.html`, (route) =>
      route.fulfill({contentType: 'text/html', body: PAGE}),
    );
    await page.goto(`${server.url}/shop.html`);

    await page.getByRole('dialog', {name: 'Shop help'}).waitFor();
    assert.equal(await page.locator('live-chat').count(), 1);
    assert.equal(await page.locator('live-chat').getAttribute('server'), '/');

    await page.evaluate(() =>
      (window as unknown as {LiveChat: (c: string) => unknown}).LiveChat('hide'),
    );
    await page.getByRole('button', {name: 'Open chat'}).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('rejects an unknown command with a clear error', async () => {
    const page = await browser.newPage();
    await page.route(`${server.url}/shop.html`, (route) =>
      route.fulfill({contentType: 'text/html', body: PAGE}),
    );
    await page.goto(`${server.url}/shop.html`);
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
    await page.close();
  });
});
