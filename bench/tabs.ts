/**
 * Sockets per visitor: one visitor (one browser context, so one storage) with a chat under way
 * opens 1, 3 or 10 tabs of the demo page; the server is asked how many DDP connections it
 * holds. The count comes from the server's own connection set (src/server/ddp/server.ts), read
 * in this process, which built the server: nothing is added to the server's routes.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Browser} from 'playwright';
import {buildServer} from '../src/server/app.js';
import {benchServerOptions, startBenchChat} from './transcript-paint.js';

/** Polls `read` until it gives the same value for `stableMs`, or `limitMs` passed. */
async function settledCount(read: () => number, stableMs = 1500, limitMs = 15_000) {
  const end = Date.now() + limitMs;
  let value = read();
  let since = Date.now();
  while (Date.now() < end && Date.now() - since < stableMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = read();
    if (now !== value) {
      value = now;
      since = Date.now();
    }
  }
  return value;
}

export async function measureTabs(browser: Browser, tabCounts = [1, 3, 10]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-tabs-'));
  const built = await buildServer(benchServerOptions(dataDir));
  await built.app.listen({port: 0, host: '127.0.0.1'});
  const address = built.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const out: {tabs: number; sockets: number}[] = [];
  try {
    for (const tabs of tabCounts) {
      const context = await browser.newContext({bypassCSP: true});
      const first = await context.newPage();
      await startBenchChat(first, url, `hello from ${tabs} tabs`);
      for (let i = 1; i < tabs; i++) {
        const page = await context.newPage();
        await page.goto(url);
        await page.getByRole('log').getByText(`hello from ${tabs} tabs`).waitFor();
      }
      out.push({tabs, sockets: await settledCount(() => built.ddp.connections.size)});
      await context.close();
      await settledCount(() => built.ddp.connections.size);
    }
  } finally {
    await built.ddp.close();
    await built.app.close();
    await rm(dataDir, {recursive: true, force: true});
  }
  return out;
}
