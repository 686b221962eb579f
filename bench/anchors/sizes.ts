/**
 * Bytes of the anchors next to ours, each as gzip (level 9, as our own figures): Rocket.Chat's
 * widget as a browser loads it before the visitor interacts, and all of its JS; deep-chat's
 * bundle; the customer SDK's bundle against our headless client.
 */
import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import type {Browser} from 'playwright';
import {startServer} from '../../src/server/app.js';
import {gz} from '../sizes.js';
import {ANCHORS, anchorPath} from './install.js';

export interface AnchorSizes {
  rocketChatLoaded: {gzip: number; requests: number; byType: Record<string, number>};
  rocketChatAllJs: number;
  deepChat: number;
  customerSdk: number;
  ourHeadlessClient: number;
}

// Rocket.Chat's documented embed snippet (its widget-demo.html), pointed at a local copy.
const rcHost = (url: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Host page</title></head><body><p>A host page.</p><script>
(function(w, d, s, u) {
  w.RocketChat = function(c) { w.RocketChat._.push(c) }; w.RocketChat._ = []; w.RocketChat.url = u;
  var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
  j.async = true; j.src = '/livechat/rocketchat-livechat.min.js';
  h.parentNode.insertBefore(j, h);
})(window, document, 'script', '${url}/livechat.html');
</script></body></html>`;

/**
 * Serves Rocket.Chat's built widget from our reference server (which speaks its protocol, so
 * the widget boots as against Rocket.Chat) and loads a host page in Chromium: every response of
 * the page and its iframe until the network is idle, each gzip'd.
 */
async function rocketChatLoaded(browser: Browser): Promise<AnchorSizes['rocketChatLoaded']> {
  const root = mkdtempSync(join(tmpdir(), 'live-chat-rc-'));
  cpSync(anchorPath(ANCHORS.rocketChat, 'build'), join(root, 'livechat'), {recursive: true});
  const server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    staticDir: root,
    rateLimit: false,
  });
  writeFileSync(join(root, 'host.html'), rcHost(server.url));
  // Rocket.Chat serves its index at /livechat (no slash), where `livechat/…` resolves to its
  // assets, and sets window.SERVER_URL in it; a file beside the folder keeps that base.
  const index = readFileSync(join(root, 'livechat/index.html'), 'utf8');
  writeFileSync(
    join(root, 'livechat.html'),
    index.replace(
      '<body>',
      `<body><script>window.SERVER_URL = ${JSON.stringify(server.url)};</script>`,
    ),
  );
  const page = await browser.newPage();
  const bodies: Promise<[string, number]>[] = [];
  page.on('response', (res) => {
    if (res.url().endsWith('/host.html') || res.status() >= 300) return;
    bodies.push(
      res.body().then(
        (b) => [res.request().resourceType(), gz(b)] as [string, number],
        () => ['unreadable', 0],
      ),
    );
  });
  try {
    await page.goto(`${server.url}/host.html`);
    await page.waitForLoadState('networkidle');
    // The app renders into the iframe's body once it booted (it stays hidden until opened).
    await page.frameLocator('iframe').locator('body > div').first().waitFor({state: 'attached'});
    await page.waitForLoadState('networkidle');
    const got = await Promise.all(bodies);
    const byType: Record<string, number> = {};
    for (const [type, size] of got) byType[type] = (byType[type] ?? 0) + size;
    return {gzip: got.reduce((a, [, s]) => a + s, 0), requests: got.length, byType};
  } finally {
    await page.close();
    await server.close();
    rmSync(root, {recursive: true, force: true});
  }
}

const jsGzip = (dir: string) =>
  readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((f) => f.endsWith('.js'))
    .reduce((a, f) => a + gz(readFileSync(join(dir, f))), 0);

/**
 * Our headless client as an application would ship it: `LiveChatClient` and what it imports,
 * bundled and minified by esbuild (no views, no Lit).
 */
async function headlessClient(): Promise<number> {
  const out = await build({
    stdin: {
      contents: "export {LiveChatClient} from './src/core/chat-client.ts';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    define: {__LIVE_CHAT_IDB_VERSION__: '1'},
    logLevel: 'silent',
  });
  return gz(out.outputFiles[0].contents);
}

export async function measureAnchorSizes(browser: Browser): Promise<AnchorSizes> {
  return {
    rocketChatLoaded: await rocketChatLoaded(browser),
    rocketChatAllJs: jsGzip(anchorPath(ANCHORS.rocketChat, 'build')),
    deepChat: gz(readFileSync(anchorPath(ANCHORS.deepChat, 'dist/deepChat.bundle.js'))),
    customerSdk: gz(readFileSync(anchorPath(ANCHORS.customerSdk, 'dist/customer-sdk.min.js'))),
    ourHeadlessClient: await headlessClient(),
  };
}
