/**
 * deep-chat 2.4.2 given the same history as our long-history bench, in the same Chromium: time
 * from navigation start until the newest message is painted, DOM size, JS heap, frame times
 * while its log scrolls up, and long tasks on the page meanwhile.
 */
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startServer} from '../../src/server/app.js';
import type {HostFigures} from '../host-page.js';
import {HOST_OBSERVERS, readHost, signal, timeLoads} from '../host-page.js';
import {NEWEST} from '../long-history.js';
import type {PageFigures, ScrollFigures} from '../page-stats.js';
import {PAGE_TOOLS, pageFigures, scrollFrames} from '../page-stats.js';
import {profileContext} from '../profile.js';
import {ANCHORS, anchorPath} from './install.js';

// The same texts as bench/long-history.ts writes: "message 0" … then the newest; the history
// alternates visitor and agent as a conversation does.
const page = (total: number) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>deep-chat</title></head><body>
<deep-chat style="width: 400px; height: 600px"></deep-chat>
<script type="module">
import './deepChat.bundle.js';
const total = ${total};
document.querySelector('deep-chat').history = Array.from({length: total}, (_, i) => ({
  role: i % 2 ? 'ai' : 'user', text: i === total - 1 ? ${JSON.stringify(NEWEST)} : 'message ' + i,
}));
</script></body></html>`;

const PAINT_PROBE = `(() => {
  const look = () => {
    const texts = window.__deepAll(document, '.text-message');
    if (texts.length && texts.at(-1).textContent.trim() === ${JSON.stringify(NEWEST)}) {
      window.__paintedAt = performance.now();
      ${signal('painted')};
    } else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

export interface RenderFigures {
  messages: number;
  /** Navigation start → newest message painted, each reload. */
  paintMs: number[];
  /** The same for each load in a new tab. */
  newTabMs?: number[];
  /** Why the other figures are missing. */
  notPainted?: string;
  page?: PageFigures;
  scroll?: ScrollFigures;
  scrollHost?: HostFigures;
}

const PAINT_LIMIT_MS = 60_000;

export async function measureDeepChatRender(
  total = 10_000,
  runs = 5,
  frames = 600,
): Promise<RenderFigures> {
  // Served over HTTP from a profile on disk, as ours is (bench/long-history.ts): a routed
  // response would never reach the HTTP cache, nor its compiled code the code cache.
  const root = mkdtempSync(join(tmpdir(), 'live-chat-deep-chat-'));
  copyFileSync(
    anchorPath(ANCHORS.deepChat, 'dist/deepChat.bundle.js'),
    join(root, 'deepChat.bundle.js'),
  );
  writeFileSync(join(root, 'deep-chat.html'), page(total));
  const server = await startServer({
    port: 0,
    dataDir: join(root, 'data'),
    staticDir: root,
    rateLimit: false,
  });
  const {context, close} = await profileContext();
  try {
    // Timed as ours are (bench/long-history.ts): new tabs, then reloads.
    const times = await timeLoads(
      context,
      `${server.url}/deep-chat.html`,
      [PAGE_TOOLS, PAINT_PROBE, HOST_OBSERVERS],
      runs,
      (loaded) => loaded.evaluate('window.__paintedAt') as Promise<number>,
      PAINT_LIMIT_MS,
    ).catch(() => null);
    if (!times) {
      return {
        messages: total,
        paintMs: [],
        notPainted: `newest message not painted within ${PAINT_LIMIT_MS / 1000} s`,
      };
    }
    const tab = times.tab;
    const figures = await pageFigures(tab);
    await readHost(tab, true);
    await tab.evaluate('window.__scroller().scrollTop = window.__scroller().scrollHeight');
    const scroll = await scrollFrames(tab, 'window.__scroller()', frames);
    const scrollHost = await readHost(tab);
    return {
      messages: total,
      paintMs: times.reload,
      newTabMs: times.newTab,
      page: figures,
      scroll,
      scrollHost,
    };
  } finally {
    await close();
    await server.close();
    rmSync(root, {recursive: true, force: true});
  }
}
