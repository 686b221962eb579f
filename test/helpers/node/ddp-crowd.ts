/**
 * Many visitors over DDP at once, for restart and load tests. Each one is the widget's own
 * `DdpConnection` (same backoff and jitter, same resubscription) on a `ws` socket, and goes
 * through the seeds' Livechat Realtime flow: `livechat:registerGuest`, `sendMessageLivechat`
 * (which opens the room), then `stream-room-messages` of that room. With `catchUp`, each
 * reconnect also does what the widget does next: `GET livechat/config`, then the room's history
 * since the newest message seen (`src/core/catch-up.ts`).
 */
import {performance} from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  cursorFor,
  fetchSinceRetrying,
  markSeen,
  type SeenCursor,
} from '../../../src/core/catch-up.js';
import {systemClock} from '../../../src/core/clock.js';
import {newMessageId, newVisitorToken} from '../../../src/core/ids.js';
import type {RcMessage} from '../../../src/core/protocol/index.js';
import {DdpConnection, type DdpSubscription} from '../../../src/core/transport/ddp.js';
import {RestClient} from '../../../src/core/transport/rest.js';
import type {SocketLike} from '../../../src/core/transport/socket.js';
import {websocketUrl} from '../../../src/core/transport/socket.js';
import {fetchFrom} from './fetch-from.js';
import {visitorSubArgs} from './server-fixture.js';

/** One visitor of the crowd. */
export interface CrowdMember {
  readonly token: string;
  readonly rid: string;
  readonly ddp: DdpConnection;
  readonly sub: DdpSubscription;
  /** `performance.now()` at each socket this visitor opened: one per connection attempt. */
  readonly attempts: number[];
  /** The loopback address this visitor connects from (undefined: the default one). */
  readonly address: string | undefined;
  /** `performance.now()` each time the room's subscription was ready again after a reconnect. */
  readonly backAt: number[];
  /** `performance.now()` each time a reconnect's catch-up ended (with `catchUp`). */
  readonly caughtUpAt: number[];
  /** Deliveries on the room stream, per message `_id` (2 or more: a duplicate). */
  readonly streamed: Map<string, number>;
  /** Ids of the messages that catch-ups brought. */
  readonly fetched: Set<string>;
  /**
   * Sockets that closed before the server's `connected`: when they were opened, and why (the
   * socket error's code such as `ECONNREFUSED`, or `closed <code>`, e.g. `closed 1013` over the
   * per-address cap).
   */
  readonly failures: {at: number; why: string}[];
  /** Catch-ups that failed after all their tries, with the last error. */
  readonly catchUpErrors: string[];
}

/** How a crowd connects. */
export interface CrowdOptions {
  /** Visitors joining at once (default 25). */
  parallel?: number;
  /**
   * Loopback source addresses (`127.0.1.2`…), taken in turn: the server caps sockets and
   * rate-limits calls per client address, and real visitors mostly come from different ones.
   */
  localAddresses?: readonly string[];
  /** After each reconnect, fetch the config and catch up as the widget does. */
  catchUp?: boolean;
}

/** A crowd of connected, subscribed visitors. */
export interface Crowd {
  readonly members: readonly CrowdMember[];
  /** Resolves once every member has opened at least `count` sockets in all. */
  attemptsReached(count: number): Promise<void>;
  /**
   * Arms a wait for the next reconnect of every member (call it before the link drops). The
   * promise resolves, once all are connected and subscribed again, with the start time of each
   * member's attempt that got through.
   */
  nextReconnect(): Promise<number[]>;
  /** Closes every connection (no socket or timer is left). */
  close(): void;
}

/** A `ws` socket from `localAddress` that records in `failures` how it ended before `connected`. */
function recordedSocket(
  address: string,
  localAddress: string | undefined,
  failures: CrowdMember['failures'],
): SocketLike {
  const ws = new WebSocket(address, {localAddress});
  // Dated by its start: a busy client may hear of a refusal long after it happened.
  const startedAt = performance.now();
  let isConnected = false;
  let error = '';
  const onMessage = (data: WebSocket.RawData) => {
    if (!String(data).includes('"connected"')) return;
    isConnected = true;
    ws.off('message', onMessage);
  };
  ws.on('message', onMessage);
  ws.on('error', (e: NodeJS.ErrnoException) => (error ||= e.code ?? e.message));
  ws.on('close', (code) => {
    if (!isConnected) failures.push({at: startedAt, why: error || `closed ${code}`});
  });
  return ws as unknown as SocketLike;
}

