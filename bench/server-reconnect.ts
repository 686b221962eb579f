/**
 * Mass reconnect after a restart (L3): N idle visitors, each the widget's own `DdpConnection`
 * with its subscription to the room (bench/load/reconnect-crowd.ts), spread over generator
 * processes and loopback source addresses (a few dozen visitors per address, as distinct
 * visitors would be). The server runs with its default rate limits and per-address caps: the
 * wave must get through them. It is stopped (SIGKILL, then SIGTERM in a second round) and
 * started again on the same port and data folder at once, as a supervisor would; an agent writes
 * to sampled rooms as soon as it listens. Reported per round: time until 50 / 95 / 100 % of the
 * visitors are back and resubscribed, sockets the restarted server refused or cut, the server's
 * peak RSS and event-loop delay over the wave, and whether each sampled visitor got the agent's
 * message exactly once (over the stream, or by the catch-up after its reconnect).
 *
 * Standalone: `npx tsx bench/server-reconnect.ts [--clients 10000] [--per-address 40]
 * [--processes 4] [--nice=-20]`; `npm run bench` calls `measureReconnect()` (`--reconnect N`).
 */
import type {ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {newMessageId} from '../src/core/ids.js';
import {pool} from './load/ddp-client.js';
import {percentile, serverRss} from './load/machine.js';
import {generator, nextMessage, readProbe, settle, stop} from './load/processes.js';
import {figureTable} from './load/report.js';
import type {CrowdReport, ReconnectCrowdConfig, ReportRequest} from './load/reconnect-crowd.js';
import {startServerProcess} from './load/server-process.js';
import {saveResults} from './report.js';
import type {ProbeFigures} from './server-load.js';

/** How big a run is. */
export interface ReconnectOptions {
  clients: number;
  /** Visitors sharing one loopback source address (default 40, under every per-address cap). */
  perAddress?: number;
  /** Generator processes holding the visitors (default 4). */
  processes?: number;
  /** Rooms an agent writes to right after each restart (default 100). */
  sampled?: number;
  /** How long a round waits for the last visitor (default 60 s after the server listens). */
  waveTimeoutMs?: number;
  nice?: number;
}

/** One stop and restart. */
export interface WaveFigures {
  signal: 'SIGKILL' | 'SIGTERM';
  /** From the signal until the old process was gone. */
  stopMs: number;
  /** From the signal until the new process listened. */
  downMs: number;
  clients: number;
  back: number;
  /** Back and resubscribed, ms after the new process listened (null: not everyone came back). */
  backMs: {p50: number; p95: number; all: number | null};
  /** Back, config fetched and history caught up, ms after it listened. */
  caughtUp: number;
  caughtUpMs: {p95: number; all: number | null};
  /** Attempts that failed while the server was down (expected), and once it listened, by why. */
  failedWhileDown: number;
  refusedAfterUp: Record<string, number>;
  catchUpErrors: Record<string, number>;
  /**
   * Connections the kernel dropped because the listen queue was full, over the wave (the whole
   * machine's count: other programs' too). A dropped SYN is retried by TCP after 1, 3, 7… s.
   */
  listenOverflows: number;
  /** The generators' worst event-loop delay over the wave: late client timers stretch it too. */
  generatorLoopMaxMs: number;
  rssBeforeBytes: number;
  /** The new process's peak RSS (VmHWM: its whole life, which is mostly the wave). */
  peakRssBytes: number;
  rssAfterBytes: number;
  /** The new process's event-loop delay and GC from listening to the end of the wave. */
  loop: ProbeFigures;
  /** The agent's message to each sampled room, sent as soon as the server listened. */
  sample: {
    sent: number;
    sendErrors: string[];
    /** Sent, ms after listening, of the last one. */
    lastSentMs: number;
    reached: number;
    byStream: number;
    onlyByCatchUp: number;
    duplicated: number;
  };
}

/** Everything one run measured. */
export interface ReconnectFigures {
  options: Required<Omit<ReconnectOptions, 'nice'>> & {nice?: number; addresses: number};
  setupMs: number;
  joined: number;
  waves: WaveFigures[];
  notes: string[];
}

const AGENT = {username: 'reconnect-agent', password: 'reconnect-bench-pw'};

/** `127.0.1.2`, `127.0.1.3`, …: loopback source addresses, 250 per /24. */
const loopbackAddress = (i: number) => `127.0.${1 + Math.floor(i / 250)}.${2 + (i % 250)}`;

/** The kernel's count of connections dropped on a full listen queue (Linux). */
function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const names = lines.find((l) => l.startsWith('TcpExt:'))!.split(/\s+/);
  const values = lines.filter((l) => l.startsWith('TcpExt:'))[1].split(/\s+/);
  return Number(values[names.indexOf('ListenOverflows')]);
}

