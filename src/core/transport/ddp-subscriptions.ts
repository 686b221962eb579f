import type {DdpError, DdpFrame} from '../protocol/index.js';
import {DdpCallError} from './ddp-error.js';

/** Receives the `fields` of a `changed`/`added` frame, and the frame itself. */
export type ChangedHandler = (
  fields: Record<string, unknown>,
  frame: Extract<DdpFrame, {msg: 'changed' | 'added'}>,
) => void;

/** One live subscription, as `DdpConnection.subscribe()` returns it. */
export interface DdpSubscription {
  readonly id: string;
  /**
   * Settles when the server answers the latest `sub` frame sent under this id: resolves on
   * `ready`, rejects on `nosub`. Losing the link arms a new promise, which the sub re-sent on
   * reconnect settles.
   */
  readonly ready: Promise<void>;
  /** Unsubscribes (idempotent); the subscription is not re-sent after a reconnect any more. */
  stop(): void;
}

interface Round {
  promise: Promise<void>;
  isSettled: boolean;
  resolve(): void;
  reject(error: DdpCallError): void;
}

interface Entry {
  frame: {msg: 'sub'; id: string; name: string; params: unknown[]};
  onChanged: ChangedHandler;
  onStop: (error?: DdpCallError) => void;
  round: Round;
}

function newRound(): Round {
  const round = {isSettled: false} as Round;
  round.promise = new Promise<void>((resolve, reject) => {
    round.resolve = () => {
      round.isSettled = true;
      resolve();
    };
    round.reject = (error) => {
      round.isSettled = true;
      reject(error);
    };
  });
  // Callers that never await `ready` must not see an unhandled rejection.
  round.promise.catch(() => undefined);
  return round;
}

/** The subscription registry of one `DdpConnection`; survives reconnects by design. */
export class DdpSubscriptions {
  readonly #entries = new Map<string, Entry>();

  readonly #send: (frame: object) => void;

  constructor(send: (frame: object) => void) {
    this.#send = send;
  }

  /** Registers `id` and sends its `sub` frame (the sender drops it while disconnected). */
  add(
    id: string,
    name: string,
    params: unknown[],
    onChanged: ChangedHandler,
    onStop: (error?: DdpCallError) => void,
  ): DdpSubscription {
    const frame = {msg: 'sub' as const, id, name, params};
    const entry: Entry = {frame, onChanged, onStop, round: newRound()};
    this.#entries.set(id, entry);
    this.#send(entry.frame);
    return {
      id,
      get ready() {
        return entry.round.promise;
      },
      stop: () => {
        if (this.#entries.get(id) !== entry) return;
        this.#entries.delete(id);
        this.#send({msg: 'unsub', id});
      },
    };
  }

  /**
   * The socket went, and the server's subscriptions with it: `ready` waits for the answer to
   * the `sub` the next link re-sends. Re-armed here, before `connected` is announced, so that
   * whoever awaits `ready` on that news (the catch-up) does not get the old link's answer.
   */
  unready(): void {
    for (const entry of this.#entries.values()) {
      if (entry.round.isSettled) entry.round = newRound();
    }
  }

  /** Re-sends every live subscription under its old id (after `connected`). */
  resendAll(): void {
    for (const entry of this.#entries.values()) this.#send(entry.frame);
  }

  /** Handles `ready`. */
  handleReady(ids: string[]): void {
    for (const id of ids) this.#entries.get(id)?.round.resolve();
  }

  /** Handles `nosub`: the server refused or ended the subscription. */
  handleNosub(id: string, error: DdpError | undefined): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    const callError = error && new DdpCallError(error);
    if (!entry.round.isSettled) entry.round.reject(callError ?? new DdpCallError({error: 'nosub'}));
    entry.onStop(callError);
  }

  /** Routes a collection frame to every subscription of that collection. */
  handleChanged(frame: Extract<DdpFrame, {msg: 'changed' | 'added'}>): void {
    for (const entry of [...this.#entries.values()]) {
      if (entry.frame.name !== frame.collection) continue;
      entry.onChanged(frame.fields ?? {}, frame);
    }
  }
}
