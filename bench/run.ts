/**
 * `npm run bench`: measures the budgets of DESIGN.md §6 on this machine and prints a table; the
 * figures also go to bench/results/latest.json. A report, never a test: nothing here fails the
 * build. Flags: --sockets N (default 2000), --rooms N (default 200), --anchors (also size
 * the comparable widgets published on npm, downloaded into a temporary folder).
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
import {measureServer} from './server-load.js';
import {measureTranscriptPaint} from './transcript-paint.js';

interface Row {
  figure: string;
  value: string;
  budget: string;
  ok: boolean | null;
}

const {values: flags} = parseArgs({
  options: {
    sockets: {type: 'string', default: '2000'},
    rooms: {type: 'string', default: '200'},
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
    rows.push({figure: 'Launcher visible after script start', value: ms(bundle.launcherMs),
      budget: '≤ 100 ms', ok: bundle.launcherMs <= 100});

    const paint = await measureTranscriptPaint(browser, server.url);
    results.transcriptPaint = paint;
    rows.push({figure: 'Cached 200-message transcript painted after reload',
      value: paint.paintMs === null ? 'not painted from cache' : ms(paint.paintMs),
      budget: '≤ 150 ms', ok: paint.paintMs !== null && paint.paintMs <= 150});

    const load = await measureServer(Number(flags.sockets), Number(flags.rooms));
    results.server = load;
    rows.push({figure: `Server: ${load.sockets} concurrent visitor sockets`,
      value: `${load.connected} connected, ${(load.rssPerSocketBytes / 1024).toFixed(1)} KB RSS each`,
      budget: '10,000 sockets', ok: load.connected === load.sockets ? null : false});
    rows.push({figure: `Server: ${load.rooms} active rooms, send→receive p95`,
      value: `${ms(load.p95Ms)} (p50 ${ms(load.p50Ms)}, ${load.lost} lost, ${load.duplicated} dup)`,
      budget: '< 50 ms', ok: load.p95Ms < 50 && load.lost === 0 && load.duplicated === 0});
    if (flags.anchors) results.anchors = await measureAnchors();
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, {recursive: true, force: true});
  }

  console.log('\n| figure | measured | budget | within |\n| --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.figure} | ${r.value} | ${r.budget} | ${r.ok === null ? '–' : r.ok ? 'yes' : 'NO'} |`);
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
