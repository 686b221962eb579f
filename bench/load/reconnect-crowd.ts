/**
 * Load generator child (L3): a crowd of visitors (test/helpers/node/ddp-crowd.ts: the widget's
 * own `DdpConnection`, so its real backoff and jitter, resubscription, and the widget's config
 * fetch and catch-up after each reconnect), from its own loopback source addresses. Talks to
 * bench/server-reconnect.ts over IPC: `ready` (with each room) once all joined; on `report`
 * (with a time and the sampled messages) what happened since that time. Times are epoch ms, so
 * that the parent can set them against its own.
 */
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {startCrowd} from '../../test/helpers/node/ddp-crowd.js';

/** What the parent passes as argv[2] (JSON). */
export interface ReconnectCrowdConfig {
  url: string;
  count: number;
  addresses: string[];
  parallel: number;
}

/**
 * The parent's `report` request: since when (the server was stopped), when it listened again,
 * and which message to look for in which room.
 */
export interface ReportRequest {
  type: 'report';
  since: number;
  upAt: number;
  sampled: Record<string, string>;
}

/** One `report` answer. */
export interface CrowdReport {
  type: 'report';
  /** Per visitor: epoch ms when the room's subscription was ready again (null: not yet). */
  backAt: (number | null)[];
  /** Per visitor: epoch ms when that reconnect's catch-up ended (null: not yet). */
  caughtUpAt: (number | null)[];
  /** Sockets that did not get through, by why, while the server was down and once it was up. */
  failures: {whileDown: Record<string, number>; afterUp: Record<string, number>};
  /** Failed catch-up requests since the start, by error. */
  catchUpErrors: Record<string, number>;
  /** This generator's worst event-loop delay since the previous report, in ms. */
  loopDelayMaxMs: number;
  /** Per sampled room: deliveries on the stream of its message, and whether a catch-up had it. */
  sampled: Record<string, {streamed: number; fetched: boolean}>;
}

const config = JSON.parse(process.argv[2]) as ReconnectCrowdConfig;
const epoch = (t: number) => performance.timeOrigin + t;
const count = (whys: string[]) => {
  const counts: Record<string, number> = {};
  for (const why of whys) counts[why] = (counts[why] ?? 0) + 1;
  return counts;
};
const crowd = await startCrowd(config.url, config.count, {
  parallel: config.parallel,
  localAddresses: config.addresses,
  catchUp: true,
});
// A late client timer stretches the wave too: the parent reports how late they ran.
const loop = monitorEventLoopDelay({resolution: 10});
loop.enable();
const byRoom = new Map(crowd.members.map((m) => [m.rid, m]));
process.send!({type: 'ready', rooms: crowd.members.map((m) => m.rid)});

const failed = (from: number, to: number) =>
  crowd.members.flatMap((m) =>
    m.failures.filter((f) => epoch(f.at) >= from && epoch(f.at) < to).map((f) => f.why),
  );

process.on('message', (message: ReportRequest | {type: 'end'}) => {
  if (message.type === 'end') {
    crowd.close();
    process.exit(0);
  }
  if (message.type !== 'report') return;
  const after = (times: number[]) => times.map(epoch).find((t) => t >= message.since) ?? null;
  const report: CrowdReport = {
    type: 'report',
    backAt: crowd.members.map((m) => after(m.backAt)),
    caughtUpAt: crowd.members.map((m) => after(m.caughtUpAt)),
    failures: {
      whileDown: count(failed(message.since, message.upAt)),
      afterUp: count(failed(message.upAt, Infinity)),
    },
    catchUpErrors: count(crowd.members.flatMap((m) => m.catchUpErrors)),
    loopDelayMaxMs: Math.max(0, loop.max / 1e6 - 10),
    sampled: {},
  };
  loop.reset();
  for (const [rid, id] of Object.entries(message.sampled)) {
    const member = byRoom.get(rid);
    if (!member) continue;
    report.sampled[rid] = {streamed: member.streamed.get(id) ?? 0, fetched: member.fetched.has(id)};
  }
  process.send!(report);
});