/** Peak resident memory of a process (VmHWM), in bytes. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)![1]) * 1024;
}

async function post(url: string, path: string, body: unknown, headers = {}) {
  const res = await fetch(`${url}/api/v1/${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, any>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function login(url: string): Promise<Record<string, string>> {
  const {data} = await post(url, 'login', {user: AGENT.username, password: AGENT.password});
  return {'x-user-id': data.userId, 'x-auth-token': data.authToken};
}

/** Runs both rounds against a fresh server and returns what they measured. */
export async function measureReconnect(options: ReconnectOptions): Promise<ReconnectFigures> {
  const perAddress = options.perAddress ?? 40;
  const processes = options.processes ?? 4;
  const sampledCount = Math.min(options.sampled ?? 100, options.clients);
  const waveTimeoutMs = options.waveTimeoutMs ?? 60_000;
  const addresses = Array.from({length: Math.ceil(options.clients / perAddress)}, (_, i) =>
    loopbackAddress(i),
  );
  const notes: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-reconnect-'));
  const probeFile = join(dataDir, 'probe.json');
  const serverOptions = {
    dataDir,
    agents: [`${AGENT.username}:${AGENT.password}`],
    probeFile,
    rateLimit: true,
    nice: options.nice,
  };
  let server: ChildProcess | undefined;
  /** Stops reporting the running server's exit (the bench is about to stop it). */
  let dropWatch = () => {};
  const children: ChildProcess[] = [];
  try {
    const first = await startServerProcess(serverOptions);
    server = first.child;
    const {url} = first;
    const port = Number(new URL(url).port);

    const setupStart = performance.now();
    for (let k = 0; k < processes; k++) {
      const config: ReconnectCrowdConfig = {
        url,
        count: Math.floor(options.clients / processes) + (k < options.clients % processes ? 1 : 0),
        addresses: addresses.filter((_, i) => i % processes === k),
        parallel: 25,
      };
      children.push(generator('reconnect-crowd.ts', [JSON.stringify(config)], options.nice));
    }
    const ready = await Promise.all(
      children.map((c) => nextMessage<{rooms: string[]}>(c, 'ready')),
    );
    const setupMs = performance.now() - setupStart;
    const rooms = ready.flatMap((r) => r.rooms);
    let agentHeaders = await login(url);
    await settle(2000);

    const report = async (request: Omit<ReportRequest, 'type'>) => {
      const answers = await Promise.all(
        children.map((c) => {
          const answer = nextMessage<CrowdReport>(c, 'report');
          c.send({type: 'report', ...request});
          return answer;
        }),
      );
      const sum = (records: Record<string, number>[]) => {
        const total: Record<string, number> = {};
        for (const r of records)
          for (const [k, n] of Object.entries(r)) total[k] = (total[k] ?? 0) + n;
        return total;
      };
      return {
        backAt: answers.flatMap((a) => a.backAt),
        caughtUpAt: answers.flatMap((a) => a.caughtUpAt),
        whileDown: sum(answers.map((a) => a.failures.whileDown)),
        afterUp: sum(answers.map((a) => a.failures.afterUp)),
        catchUpErrors: sum(answers.map((a) => a.catchUpErrors)),
        sampled: Object.assign({}, ...answers.map((a) => a.sampled)) as CrowdReport['sampled'],
        loopDelayMaxMs: Math.max(...answers.map((a) => a.loopDelayMaxMs)),
      };
    };

    const waves: WaveFigures[] = [];
    // The crowd counts catch-up errors from its start: each round reports its own.
    let catchUpErrorsBefore: Record<string, number> = {};
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      const rssBeforeBytes = serverRss(server.pid!);
      dropWatch();
      const since = Date.now();
      await stop(server, signal);
      const stopMs = Date.now() - since;
      const restarted = await startServerProcess({...serverOptions, port});
      server = restarted.child;
      const upAt = Date.now();
      const onExit = (code: number | null, why: string | null) => {
        notes.push(`${signal} round: the restarted server exited (${code ?? why}) by itself`);
      };
      server.once('exit', onExit);
      dropWatch = () => restarted.child.off('exit', onExit);
      const pid = server.pid!;
      await readProbe(server, probeFile);

      // The agent writes at once, six requests at a time as a browser would.
      const sampled = rooms.slice(0, sampledCount).map((rid) => ({rid, _id: newMessageId()}));
      const sendErrors: string[] = [];
      let lastSentAt = upAt;
      const sending = pool(sampled, 6, async ({rid, _id}) => {
        const message = {rid, _id, msg: `Back after the ${signal} restart`};
        try {
          await post(url, 'chat.sendMessage', {message}, agentHeaders);
        } catch (error) {
          // A session lost in the restart: log in again, as the console would.
          if (!String(error).includes(': 401')) throw error;
          agentHeaders = await login(url);
          await post(url, 'chat.sendMessage', {message}, agentHeaders);
        }
        lastSentAt = Date.now();
      }).then((results) => {
        for (const r of results) if (r.status === 'rejected') sendErrors.push(String(r.reason));
      });

      const ids = Object.fromEntries(sampled.map((s) => [s.rid, s._id]));
      const deadline = upAt + waveTimeoutMs;
      const overflowsBefore = listenOverflows();
      let last = await report({since, upAt, sampled: {}});
      let generatorLoopMaxMs = last.loopDelayMaxMs;
      while (Date.now() < deadline && last.caughtUpAt.some((t) => t === null)) {
        await settle(500);
        last = await report({since, upAt, sampled: {}});
        generatorLoopMaxMs = Math.max(generatorLoopMaxMs, last.loopDelayMaxMs);
      }
      const overflows = listenOverflows() - overflowsBefore;
      await sending;
      const loop = await readProbe(server, probeFile);
      const peakRssBytes = server.exitCode === null ? peakRss(pid) : NaN;
      // Whatever was sent is delivered by now or is lost: give the last frames a moment.
      const arrived = (r: typeof last) =>
        Object.values(r.sampled).every((s) => s.streamed > 0 || s.fetched);
      last = await report({since, upAt, sampled: ids});
      for (let i = 0; i < 20 && !arrived(last); i++) {
        await settle(250);
        last = await report({since, upAt, sampled: ids});
      }

      const backTimes = last.backAt.filter((t): t is number => t !== null).map((t) => t - upAt);
      const caught = last.caughtUpAt.filter((t): t is number => t !== null).map((t) => t - upAt);
      backTimes.sort((a, b) => a - b);
      caught.sort((a, b) => a - b);
      const samples = Object.values(last.sampled);
      waves.push({
        signal,
        stopMs,
        downMs: upAt - since,
        clients: rooms.length,
        back: backTimes.length,
        backMs: {
          p50: percentile(backTimes, 0.5),
          p95: percentile(backTimes, 0.95),
          all: backTimes.length === rooms.length ? backTimes.at(-1)! : null,
        },
        caughtUp: caught.length,
        caughtUpMs: {
          p95: percentile(caught, 0.95),
          all: caught.length === rooms.length ? caught.at(-1)! : null,
        },
        failedWhileDown: Object.values(last.whileDown).reduce((a, n) => a + n, 0),
        refusedAfterUp: last.afterUp,
        catchUpErrors: Object.fromEntries(
          Object.entries(last.catchUpErrors)
            .map(([why, n]) => [why, n - (catchUpErrorsBefore[why] ?? 0)])
            .filter(([, n]) => Number(n) > 0),
        ),
        listenOverflows: overflows,
        generatorLoopMaxMs,
        rssBeforeBytes,
        peakRssBytes,
        rssAfterBytes: server.exitCode === null ? serverRss(pid) : NaN,
        loop,
        sample: {
          sent: sampled.length - sendErrors.length,
          sendErrors,
          lastSentMs: lastSentAt - upAt,
          reached: samples.filter((s) => s.streamed > 0 || s.fetched).length,
          byStream: samples.filter((s) => s.streamed > 0).length,
          onlyByCatchUp: samples.filter((s) => s.streamed === 0 && s.fetched).length,
          duplicated: samples.filter((s) => s.streamed > 1).length,
        },
      });
      catchUpErrorsBefore = last.catchUpErrors;
      await settle(2000);
    }
    return {
      options: {
        clients: options.clients,
        perAddress,
        processes,
        sampled: sampledCount,
        waveTimeoutMs,
        nice: options.nice,
        addresses: addresses.length,
      },
      setupMs,
      joined: rooms.length,
      waves,
      notes,
    };
  } finally {
    dropWatch();
    for (const child of children) await stop(child, 'SIGKILL');
    await stop(server);
    await rm(dataDir, {recursive: true, force: true});
  }
}

