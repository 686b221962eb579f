/**
 * How much the database grows per visitor who registers, sends one message and leaves, where
 * those bytes go, how big the WAL file gets meanwhile, and what the chat retention gives back once
 * the chats are closed. Run: `npx tsx bench/chat-bytes.ts [count]` (default 1,000). Prints bytes
 * in use per visitor (the file minus its free pages, after a clean shutdown), the largest tables
 * and indexes per visitor, the WAL file's size, then the same after a retention run. The file
 * keeps its size after the deletion: SQLite reuses the freed pages for new rows.
 */
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import Database from 'better-sqlite3';
import {startServer} from '../src/server/app.js';
import {DB_FILE_NAME} from '../src/server/db.js';

const count = Number(process.argv[2] ?? 1000);
const dataDir = await mkdtemp(join(tmpdir(), 'chat-bytes-'));
const file = join(dataDir, DB_FILE_NAME);
const clock = {offsetMs: 0};
let runs = 0;
const options = {
  dataDir,
  agents: [{username: 'agent', password: 'agent-password'}],
  rateLimit: false as const,
  visitorOfflineGraceMs: 0,
  abandonedVisitorHours: 0,
  settings: {chatRetentionDays: 1},
  chatRetention: {
    intervalMs: 100,
    now: () => Date.now() + clock.offsetMs,
    onSweep: () => runs++,
  },
};

interface Usage {
  used: number;
  objects: Map<string, number>;
}

/** Bytes of pages in use, in all and per table or index. */
function usage(): Usage {
  const db = new Database(file, {readonly: true});
  const pages = db.pragma('page_count', {simple: true}) as number;
  const free = db.pragma('freelist_count', {simple: true}) as number;
  const size = db.pragma('page_size', {simple: true}) as number;
  const rows = db
    .prepare<[], {name: string; bytes: number}>(
      'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name',
    )
    .all();
  db.close();
  return {used: (pages - free) * size, objects: new Map(rows.map((r) => [r.name, r.bytes]))};
}

async function call(url: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : {'content-type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
}

const walSize = async () => (await stat(`${file}-wal`).catch(() => ({size: 0}))).size;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
const perVisitor = (bytes: number) => `${kib(bytes)} (${kib(bytes / count)} per visitor)`;

let server = await startServer(options);
await server.close();
const empty = usage();
server = await startServer(options);
await call(server.url, '/api/v1/login', {user: 'agent', password: 'agent-password'});
const chats: {token: string; rid: string}[] = [];
let walPeak = 0;
for (let i = 0; i < count; i++) {
  const token = randomBytes(16).toString('hex');
  await call(server.url, '/api/v1/livechat/visitor', {
    visitor: {token, name: `Visitor ${i}`, email: `visitor${i}@example.com`},
  });
  const {room} = await call(server.url, `/api/v1/livechat/room?token=${token}`);
  await call(server.url, '/api/v1/livechat/message', {
    token,
    rid: room._id,
    msg: 'Hello, I have a question about my order.',
  });
  chats.push({token, rid: room._id});
  if (i % 50 === 49) walPeak = Math.max(walPeak, await walSize());
}
// A quiet moment lets the checkpoint worker catch up; the next write starts the WAL over.
await new Promise((resolve) => setTimeout(resolve, 2000));
await call(server.url, '/api/v1/livechat/visitor.status', {token: chats[0]!.token, status: 'away'});
const walAfterQuiet = await walSize();
await server.close();
const filled = usage();
const top = [...filled.objects]
  .map(([name, bytes]) => [name, bytes - (empty.objects.get(name) ?? 0)] as const)
  .filter(([, bytes]) => bytes > 0)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 10);

server = await startServer(options);
for (const chat of chats) await call(server.url, '/api/v1/livechat/room.close', chat);
let seen = runs;
while (runs < seen + 1) await new Promise((resolve) => setTimeout(resolve, 5));
const delay = monitorEventLoopDelay({resolution: 1});
delay.enable();
clock.offsetMs = 2 * 24 * 60 * 60_000;
const started = performance.now();
seen = runs;
while (runs < seen + 2) await new Promise((resolve) => setTimeout(resolve, 5));
const retentionMs = performance.now() - started;
delay.disable();
await server.close();
const kept = usage();

process.stdout.write(
  `${count} visitors: registered, one room, one message (plus the room's 3 system messages)\n` +
    `in use: ${perVisitor(filled.used - empty.used)}\n` +
    top.map(([name, bytes]) => `  ${name.padEnd(32)} ${(bytes / count).toFixed(0)} B\n`).join('') +
    `WAL file: largest seen ${kib(walPeak)}; after 2 s without writes and one more write ` +
    `${kib(walAfterQuiet)}\n` +
    `after closing them and a chat retention run: ${perVisitor(kept.used - empty.used)} in use; ` +
    `two runs took ${retentionMs.toFixed(0)} ms, longest event-loop stall ` +
    `${(delay.max / 1e6).toFixed(1)} ms\n`,
);
await rm(dataDir, {recursive: true, force: true});