async function join(
  url: string,
  onAttempt: () => void,
  localAddress: string | undefined,
  catchUp: boolean,
): Promise<CrowdMember> {
  const attempts: number[] = [];
  const failures: CrowdMember['failures'] = [];
  const ddp = new DdpConnection(websocketUrl(url), {
    socketFactory: (address) => {
      attempts.push(performance.now());
      onAttempt();
      return recordedSocket(address, localAddress, failures);
    },
  });
  try {
    await ddp.connect();
    const token = newVisitorToken();
    await ddp.call('livechat:registerGuest', [{token, name: `Crowd ${token.slice(0, 6)}`}]);
    const sent = (await ddp.call('sendMessageLivechat', [
      {_id: newMessageId(), rid: newMessageId(), msg: 'Hello from the crowd', token},
    ])) as RcMessage;
    const rid = sent.rid;
    const seen: SeenCursor = {lastSeen: null};
    markSeen(seen, rid, [sent]);
    const streamed = new Map<string, number>();
    const sub = ddp.subscribe('stream-room-messages', [rid, visitorSubArgs(token)], (fields) => {
      const raw = (fields.args as RcMessage[] | undefined)?.[0];
      if (!raw?._id) return;
      streamed.set(raw._id, (streamed.get(raw._id) ?? 0) + 1);
      markSeen(seen, rid, [raw]);
    });
    await sub.ready;
    const member: CrowdMember = {
      token,
      rid,
      ddp,
      sub,
      attempts,
      address: localAddress,
      backAt: [],
      caughtUpAt: [],
      streamed,
      fetched: new Set(),
      failures,
      catchUpErrors: [],
    };
    const rest = new RestClient({server: url, fetch: fetchFrom(localAddress)});
    ddp.on('reconnected', () => {
      void sub.ready.then(async () => {
        member.backAt.push(performance.now());
        if (!catchUp) return;
        try {
          await rest.config(token);
          const link = {clock: systemClock, isLinkUp: () => ddp.isConnected};
          const {raws} = await fetchSinceRetrying(rest, rid, token, cursorFor(seen, rid), link);
          for (const raw of raws) member.fetched.add(raw._id);
          markSeen(seen, rid, raws);
        } catch (error) {
          member.catchUpErrors.push(String((error as Error).message ?? error));
        }
        member.caughtUpAt.push(performance.now());
      });
    });
    return member;
  } catch (error) {
    ddp.close();
    throw error;
  }
}

/** Connects `size` visitors to `url`, `parallel` at a time (each gets its own room). */
export async function startCrowd(
  url: string,
  size: number,
  {parallel = 25, localAddresses = [], catchUp = false}: CrowdOptions = {},
): Promise<Crowd> {
  const members: CrowdMember[] = [];
  const close = () => members.forEach((member) => member.ddp.close());
  /** Pending `attemptsReached` waits; each returns true once it resolved. */
  let checks: (() => boolean)[] = [];
  const onAttempt = () => (checks = checks.filter((check) => !check()));
  for (let start = 0; start < size; start += parallel) {
    const count = Math.min(parallel, size - start);
    const batch = Array.from({length: count}, (_, i) => {
      const address = localAddresses.length
        ? localAddresses[(start + i) % localAddresses.length]
        : undefined;
      return join(url, onAttempt, address, catchUp);
    });
    const settled = await Promise.allSettled(batch);
    for (const result of settled) if (result.status === 'fulfilled') members.push(result.value);
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) {
      close();
      throw failure.reason;
    }
  }
  return {
    members,
    attemptsReached(count) {
      const isDone = () => members.every((member) => member.attempts.length >= count);
      return new Promise((resolve) => {
        const check = () => {
          if (isDone()) resolve();
          return isDone();
        };
        if (!check()) checks.push(check);
      });
    },
    nextReconnect() {
      return Promise.all(
        members.map(
          (member) =>
            new Promise<number>((resolve) => {
              member.ddp.once('reconnected', () => {
                void member.sub.ready.then(() => resolve(member.attempts.at(-1)!));
              });
            }),
        ),
      );
    },
    close,
  };
}
