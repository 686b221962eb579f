/**
 * The reference server's load budget (DESIGN.md §6; reliability-security.md L1, L2): the server
 * runs as its own process (the CLI), and two more processes generate the load, so that the
 * server's memory and CPU figures are its own. One child holds N idle visitor sockets (L1); the
 * other runs R open chats where visitor and agent each send a message every 10 s (L2) and
 * measures send→receive in both directions.
 *
 * Standalone: `npx tsx bench/server-load.ts [--sockets 10000] [--rooms 1000] [--duration 60]
 * [--agents N] [--interval 10] [--visitor-send rest|ddp] [--cpu-prof DIR] [--nice=-20]`;
 * `npm run bench` calls `measureServer()` with the same defaults.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import type {DirectionFigures, RoomsConfig} from './load/active-rooms.js';
import type {CpuShare} from './load/machine.js';
import {rssOf, startCpuWatch} from './load/machine.js';
import {formatServerFigures} from './load/report.js';

export {formatServerFigures, serverCpuMsPerMessage} from './load/report.js';

/** How big a run is. */
export interface LoadOptions {
  /** Idle visitor sockets held during the whole run (L1). */
  sockets: number;
  /** Open chats with traffic (L2). */
  rooms: number;
  /** Agents sharing the rooms (auto routing spreads them); default one per 25 rooms. */
  agents?: number;
  /** Length of the traffic phase. */
  durationMs: number;
  /** Each visitor and each agent sends once per interval (L2: 10 s). */
  intervalMs: number;
  /** How visitors send: REST `livechat/message` (the widget) or DDP `sendMessageLivechat`. */
  visitorSend: 'rest' | 'ddp';
  /** When set, the server writes a V8 CPU profile into this folder. */
  cpuProfDir?: string;
  /**
   * Niceness of the server and the generators (`nice -n`; below 0 needs root). On a shared
   * machine, -20 stands in for the dedicated box the budget assumes. Default: unchanged.
   * (Real-time scheduling was tried and dropped: on 2 cores one such run wedged, its generators
   * spinning at full CPU and starving the server and everyone else.)
   */
  nice?: number;
}

/** Everything one run measured. */
export interface ServerFigures {
  options: LoadOptions & {agents: number};
  fdLimit: number;
  notes: string[];
  idle: {sockets: number; connected: number; failed: number; connectMs: number;
    closedByServer: number; pongs: number};
  rss: {baselineBytes: number; withIdleBytes: number; endBytes: number; perIdleSocketBytes: number};
  active: {
    rooms: number; setupFailed: number; setupMs: number; sendingMs: number;
    toAgent: DirectionFigures; toVisitor: DirectionFigures;
    duplicated: number; misrouted: number; socketsClosed: number; firstSendError: string | null;
    msgsPerSecond: number; generatorLoopDelayP99Ms: number; generatorLoopDelayMaxMs: number;
    /** Worst latency of the messages sent in each second of the traffic phase. */
    slowestPerSecondMs: number[];
  };
  cpu: CpuShare;
  /** The server's own event-loop delay and GC pauses during the traffic phase. */
  serverProbe: ProbeFigures;
}

const PASSWORD = 'load-bench-pw';

/** The hard fd limit a child may raise its soft limit to. */
function hardFdLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -Hn'], {encoding: 'utf8'}).stdout.trim();
  return out === 'unlimited' ? Infinity : Number(out);
}

/** Spawns `node …args` with its soft fd limit raised to the hard one (10k sockets need it). */
function spawnNode(
  args: string[], stdio: ('ignore' | 'pipe' | 'inherit' | 'ipc')[], nice?: number,
  env = process.env,
): ChildProcess {
  const script = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  const prefix = nice === undefined ? [] : ['nice', '-n', String(nice)];
  return spawn('sh', ['-c', script, 'sh', ...prefix, process.execPath, ...args], {stdio, env});
}

async function startServer(
  dataDir: string, agents: string[], probeFile: string, cpuProfDir?: string,
  nice?: number,
) {
  const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  const child = spawnNode([...prof, '--import', 'tsx', '--import', './bench/load/server-probe.ts',
    'src/server/cli.ts', '--port', '0', '--data', dataDir, '--no-rate-limit',
    ...agents.flatMap((a) => ['--agent', a])],
  ['ignore', 'pipe', 'inherit'], nice, {...process.env, LOAD_PROBE_FILE: probeFile});
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {url, child};
}

function generator(script: string, args: string[], nice?: number): ChildProcess {
  return spawnNode(['--import', 'tsx', join('bench/load', script), ...args],
    ['ignore', 'inherit', 'inherit', 'ipc'], nice);
}