const sec = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([why, n]) => `${n} ${why}`)
    .join(', ') || 'none';

/** Whether a round passed: everyone back, nothing refused, each sampled message once. */
export function waveOk(w: WaveFigures): boolean {
  return (
    w.back === w.clients &&
    Object.keys(w.refusedAfterUp).length === 0 &&
    w.sample.sendErrors.length === 0 &&
    w.sample.reached === w.sample.sent &&
    w.sample.duplicated === 0
  );
}

/** One line per figure of a round. */
export function describeWave(w: WaveFigures): Record<string, string> {
  return {
    back: `50 % ${sec(w.backMs.p50)}, 95 % ${sec(w.backMs.p95)}, 100 % ${sec(w.backMs.all)} after it listened (${w.back}/${w.clients}; down ${sec(w.downMs)}, of which ${sec(w.stopMs)} stopping)`,
    refused: `after it listened: ${counts(w.refusedAfterUp)}; while down: ${w.failedWhileDown} failed attempts; catch-up errors: ${counts(w.catchUpErrors)}; listen queue overflows ${w.listenOverflows}; generator event-loop delay max ${w.generatorLoopMaxMs.toFixed(0)} ms`,
    caughtUp: `${w.caughtUp}/${w.clients} caught up, 95 % ${sec(w.caughtUpMs.p95)}, 100 % ${sec(w.caughtUpMs.all)}`,
    server: `peak RSS ${mib(w.peakRssBytes)} (${mib(w.rssBeforeBytes)} before the stop, ${mib(w.rssAfterBytes)} after the wave); event-loop delay p50 ${w.loop.loopDelayP50Ms.toFixed(1)} ms, p99 ${w.loop.loopDelayP99Ms.toFixed(1)} ms, max ${w.loop.loopDelayMaxMs.toFixed(1)} ms; GC ${w.loop.gcCount} pauses, max ${w.loop.gcMaxMs.toFixed(1)} ms`,
    sample: `${w.sample.reached}/${w.sample.sent} reached (${w.sample.byStream} by the stream, ${w.sample.onlyByCatchUp} only by catch-up), ${w.sample.duplicated} duplicated, ${w.sample.sendErrors.length} send errors${w.sample.sendErrors[0] ? ` (${w.sample.sendErrors[0]})` : ''}; last sent ${sec(w.sample.lastSentMs)} after it listened`,
  };
}

