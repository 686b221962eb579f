/**
 * How much the database grows per visitor who never writes (registers, opens a room, reports a
 * page), and what the sweep of abandoned visitors gives back. Run:
 * `npx tsx bench/abandoned-visitors.ts [count]`. Prints bytes per visitor in use before and
 * after a sweep; the file keeps its size (SQLite reuses the freed pages for new rows).
 */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {randomBytes} from 'node:crypto';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {startServer} from '../src/server/app.js';
import {DB_FILE_NAME} from '../src/server/db.js';

const count = Number(process.argv[2] ?? 500);
const dataDir = await mkdtemp(join(tmpdir(), 'abandoned-'));
const clock = {offsetMs: 0};
let sweeps = 0;
const options = {
  dataDir,
  agents: [{username: 'agent', password: 'agent-password'}],
  rateLimit: false as const,
  visitorOfflineGraceMs: 0,
  visitorSweep: {
    intervalMs: 100,
    batchSize: Number(process.env.BATCH ?? 50),
    now: () => Date.now() + clock.offsetMs,
    onSweep: () => sweeps++,
  },
};

/** Bytes of pages in use (the file minus its free pages), after a clean shutdown. */
function usedBytes(): number {
  const db = new Database(join(dataDir, DB_FILE_NAME), {readonly: true});
  const pages = db.pragma('page_count', {simple: true}) as number;
  const free = db.pragma('freelist_count', {simple: true}) as number;
  const size = db.pragma('page_size', {simple: true}) as number;
  db.close();
  return (pages - free) * size;
}

async function call(url: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : {'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

let server = await startServer(options);
await server.close();
const empty = usedBytes();
server = await startServer(options);
for (let i = 0; i < count; i++) {
  const token = randomBytes(16).toString('hex');
  await call(server.url, '/api/v1/livechat/visitor', {
    visitor: {token, name: `Bot ${i}`, email: `bot${i}@example.com`},
  });
  await call(server.url, `/api/v1/livechat/room?token=${token}`);
  await call(server.url, '/api/v1/livechat/page.visited', {
    token,
    pageInfo: {change: 'url', title: 'Shop', location: {href: `https://shop.example/p/${i}`}},
  });
}
await server.close();
const filled = usedBytes();
server = await startServer(options);
let seen = sweeps;
while (sweeps < seen + 1) await new Promise((resolve) => setTimeout(resolve, 5));
// The clock moves only now, so that the stalls measured are the sweep's, not the start's.
const delay = monitorEventLoopDelay({resolution: 1});
delay.enable();
clock.offsetMs = 25 * 60 * 60_000;
const started = performance.now();
seen = sweeps;
while (sweeps < seen + 2) await new Promise((resolve) => setTimeout(resolve, 5));
const sweepMs = performance.now() - started;
delay.disable();
await server.close();
const swept = usedBytes();
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
process.stdout.write(
  `${count} abandoned visitors (visitor + empty room + a page view)\n` +
    `in use before the sweep: ${kib(filled - empty)} (${kib((filled - empty) / count)} each)\n` +
    `in use after the sweep:  ${kib(swept - empty)} (${kib((swept - empty) / count)} each)\n` +
    `two sweeps took ${sweepMs.toFixed(0)} ms; longest event-loop stall ` +
    `${(delay.max / 1e6).toFixed(1)} ms\n`,
);
await rm(dataDir, {recursive: true, force: true});
