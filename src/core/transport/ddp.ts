import {decodeDdpFrame, type DdpFrame} from '../protocol/index.js';
import {systemClock} from '../clock.js';
import {Emitter} from '../emitter.js';
import {DdpCalls, disconnectedError} from './ddp-calls.js';
import {DdpCallError, fatalError} from './ddp-error.js';
import {DdpSubscriptions, type ChangedHandler, type DdpSubscription} from './ddp-subscriptions.js';
import {
  CONNECT_FRAME,
  type ConnectWaiter,
  type DdpConnectionOptions,
  type DdpEvents,
  type DdpStatus,
} from './ddp-types.js';
import {DEAD_AFTER_MS, Heartbeat, PING_AFTER_MS} from './heartbeat.js';
import {ReconnectSchedule} from './reconnect-schedule.js';
import {defaultSocketFactory, discardSocket, FATAL_CLOSE_CODES, SOCKET_OPEN} from './socket.js';
import type {SocketFactory, SocketLike} from './socket.js';

export * from './backoff.js';
export * from './socket.js';
export {DEAD_AFTER_MS, PING_AFTER_MS} from './heartbeat.js';
export type {ChangedHandler, DdpSubscription} from './ddp-subscriptions.js';
export {DdpCallError} from './ddp-error.js';
export type {DdpConnectionOptions, DdpEvents, DdpStatus} from './ddp-types.js';

/**
 * A generic, self-healing DDP client connection (no Livechat knowledge; the widget and the
 * agent console share it). Nothing happens until `connect()`, which resolves on `connected`.
 *
 * - A lost link is retried with jittered exponential backoff (backoff.ts) until `close()`, capped
 *   lower while the page is visible than while it is hidden; `reconnectNow()` skips the wait, or
 *   probes a link that looks up (on `online`, say).
 * - `call()` resolves `result` or rejects with a `DdpCallError` (`disconnected` when the link
 *   drops before the answer); calls made while disconnected are sent on `connected`.
 * - `subscribe(name, params, onChanged, onStop?)`: `onChanged(fields, frame)` gets every
 *   `changed`/`added` frame of the collection `name`; `onStop(error?)` runs on `nosub`. Live
 *   subscriptions are re-sent under their old ids after a reconnect, and `ready` re-arms.
 * - Answers `ping`; pings after `pingAfterMs` of silence, drops the socket `deadAfterMs` later.
 * - A DDP `failed` or a `FATAL_CLOSE_CODES` close stops it for good: `error` fires with `error:
 *   'failed'`, `fatalError` keeps it, `connect()` and `call()` reject with it from then on.
 */
export class DdpConnection extends Emitter<DdpEvents> {
  readonly #socketFactory: SocketFactory;
  readonly #heartbeat: Heartbeat;
  readonly #retries: ReconnectSchedule;
  readonly #subs = new DdpSubscriptions((frame) => this.isConnected && this.#send(frame));
  readonly #calls = new DdpCalls((frame) => this.#send(frame));
  #connectWaiters: ConnectWaiter[] = [];
  #socket: SocketLike | null = null;
  #currentStatus: DdpStatus = 'disconnected';
  #isWanted = false;
  #hasConnected = false;
  #nextId = 1;
  #failure: DdpCallError | null = null;

  constructor(
    readonly url: string,
    options: DdpConnectionOptions = {},
  ) {
    super();
    this.#socketFactory = options.socketFactory ?? defaultSocketFactory;
    const {clock = systemClock, pingAfterMs = PING_AFTER_MS, deadAfterMs = DEAD_AFTER_MS} = options;
    this.#retries = new ReconnectSchedule(clock, options);
    const ping = () => this.#socket?.readyState === SOCKET_OPEN && this.#send({msg: 'ping'});
    const dead = () => this.#handleLoss();
    this.#heartbeat = new Heartbeat(clock, pingAfterMs, deadAfterMs, ping, dead);
  }

  /** The current link status. */
  get status(): DdpStatus {
    return this.#currentStatus;
  }

  /** Whether the DDP session is established (`connected` received). */
  get isConnected(): boolean {
    return this.#currentStatus === 'connected';
  }

  /** The fatal refusal that stopped this connection for good, if any. */
  get fatalError(): DdpCallError | null {
    return this.#failure;
  }