/** Markdown table of a run. */
export function formatReconnectFigures(f: ReconnectFigures): string {
  const rows: [string, string][] = [
    [
      'visitors',
      `${f.joined}/${f.options.clients} joined in ${sec(f.setupMs)}, ${f.options.processes} processes, ${f.options.addresses} loopback addresses (${f.options.perAddress} per address); server with its default rate limits and caps`,
    ],
  ];
  for (const w of f.waves) {
    const d = describeWave(w);
    rows.push(
      [`${w.signal}: back and resubscribed`, d.back],
      [`${w.signal}: refused or cut`, d.refused],
      [`${w.signal}: config and history caught up`, d.caughtUp],
      [`${w.signal}: server during the wave`, d.server],
      [`${w.signal}: agent message to ${f.options.sampled} rooms at once`, d.sample],
    );
  }
  return figureTable(rows, f.notes);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const {values} = parseArgs({
    options: {
      clients: {type: 'string', default: '10000'},
      'per-address': {type: 'string', default: '40'},
      processes: {type: 'string', default: '4'},
      nice: {type: 'string'},
    },
  });
  const figures = await measureReconnect({
    clients: Number(values.clients),
    perAddress: Number(values['per-address']),
    processes: Number(values.processes),
    nice: values.nice === undefined ? undefined : Number(values.nice),
  });
  console.log(formatReconnectFigures(figures));
  console.log(`\nwritten: ${await saveResults('server-reconnect', {figures})}`);
}
