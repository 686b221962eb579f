/**
 * Many visitors over DDP at once, for restart and load tests. Each one is the widget's own
 * `DdpConnection` (same backoff and jitter, same resubscription) on a `ws` socket, and goes
 * through the seeds' Livechat Realtime flow: `livechat:registerGuest`, `sendMessageLivechat`
 * (which opens the room), then `stream-room-messages` of that room.
 */
import {performance} from 'node:perf_hooks';
import WebSocket from 'ws';
import {newMessageId, newVisitorToken} from '../../../src/core/ids.js';
import {DdpConnection, type DdpSubscription} from '../../../src/core/transport/ddp.js';
import type {SocketLike} from '../../../src/core/transport/socket.js';
import {websocketUrl} from '../../../src/core/transport/socket.js';
import {visitorSubArgs} from './server-fixture.js';

/** One visitor of the crowd. */
export interface CrowdMember {
  readonly token: string;
  readonly rid: string;
  readonly ddp: DdpConnection;
  readonly sub: DdpSubscription;
  /** `performance.now()` at each socket this visitor opened: one per connection attempt. */
  readonly attempts: number[];
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

async function join(url: string, onAttempt: () => void): Promise<CrowdMember> {
  const attempts: number[] = [];
  const ddp = new DdpConnection(websocketUrl(url), {
    socketFactory: (address) => {
      attempts.push(performance.now());
      onAttempt();
      return new WebSocket(address) as unknown as SocketLike;
    },
  });
  try {
    await ddp.connect();
    const token = newVisitorToken();
    await ddp.call('livechat:registerGuest', [{token, name: `Crowd ${token.slice(0, 6)}`}]);
    const sent = (await ddp.call('sendMessageLivechat', [
      {_id: newMessageId(), rid: newMessageId(), msg: 'Hello from the crowd', token},
    ])) as {rid: string};
    const sub = ddp.subscribe('stream-room-messages', [sent.rid, visitorSubArgs(token)], () => {});
    await sub.ready;
    return {token, rid: sent.rid, ddp, sub, attempts};
  } catch (error) {
    ddp.close();
    throw error;
  }
}

/** Connects `size` visitors to `url`, `parallel` at a time (each gets its own room). */
export async function startCrowd(url: string, size: number, parallel = 25): Promise<Crowd> {
  const members: CrowdMember[] = [];
  const close = () => members.forEach((member) => member.ddp.close());
  /** Pending `attemptsReached` waits; each returns true once it resolved. */
  let checks: (() => boolean)[] = [];
  const onAttempt = () => (checks = checks.filter((check) => !check()));
  for (let start = 0; start < size; start += parallel) {
    const count = Math.min(parallel, size - start);
    const batch = Array.from({length: count}, () => join(url, onAttempt));
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
