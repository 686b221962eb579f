/**
 * Bytes of the anchors next to ours, each as gzip (level 9, as our own figures): Rocket.Chat's
 * widget as a browser loads it before the visitor interacts, and all of its JS; deep-chat's
 * bundle; the customer SDK's bundle against our headless client.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';
import type {Browser} from 'playwright';
import {startServer} from '../../src/server/app.js';
import {installRcWidget, rcHostPage} from '../../test/helpers/node/rc-widget.js';
import {gz} from '../sizes.js';
import {ANCHORS, anchorPath} from './install.js';

export interface AnchorSizes {
  rocketChatLoaded: {gzip: number; requests: number; byType: Record<string, number>};
  rocketChatAllJs: number;
  deepChat: number;
  customerSdk: number;
  ourHeadlessClient: number;
}

/**
 * Serves Rocket.Chat's built widget from our reference server (which speaks its protocol, so
 * the widget boots as against Rocket.Chat) and loads a host page in Chromium: every response of
 * the page and its iframe until the network is idle, each gzip'd.
 */
async function rocketChatLoaded(browser: Browser): Promise<AnchorSizes['rocketChatLoaded']> {
  const root = mkdtempSync(join(tmpdir(), 'live-chat-rc-'));
  const server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    staticDir: root,
    rateLimit: false,
  });
  installRcWidget(anchorPath(ANCHORS.rocketChat, 'build'), root, server.url);
  writeFileSync(join(root, 'host.html'), rcHostPage(server.url));
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
