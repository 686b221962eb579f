import type {DirectionFigures} from './active-rooms.js';
import type {ServerFigures} from '../server-load.js';

// No samples give NaN, which arrives over IPC as null.
const ms = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : `${n.toFixed(1)} ms`);
const pct = (n: number) => `${n.toFixed(0)} %`;

/** Server CPU time of the traffic phase (idle heartbeats included) per delivered message. */
export function serverCpuMsPerMessage(f: ServerFigures): number {
  const delivered = f.active.toAgent.delivered + f.active.toVisitor.delivered;
  if (delivered === 0) return NaN;
  // The socket processes' share is the server's too.
  const percent = Object.entries(f.cpu.processes)
    .filter(([label]) => label === 'server' || label.startsWith('socket process'))
    .reduce((sum, [, share]) => sum + share, 0);
  return ((percent / 100) * f.active.sendingMs) / delivered;
}

/** Markdown table of a run. */
export function formatServerFigures(f: ServerFigures): string {
  const {active: a, idle, rss, cpu} = f;
  const dir = (d: DirectionFigures) =>
    `p50 ${ms(d.p50)}, p95 ${ms(d.p95)}, p99 ${ms(d.p99)}, max ${ms(d.max)}; ` +
    `${d.delivered}/${d.sent} delivered, ${d.lost} lost, ${d.sendErrors} send errors`;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const rows = [
    [
      'idle visitor sockets (L1)',
      `${idle.connected}/${idle.sockets} connected (server with ` +
        `${f.options.socketProcesses} socket processes) in ` +
        `${(idle.connectMs / 1000).toFixed(1)} s, ${idle.closedByServer} dropped, ` +
        `${idle.pongs} pongs`,
    ],
    [
      'RSS per idle socket',
      `${(rss.perIdleSocketBytes / 1024).toFixed(1)} KB (server RSS, socket processes ` +
        `included, ` +
        `${mib(rss.baselineBytes)} → ${mib(rss.withIdleBytes)}, ` +
        `${mib(rss.endBytes)} at the end)`,
    ],
    [
      'active rooms (L2)',
      `${a.rooms} rooms, ${f.options.agents} agents, visitor sends over ` +
        `${f.options.visitorSend}, every ${f.options.intervalMs / 1000} s, ` +
        `${(a.sendingMs / 1000).toFixed(0)} s (setup ${(a.setupMs / 1000).toFixed(1)} s)`,
    ],
    ['visitor → agent', dir(a.toAgent)],
    ['agent → visitor', dir(a.toVisitor)],
    ['duplicates / misrouted', `${a.duplicated} / ${a.misrouted}`],
    ['aggregate delivered', `${a.msgsPerSecond.toFixed(0)} msgs/s`],
    [
      'CPU (% of one core)',
      Object.entries(cpu.processes)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(', ') +
        `; other processes ${pct(cpu.otherPercentOfCore)} ` +
        `(${cpu.cores} cores, load avg ${cpu.loadavg1m.toFixed(2)}` +
        `${f.options.nice === undefined ? '' : `; ours at nice ${f.options.nice}`})`,
    ],
    ['server CPU per delivered message', ms(serverCpuMsPerMessage(f))],
    [
      'server event-loop delay',
      `p50 ${ms(f.serverProbe.loopDelayP50Ms)}, p99 ` +
        `${ms(f.serverProbe.loopDelayP99Ms)}, max ${ms(f.serverProbe.loopDelayMaxMs)}; GC ` +
        `${f.serverProbe.gcCount} pauses, ${ms(f.serverProbe.gcTotalMs)} total, ` +
        `max ${ms(f.serverProbe.gcMaxMs)}`,
    ],
    ...f.ramp.map((r) => [
      `ramp: every ${r.intervalMs} ms each way`,
      `${r.msgsPerSecond.toFixed(0)} ` +
        `msgs/s, p95 ${ms(r.p95)}, ${r.lost} lost, ${r.duplicated} dup${r.within ? '' : ' (over)'}`,
    ]),
    [
      'generator event-loop delay',
      `p99 ${ms(a.generatorLoopDelayP99Ms)}, ` + `max ${ms(a.generatorLoopDelayMaxMs)}`,
    ],
  ];
  return figureTable(rows, f.notes);
}

/** A two-column markdown table of figures, then the notes. */
export function figureTable(rows: readonly (readonly string[])[], notes: string[]): string {
  return [
    '| figure | measured |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ...notes.map((n) => `\nnote: ${n}`),
  ].join('\n');
}
