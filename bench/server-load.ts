/**
 * The reference server's load budget (DESIGN.md §6; reliability-security.md L1, L2): the server
 * runs as its own process (the CLI), and two more processes generate the load, so that the
 * server's memory and CPU figures are its own. One child holds N idle visitor sockets (L1); the
 * other runs R open chats where visitor and agent each send a message every 10 s (L2) and
 * measures send→receive in both directions.
 *
 * Standalone: `npx tsx bench/server-load.ts [--sockets 10000] [--rooms 1000] [--duration 60]
 * [--agents N] [--interval 10] [--visitor-send rest|ddp] [--cpu-prof DIR] [--nice=-20]
 * [--idle-processes 4] [--ramp SECONDS_PER_STEP]`;
 * `npm run bench` calls `measureServer()` with the same defaults.
 */
import type {ChildProcess} from 'node:child_process';
import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import type {DirectionFigures, RoomsConfig} from './load/active-rooms.js';
import type {CpuShare} from './load/machine.js';
import {socketProcessesOf} from '../test/helpers/node/socket-processes.js';
import {serverRss, startCpuWatch} from './load/machine.js';
import {formatServerFigures} from './load/report.js';
import type {IdleCounts, IdleEnd, IdlePhase} from './load/idle-phase.js';
import {FD_RESERVE, openIdleSockets} from './load/idle-phase.js';
import type {RampStep} from './load/ramp.js';
import {runRamp} from './load/ramp.js';
import {generator, hardFdLimit, nextMessage, readProbe, settle, stop} from './load/processes.js';
import {startServerProcess} from './load/server-process.js';

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
  /** Processes (each with its own loopback source address) holding the idle sockets. */
  idleProcesses?: number;
  /** When set, a rate ramp follows the main run, each step this long. */
  rampStepMs?: number;
  /**
   * The server's `--socket-processes`; default: none while its own open-file limit holds every
   * socket of the run, else as many as hold them all.
   */
  socketProcesses?: number;
}

/** Everything one run measured. */
export interface ServerFigures {
  options: LoadOptions & {agents: number};
  fdLimit: number;
  notes: string[];
  idle: IdleCounts & IdleEnd;
  rss: {baselineBytes: number; withIdleBytes: number; endBytes: number; perIdleSocketBytes: number};
  active: {
    rooms: number;
    setupFailed: number;
    setupMs: number;
    sendingMs: number;
    toAgent: DirectionFigures;
    toVisitor: DirectionFigures;
    duplicated: number;
    misrouted: number;
    socketsClosed: number;
    firstSendError: string | null;
    msgsPerSecond: number;
    generatorLoopDelayP99Ms: number;
    generatorLoopDelayMaxMs: number;
    /** Worst latency of the messages sent in each second of the traffic phase. */
    slowestPerSecondMs: number[];
  };
  cpu: CpuShare;
  /** The server's own event-loop delay and GC pauses during the traffic phase. */
  serverProbe: ProbeFigures;
  /** Steps of rising message rate after the main run (empty without `rampStepMs`). */
  ramp: RampStep[];
}

const PASSWORD = 'load-bench-pw';

/** Server-side figures from bench/load/server-probe.ts, over the traffic phase. */
export interface ProbeFigures {
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
}

