import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, it} from 'node:test';
import type {Browser} from 'playwright';
import {
  agentSays,
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

describe('the widget on a site with a strict CSP', () => {
  let browser: Browser;
  let agent: Agent;
  let chat: string;
  useWidgetSuite((suite) => {
    browser = suite.browser;
    agent = suite.agent;
    chat = suite.site.url;
  });

  it("chats, shows the agent's picture, and trips none of the policy", async () => {
    const context = await newContext(browser);
    let shop: ReturnType<typeof createServer> | undefined;
    try {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) violations.push(m.text());
      });
      page.on('pageerror', (e) => violations.push(e.message));
      // The shop is another origin than the chat server (another port), on loopback too:
      // Chromium refuses a public page's requests to a loopback server. Its page carries the
      // README's policy; the inline script proves that the policy is in force.
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

      await startChat(page, 'Hello under a strict policy');
      const rid = await roomOf(page);
      await agentSays(agent, rid, 'Hello from the shop', [page]);
      const picture = widget(page).locator('img').first();
      await picture.waitFor();
      await page.waitForFunction(
        (img) => (img as HTMLImageElement).complete,
        await picture.elementHandle(),
      );
      assert.ok(
        await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0),
        "the agent's avatar loaded from the chat server",
      );
      assert.deepEqual(violations, []);
    } finally {
      await context.close();
      shop?.closeAllConnections();
      await new Promise((resolve) => (shop ? shop.close(resolve) : resolve(undefined)));
    }
  });
});