/** The next IPC message of this type; rejects if the child exits first. */
function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolveMessage, reject) => {
    const onMessage = (message: {type: string}) => {
      if (message.type !== type) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolveMessage(message as T);
    };
    const onExit = (code: number | null) => {
      reject(new Error(`${type}: generator exited (${code})`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Server-side figures from bench/load/server-probe.ts, over the traffic phase. */
export interface ProbeFigures {
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

/** Asks the probe in the server for its figures since the last call (and resets them). */
async function readProbe(server: ChildProcess, file: string): Promise<ProbeFigures> {
  await rm(file, {force: true});
  server.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as ProbeFigures;
    } catch {
      await settle(25);
    }
  }
  throw new Error('the server probe did not answer');
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

/** Runs L1 and L2 together against a fresh server and returns what it measured. */
export async function measureServer(options: LoadOptions): Promise<ServerFigures> {
  const agentCount = options.agents ?? Math.max(1, Math.ceil(options.rooms / 25));
  const accounts = Array.from({length: agentCount}, (_, i) => ({
    username: `load-agent-${i}`, password: PASSWORD,
  }));
  const notes: string[] = [];
  const fdLimit = hardFdLimit();
  const fdNeed = options.sockets + 2 * options.rooms + agentCount + 500;
  if (fdLimit < fdNeed) {
    notes.push(`fd hard limit ${fdLimit} < ${fdNeed} needed: some sockets will fail to open`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-load-'));
  let server: ChildProcess | undefined;
  let idle: ChildProcess | undefined;
  let active: ChildProcess | undefined;
  try {
    const probeFile = join(dataDir, 'probe.json');
    const started = await startServer(dataDir, accounts.map((a) => `${a.username}:${a.password}`),
      probeFile, options.cpuProfDir, options.nice);
    server = started.child;
    const pid = server.pid!;
    await settle(1000);
    const baselineBytes = rssOf(pid);

    idle = generator('idle-sockets.ts', [`${started.url.replace(/^http/, 'ws')}/websocket`,
      String(options.sockets)], options.nice);
    const idleReady = await nextMessage<{connected: number; failed: number; ms: number;
      firstError: string | null}>(idle, 'connected');
    if (idleReady.firstError) notes.push(`idle socket error: ${idleReady.firstError}`);
    await settle(2000);
    const withIdleBytes = rssOf(pid);

    const roomsConfig: RoomsConfig = {
      url: started.url, rooms: options.rooms, agents: accounts, durationMs: options.durationMs,
      intervalMs: options.intervalMs, visitorSend: options.visitorSend, setupConcurrency: 20,
    };
    active = generator('active-rooms.ts', [JSON.stringify(roomsConfig)], options.nice);
    const roomsReady = await nextMessage<{rooms: number; failed: number; setupMs: number;
      firstError: string | null}>(active, 'ready');
    if (roomsReady.firstError) notes.push(`room setup error: ${roomsReady.firstError}`);

    const cpuWatch = startCpuWatch({server: pid, idleGenerator: idle.pid!,
      roomsGenerator: active.pid!});
    await readProbe(server, probeFile);
    const resultPromise = nextMessage<ServerFigures['active']>(active, 'result');
    active.send({type: 'start'});
    const result = await resultPromise;
    const cpu = cpuWatch();
    const probe = await readProbe(server, probeFile);
    const endBytes = rssOf(pid);
    const idleStopped = nextMessage<{closedByServer: number; pongs: number}>(idle, 'stopped');
    idle.send({type: 'stop'});
    const idleEnd = await idleStopped;
    return {
      options: {...options, agents: agentCount},
      fdLimit,
      notes,
      idle: {sockets: options.sockets, connected: idleReady.connected, failed: idleReady.failed,
        connectMs: idleReady.ms, closedByServer: idleEnd.closedByServer, pongs: idleEnd.pongs},
      rss: {baselineBytes, withIdleBytes, endBytes,
        perIdleSocketBytes: (withIdleBytes - baselineBytes) / Math.max(1, idleReady.connected)},
      active: {...result, rooms: roomsReady.rooms, setupFailed: roomsReady.failed,
        setupMs: roomsReady.setupMs},
      cpu,
      serverProbe: probe,
    };
  } finally {
    await stop(active, 'SIGKILL');
    await stop(idle, 'SIGKILL');
    // SIGTERM lets the server close cleanly, which is also when --cpu-prof writes its file.
    await stop(server);
    await rm(dataDir, {recursive: true, force: true});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const {values} = parseArgs({options: {
    sockets: {type: 'string', default: '10000'},
    rooms: {type: 'string', default: '1000'},
    agents: {type: 'string'},
    duration: {type: 'string', default: '60'},
    interval: {type: 'string', default: '10'},
    'visitor-send': {type: 'string', default: 'rest'},
    'cpu-prof': {type: 'string'},
    nice: {type: 'string'},
  }});
  const figures = await measureServer({
    sockets: Number(values.sockets), rooms: Number(values.rooms),
    agents: values.agents ? Number(values.agents) : undefined,
    durationMs: Number(values.duration) * 1000, intervalMs: Number(values.interval) * 1000,
    visitorSend: values['visitor-send'] === 'ddp' ? 'ddp' : 'rest',
    cpuProfDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
    nice: values.nice === undefined ? undefined : Number(values.nice),
  });
  console.log(formatServerFigures(figures));
  await mkdir('bench/results', {recursive: true});
  await writeFile('bench/results/server-load.json', JSON.stringify(
    {date: new Date().toISOString(), figures}, null, 2));
  console.log('\nwritten: bench/results/server-load.json');
}
