import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, it} from 'node:test';
import type {Browser, BrowserContext, Page} from 'playwright';
import {throttleUploads} from '../helpers/node/uploads.js';
import {
  agentSays,
  log,
  newContext,
  roomOf,
  startChat,
  useWidgetSuite,
  widget,
} from '../helpers/node/widget-site.js';
import type {Agent} from '../helpers/node/widget-site.js';

/** The policy the README's hosting section gives a site, for a chat server at `chat`. */
function sitePolicy(chat: string): string {
  const live = chat.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' ${chat}`,
    `connect-src 'self' ${chat} ${live}`,
    `img-src 'self' ${chat}`,
    `media-src 'self' ${chat}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/** Whether `img` has loaded a picture (waiting for it to settle either way). */
function pictureLoaded(img: HTMLImageElement): Promise<boolean> {
  if (img.complete) return Promise.resolve(img.naturalWidth > 0);
  return new Promise((resolve) => {
    img.addEventListener('load', () => resolve(true));
    img.addEventListener('error', () => resolve(false));
  });
}

describe('the widget on a site with a strict CSP', () => {
  let browser: Browser;
  let agent: Agent;
  let chat: string;
  let context: BrowserContext | undefined;
  let shop: Server | undefined;
  useWidgetSuite((suite) => {
    browser = suite.browser;
    agent = suite.agent;
    chat = suite.site.url;
  });

  afterEach(async () => {
    await context?.close();
    shop?.closeAllConnections();
    await new Promise((resolve) => (shop ? shop.close(resolve) : resolve(undefined)));
    context = shop = undefined;
  });

  /**
   * A shop page on another origin than the chat server (another port), on loopback too:
   * Chromium refuses a public page's requests to a loopback server. It carries the README's
   * policy; its inline script, which the policy blocks, proves that the policy is in force.
   * `violations` collects every report but that one.
   */
  async function openShop(): Promise<{page: Page; violations: string[]}> {
    context = await newContext(browser);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(e.message));
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="module" src="${chat}/live-chat.js"></script></head>
<body><h1>Shop</h1><script>window.inlineRan = true</script>
<live-chat server="${chat}"></live-chat></body></html>`;
    shop = createServer((_request, response) => {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': sitePolicy(chat),
      });
      response.end(html);
    });
    await new Promise<void>((resolve) => shop!.listen(0, '127.0.0.1', resolve));
    const shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    const inlineBlocked = page.waitForEvent(
      'console',
      (m) => /Content Security Policy/.test(m.text()) && /inline script/.test(m.text()),
    );
    await page.goto(`${shopUrl}/`);
    await inlineBlocked;
    assert.equal(await page.evaluate(() => 'inlineRan' in window), false);
    violations.splice(
      violations.findIndex((v) => /inline script/.test(v)),
      1,
    );
    return {page, violations};
  }

  it("chats, shows the agent's picture, and trips none of the policy", async () => {
    const {page, violations} = await openShop();
    await startChat(page, 'Hello under a strict policy');
    const rid = await roomOf(page);
    await agentSays(agent, rid, 'Hello from the shop', [page]);
    const picture = widget(page).locator('img').first();
    await picture.waitFor();
    assert.ok(
      await picture.evaluate(pictureLoaded),
      "the agent's avatar loaded from the chat server",
    );
    assert.deepEqual(violations, []);
  });

  it('shows a photo on its way by its name and size (no blob: picture), then the sent picture', async () => {
    const {page, violations} = await openShop();
    await startChat(page, 'Here is my bike');
    // A real photo's worth of bytes, drawn by the page, so the upload takes a while when slowed.
    const png = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 360;
      const paint = canvas.getContext('2d')!;
      for (let i = 0; i < 3000; i++) {
        paint.fillStyle = `hsl(${i % 360} 70% 50%)`;
        paint.fillRect((i * 37) % 480, (i * 53) % 360, 12, 12);
      }
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    const cdp = await context!.newCDPSession(page);
    await throttleUploads(cdp, 20_000);
    const chooser = page.waitForEvent('filechooser');
    await widget(page).getByRole('button', {name: 'Attach a file'}).click();
    await (
      await chooser
    ).setFiles({name: 'bike.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64')});
    await widget(page).getByRole('progressbar', {name: 'bike.png'}).waitFor();
    const pending = log(page).getByText('bike.png', {exact: true});
    await pending.waitFor();
    assert.equal(await log(page).getByRole('img').count(), 0, 'no picture while it uploads');
    assert.ok(
      await log(page)
        .getByText(/^[\d.,]+\s*kB$/)
        .isVisible(),
      'and its size',
    );

    await throttleUploads(cdp, -1);
    const picture = log(page).getByRole('img', {name: 'bike.png'});
    await picture.waitFor();
    assert.ok(await picture.evaluate(pictureLoaded), 'the sent picture loads from the server');
    assert.deepEqual(violations, []);
  });
});
