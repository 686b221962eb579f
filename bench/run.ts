/**
 * `npm run bench`: measures the budgets (docs/architecture.md) on this machine and prints a table; the
 * figures also go to bench/results/latest.json. A report, never a test: nothing here fails the
 * build. Flags: --sockets N idle visitor sockets (default 10000), --rooms N active chats
 * (default 1000), --duration S of chat traffic (default 60), --visitor-send rest|ddp,
 * --nice=N (niceness of the load test's processes, e.g. -20 on a shared machine), --anchors
 * (also size the comparable widgets published on npm, downloaded into a temporary folder).
 * The server figures alone: `npx tsx bench/server-load.ts` (same flags, plus --cpu-prof DIR).
 */
import {mkdtemp, rm, mkdir, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {chromium} from 'playwright';
import {launchOptions} from '../test/helpers/chromium.mjs';
import {startServer} from '../src/server/app.js';
import {measureBundle, measureAnchors} from './sizes.js';
import type {ServerFigures} from './server-load.js';
import {formatServerFigures, measureServer} from './server-load.js';
import {measureLongHistory} from './long-history.js';
import {measureTranscriptPaint} from './transcript-paint.js';

interface Row {
  figure: string;
  value: string;
  budget: string;
  ok: boolean | null;
}

const {values: flags} = parseArgs({
  options: {
    sockets: {type: 'string', default: '10000'},
    rooms: {type: 'string', default: '1000'},
    duration: {type: 'string', default: '60'},
    'visitor-send': {type: 'string', default: 'rest'},
    nice: {type: 'string'},
    anchors: {type: 'boolean', default: false},
  },
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main() {
  if (!existsSync('dist/live-chat.js')) throw new Error('run `npm run build` first');
  const rows: Row[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-bench-'));
  const server = await startServer({
    port: 0, dataDir, staticDir: 'dist', demoPage: 'index.html', rateLimit: false,
    // The server asks for a registration form by default; the figures are about the chat itself.
    settings: {registrationForm: false},
    agents: [{username: 'agent', password: 'bench-pw', name: 'Bench Agent'}],
  });
  const browser = await chromium.launch(launchOptions());
  const results: Record<string, unknown> = {};
  try {
    const bundle = await measureBundle(browser, server.url);
    results.bundle = bundle;
    rows.push({figure: 'JS before the chat is opened (gzip)', value: kb(bundle.eagerGzip),
      budget: '≤ 10 KB', ok: bundle.eagerGzip <= 10 * 1024});
    rows.push({figure: 'All widget JS, locales excluded (gzip)', value: kb(bundle.allGzip),
      budget: '≤ 35 KB', ok: bundle.allGzip <= 35 * 1024});
    rows.push({figure: 'Launcher visible after script start', value:
      `${ms(bundle.launcherMs)} (${ms(bundle.launcherAfterDownloadMs)} after the download)`,
      budget: '≤ 100 ms', ok: bundle.launcherMs <= 100});

    const paint = await measureTranscriptPaint(browser, server.url);
    results.transcriptPaint = paint;
    rows.push({figure: 'Cached 200-message transcript painted after reload',
      value: paint.paintMs === null ? 'not painted from cache'
        : `${ms(paint.paintMs)} (${ms(paint.afterScriptStartMs!)} after the script started)`,
      budget: '≤ 150 ms', ok: paint.paintMs !== null && paint.paintMs <= 150});

    const long = await measureLongHistory(browser, server.url);
    results.longHistory = long;
    rows.push({figure: `${long.messages.toLocaleString('en')}-message history: newest painted on `
      + 'return', value: `${ms(long.paintMs)}; ${long.inDom} messages in the page, `
      + `${long.afterStepsBack} after 5 visits to the top, ${long.backAtBottom} back at the bottom`,
    budget: '≤ 100 ms, bounded DOM, paged', ok: long.paintMs <= 100 && long.backAtBottom <= 200});

    const load = await measureServer({
      sockets: Number(flags.sockets), rooms: Number(flags.rooms),
      durationMs: Number(flags.duration) * 1000, intervalMs: 10_000,
      visitorSend: flags['visitor-send'] === 'ddp' ? 'ddp' : 'rest',
      nice: flags.nice === undefined ? undefined : Number(flags.nice),
    });
    results.server = load;
    const {idle, active} = load;
    const perSocket = load.rss.perIdleSocketBytes;
    rows.push({figure: `Server: ${idle.sockets} concurrent idle visitor sockets`,
      value: `${idle.connected} connected, ${idle.closedByServer} dropped`,
      budget: '10,000 sockets', ok: idle.connected === idle.sockets && idle.closedByServer === 0
        && idle.sockets >= 10_000});
    rows.push({figure: 'Server: RSS per idle socket', value: kb(perSocket),
      budget: '< 50 KB', ok: perSocket < 50 * 1024});
    const p95 = Math.max(active.toAgent.p95, active.toVisitor.p95);
    const faults = active.toAgent.lost + active.toVisitor.lost + active.duplicated
      + active.toAgent.sendErrors + active.toVisitor.sendErrors;
    rows.push({figure: `Server: ${active.rooms} active rooms (1 msg / 10 s each way), `
      + 'send→receive p95', value: `${ms(p95)} (to agent ${ms(active.toAgent.p95)}, to visitor `
      + `${ms(active.toVisitor.p95)}; ${active.msgsPerSecond.toFixed(0)} msgs/s; `
      + `${active.toAgent.lost + active.toVisitor.lost} lost, ${active.duplicated} dup)`,
    budget: '< 50 ms, 0 lost, 0 dup', ok: p95 < 50 && faults === 0 && active.rooms >= 1000});
    if (flags.anchors) results.anchors = await measureAnchors();
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, {recursive: true, force: true});
  }

  console.log('\n| figure | measured | budget | within |\n| --- | --- | --- | --- |');
  for (const r of rows) {
    const within = r.ok === null ? '–' : r.ok ? 'yes' : 'NO';
    console.log(`| ${r.figure} | ${r.value} | ${r.budget} | ${within} |`);
  }
  if (results.server) {
    console.log(`\nServer load in detail:\n${formatServerFigures(results.server as ServerFigures)}`);
  }
  if (results.anchors) {
    console.log('\nAnchors (npm packages, main bundle gzip):');
    for (const a of results.anchors as {name: string; gzip: number | null; note: string}[]) {
      console.log(`- ${a.name}: ${a.gzip === null ? a.note : kb(a.gzip)}`);
    }
  }
  await mkdir('bench/results', {recursive: true});
  const file = 'bench/results/latest.json';
  await writeFile(file, JSON.stringify({date: new Date().toISOString(), rows, results}, null, 2));
  console.log(`\nwritten: ${file}`);
}

await main();
