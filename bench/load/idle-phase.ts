/**
 * The idle-socket phase (L1): `processes` generator children, each from its own loopback source
 * address (127.0.0.2, .3, …) so that client ports do not run out, hold their share of the idle
 * visitor sockets. A server process can hold no more sockets than its open-file limit allows, so
 * the count is capped below that limit times the processes holding sockets (the server's
 * `--socket-processes`, else the server itself), and the report says so.
 */
import type {ChildProcess} from 'node:child_process';
import {generator, nextMessage} from './processes.js';

/** Files a server process keeps open besides the idle sockets (database, logs, listeners, slack). */
export const FD_RESERVE = 800;

/** What the idle phase counted, and what its children saw once stopped. */
export interface IdleCounts {
  requested: number;
  sockets: number;
  cappedBy: string | null;
  connected: number;
  failed: number;
  connectMs: number;
}
export interface IdleEnd {
  closedByServer: number;
  pongs: number;
}

export interface IdlePhase extends IdleCounts {
  firstError: string | null;
  children: ChildProcess[];
  /** Stops the children; resolves with what they saw. */
  stop(): Promise<IdleEnd>;
}

export async function openIdleSockets(
  wsUrl: string,
  requested: number,
  processes: number,
  fdLimit: number,
  serverProcesses: number,
  nice?: number,
): Promise<IdlePhase> {
  const cap = (fdLimit - FD_RESERVE) * serverProcesses;
  const sockets = Math.min(requested, cap);
  const cappedBy =
    sockets < requested
      ? `the open-file hard limit per process here is ${fdLimit} (ulimit -Hn, cannot be raised), ` +
        `so ${serverProcesses} server process(es) hold at most ~${cap} sockets; ${requested} asked for`
      : null;
  const started = performance.now();
  const children = Array.from({length: processes}, (_, k) => {
    const share = Math.floor(sockets / processes) + (k < sockets % processes ? 1 : 0);
    return generator('idle-sockets.ts', [wsUrl, String(share), '250', `127.0.0.${k + 2}`], nice);
  });
  type Ready = {connected: number; failed: number; firstError: string | null};
  const ready = await Promise.all(children.map((c) => nextMessage<Ready>(c, 'connected')));
  return {
    requested,
    sockets,
    cappedBy,
    connected: ready.reduce((a, r) => a + r.connected, 0),
    failed: ready.reduce((a, r) => a + r.failed, 0),
    connectMs: performance.now() - started,
    firstError: ready.find((r) => r.firstError)?.firstError ?? null,
    children,
    async stop() {
      type Stopped = {closedByServer: number; pongs: number};
      const ends = await Promise.all(
        children.map((c) => {
          const stopped = nextMessage<Stopped>(c, 'stopped');
          c.send({type: 'stop'});
          return stopped;
        }),
      );
      return {
        closedByServer: ends.reduce((a, e) => a + e.closedByServer, 0),
        pongs: ends.reduce((a, e) => a + e.pongs, 0),
      };
    },
  };
}