/** Runs L1 and L2 together against a fresh server and returns what it measured. */
export async function measureServer(options: LoadOptions): Promise<ServerFigures> {
  const agentCount = options.agents ?? Math.max(1, Math.ceil(options.rooms / 25));
  const accounts = Array.from({length: agentCount}, (_, i) => ({
    username: `load-agent-${i}`,
    password: PASSWORD,
  }));
  const notes: string[] = [];
  const fdLimit = hardFdLimit();
  // The rooms hold a socket per visitor and per agent besides the idle ones.
  const allSockets = options.sockets + options.rooms + agentCount;
  const perProcess = fdLimit - FD_RESERVE;
  const socketProcesses =
    options.socketProcesses ?? (allSockets > perProcess ? Math.ceil(allSockets / perProcess) : 0);
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-load-'));
  let server: ChildProcess | undefined;
  let idle: IdlePhase | undefined;
  let active: ChildProcess | undefined;
  try {
    const probeFile = join(dataDir, 'probe.json');
    const started = await startServerProcess({
      dataDir,
      agents: accounts.map((a) => `${a.username}:${a.password}`),
      probeFile,
      socketProcesses,
      cpuProfDir: options.cpuProfDir,
      nice: options.nice,
    });
    server = started.child;
    const pid = server.pid!;
    await settle(1000);
    // With socket processes, the sockets' memory is theirs: the RSS counts them with the server.
    const baselineBytes = serverRss(pid);

    // L1 alone first: the server's open-file limit is shared with the rooms' sockets.
    idle = await openIdleSockets(
      `${started.url.replace(/^http/, 'ws')}/websocket`,
      options.sockets,
      options.idleProcesses ?? 4,
      fdLimit,
      Math.max(1, socketProcesses),
      options.nice,
    );
    if (idle.firstError) notes.push(`idle socket error: ${idle.firstError}`);
    if (idle.cappedBy) notes.push(idle.cappedBy);
    await settle(2000);
    const withIdleBytes = serverRss(pid);
    const idleEnd = await idle.stop();
    const idleFigures = {
      requested: idle.requested,
      sockets: idle.sockets,
      cappedBy: idle.cappedBy,
      connected: idle.connected,
      failed: idle.failed,
      connectMs: idle.connectMs,
      ...idleEnd,
    };
    for (const child of idle.children) await stop(child, 'SIGKILL');

    const roomsConfig: RoomsConfig = {
      url: started.url,
      rooms: options.rooms,
      agents: accounts,
      durationMs: options.durationMs,
      intervalMs: options.intervalMs,
      visitorSend: options.visitorSend,
      setupConcurrency: 20,
    };
    active = generator('active-rooms.ts', [JSON.stringify(roomsConfig)], options.nice);
    const roomsReady = await nextMessage<{
      rooms: number;
      failed: number;
      setupMs: number;
      firstError: string | null;
    }>(active, 'ready');
    if (roomsReady.firstError) notes.push(`room setup error: ${roomsReady.firstError}`);

    const edges = Object.fromEntries(
      socketProcessesOf(pid).map((child, i) => [`socket process ${i + 1}`, child]),
    );
    const cpuWatch = startCpuWatch({server: pid, ...edges, roomsGenerator: active.pid!});
    await readProbe(server, probeFile);
    const step = (intervalMs?: number, durationMs?: number) => {
      const next = nextMessage<ServerFigures['active']>(active!, 'result');
      active!.send({type: 'start', intervalMs, durationMs});
      return next;
    };
    const result = await step();
    if (result.firstSendError) notes.push(`first send error: ${result.firstSendError}`);
    const cpu = cpuWatch();
    const probe = await readProbe(server, probeFile);
    const endBytes = serverRss(pid);
    const ramp = options.rampStepMs
      ? await runRamp(step, roomsReady.rooms, options.rampStepMs)
      : [];
    return {
      options: {...options, agents: agentCount, socketProcesses},
      fdLimit,
      notes,
      idle: idleFigures,
      rss: {
        baselineBytes,
        withIdleBytes,
        endBytes,
        perIdleSocketBytes: (withIdleBytes - baselineBytes) / Math.max(1, idle.connected),
      },
      active: {
        ...result,
        rooms: roomsReady.rooms,
        setupFailed: roomsReady.failed,
        setupMs: roomsReady.setupMs,
      },
      cpu,
      serverProbe: probe,
      ramp,
    };
  } finally {
    await stop(active, 'SIGKILL');
    for (const child of idle?.children ?? []) await stop(child, 'SIGKILL');
    // SIGTERM lets the server close cleanly, which is also when --cpu-prof writes its file.
    await stop(server);
    await rm(dataDir, {recursive: true, force: true});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const {values} = parseArgs({
    options: {
      sockets: {type: 'string', default: '10000'},
      rooms: {type: 'string', default: '1000'},
      agents: {type: 'string'},
      duration: {type: 'string', default: '60'},
      interval: {type: 'string', default: '10'},
      'visitor-send': {type: 'string', default: 'rest'},
      'cpu-prof': {type: 'string'},
      nice: {type: 'string'},
      'idle-processes': {type: 'string', default: '4'},
      'socket-processes': {type: 'string'},
      ramp: {type: 'string'},
    },
  });
  const figures = await measureServer({
    sockets: Number(values.sockets),
    rooms: Number(values.rooms),
    agents: values.agents ? Number(values.agents) : undefined,
    durationMs: Number(values.duration) * 1000,
    intervalMs: Number(values.interval) * 1000,
    visitorSend: values['visitor-send'] === 'ddp' ? 'ddp' : 'rest',
    cpuProfDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
    nice: values.nice === undefined ? undefined : Number(values.nice),
    idleProcesses: Number(values['idle-processes']),
    rampStepMs: values.ramp ? Number(values.ramp) * 1000 : undefined,
    socketProcesses:
      values['socket-processes'] === undefined ? undefined : Number(values['socket-processes']),
  });
  console.log(formatServerFigures(figures));
  await mkdir('bench/results', {recursive: true});
  await writeFile(
    'bench/results/server-load.json',
    JSON.stringify({date: new Date().toISOString(), figures}, null, 2),
  );
  console.log('\nwritten: bench/results/server-load.json');
}