  /**
   * Opens the link (idempotent); resolves once `connected`, rejects if `close()` or a fatal
   * refusal comes first (and at once after a fatal refusal).
   */
  connect(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    this.#isWanted = true;
    if (this.isConnected) return Promise.resolve();
    const promise = new Promise<void>((resolve, reject) => {
      this.#connectWaiters.push({resolve, reject});
    });
    if (!this.#socket && !this.#retries.isWaiting) this.#open();
    return promise;
  }

  /**
   * Tries at once (skipping the backoff wait, or replacing an attempt under way); on a link
   * that looks up, pings now, so a socket that died silently (sleep, network switch) is found
   * out within `deadAfterMs`.
   */
  reconnectNow(): void {
    if (!this.#isWanted) return;
    if (this.isConnected) return this.#heartbeat.probe();
    // An attempt still under way may hang on a network that is gone: start over on this one.
    this.#dropSocket();
    this.#retries.cancel();
    this.#open();
  }

  /** Calls a server method; see the class comment for when it rejects. */
  call(method: string, params: unknown[] = []): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    return this.#calls.add(String(this.#nextId++), method, params, this.isConnected);
  }

  /** Subscribes to `name`; see the class comment. */
  subscribe(
    name: string,
    params: unknown[],
    onChanged: ChangedHandler,
    onStop?: (error?: DdpCallError) => void,
  ): DdpSubscription {
    return this.#subs.add(`s${this.#nextId++}`, name, params, onChanged, (error) =>
      onStop?.(error),
    );
  }

  /** Stops everything; no socket or timer is left. */
  close(): void {
    this.#isWanted = false;
    this.#retries.cancel();
    this.#dropSocket();
    this.#calls.rejectAll();
    this.#settleWaiters((waiter) => waiter.reject(disconnectedError()));
    this.#setStatus('disconnected');
  }

  #open(): void {
    this.#setStatus(
      this.#hasConnected || this.#retries.attempts > 0 ? 'reconnecting' : 'connecting',
    );
    let socket: SocketLike;
    try {
      socket = this.#socketFactory(this.url);
    } catch {
      return this.#handleLoss();
    }
    this.#socket = socket;
    socket.onopen = () => this.#send(CONNECT_FRAME);
    socket.onmessage = (event) => this.#handleData(event.data);
    socket.onclose = ({code: closeCode, reason}) => {
      if (!FATAL_CLOSE_CODES.includes(closeCode)) return this.#handleLoss();
      this.#fail(fatalError({closeCode}, reason));
    };
    // An error is always followed by `close`; one handler is enough.
    socket.onerror = () => undefined;
    this.#heartbeat.arm();
  }

  #handleData(data: unknown): void {
    if (typeof data !== 'string') return;
    // Any frame, even one without `msg`, proves the link is alive.
    this.#heartbeat.arm();
    const frame = decodeDdpFrame(data);
    if (frame) this.#handleFrame(frame);
  }

  #handleFrame(frame: DdpFrame): void {
    switch (frame.msg) {
      case 'connected':
        return this.#handleConnected();
      case 'failed':
        return this.#fail(fatalError({version: frame.version}));
      case 'ping':
        // JSON leaves an undefined `id` out.
        return this.#send({msg: 'pong', id: frame.id});
      case 'result':
        return this.#calls.handleResult(frame);
      case 'ready':
        return this.#subs.handleReady(frame.subs);
      case 'nosub':
        return this.#subs.handleNosub(frame.id, frame.error);
      case 'added':
      case 'changed':
        return this.#subs.handleChanged(frame);
      case 'error': {
        const error = new DdpCallError({error: 'error', reason: frame.reason});
        return this.emit('error', {error});
      }
    }
  }

  #handleConnected(): void {
    if (this.isConnected) return; // a duplicated frame: the subs must not go out twice
    const attempts = this.#retries.succeed();
    const isReconnect = this.#hasConnected;
    this.#hasConnected = true;
    this.#setStatus('connected');
    this.#subs.resendAll();
    this.#calls.sendUnsent();
    this.#settleWaiters((waiter) => waiter.resolve());
    if (isReconnect) this.emit('reconnected', {attempts});
  }

  #settleWaiters(settle: (waiter: ConnectWaiter) => void): void {
    this.#connectWaiters.splice(0).forEach(settle);
  }

  #fail(error: DdpCallError): void {
    this.#failure = error;
    this.#settleWaiters((waiter) => waiter.reject(error));
    this.emit('error', {error});
    this.close();
  }

  #handleLoss(): void {
    this.#dropSocket();
    this.#calls.rejectSent();
    if (!this.#isWanted) return this.#setStatus('disconnected');
    this.#setStatus('reconnecting');
    this.#retries.schedule(() => this.#open());
  }

  #dropSocket(): void {
    this.#heartbeat.stop();
    this.#subs.unready();
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = null;
    discardSocket(socket);
  }

  #send(frame: object): void {
    try {
      this.#socket?.send(JSON.stringify(frame));
    } catch {
      // The socket is going away; `close` follows and the reconnect logic takes over.
    }
  }

  #setStatus(status: DdpStatus): void {
    const previous = this.#currentStatus;
    if (previous === status) return;
    this.#currentStatus = status;
    this.emit('status', {status, previous});
  }
}
