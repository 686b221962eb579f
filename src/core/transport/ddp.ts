import {decodeDdpFrame, type DdpFrame} from '../protocol/index.js';
import {systemClock, type Clock, type TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {reconnectDelayMs, type BackoffOptions} from './backoff.js';
import {DdpCalls, disconnectedError} from './ddp-calls.js';
import {DdpCallError} from './ddp-error.js';
import {DdpSubscriptions, type ChangedHandler, type DdpSubscription} from './ddp-subscriptions.js';
import {Heartbeat} from './heartbeat.js';
import {defaultSocketFactory, SOCKET_OPEN, type SocketFactory, type SocketLike} from './socket.js';

export * from './backoff.js';
export * from './socket.js';
export type {ChangedHandler, DdpSubscription} from './ddp-subscriptions.js';
export {DdpCallError} from './ddp-error.js';

/** Ping after this much silence from the server. */
export const PING_AFTER_MS = 30_000;
/** After the ping, this much more silence means the socket is dead (half-open). */
export const DEAD_AFTER_MS = 35_000;

const CONNECT_FRAME = {msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1']};

/** Link status: `reconnecting` covers both the backoff wait and the retry itself. */
export type DdpStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

/** Events of a `DdpConnection`. */
export interface DdpEvents {
  status: {status: DdpStatus; previous: DdpStatus};
  /** A `connected` after an earlier one: every subscription has just been re-sent. */
  reconnected: {attempts: number};
  /** Every decoded frame, after the connection handled it (for callers with custom needs). */
  frame: {frame: DdpFrame};
  /** A `failed` (fatal: no more retries) or `error` frame from the server. */
  error: {error: DdpCallError};
}

/** Options of a `DdpConnection`; every number has a default. */
export interface DdpConnectionOptions {
  socketFactory?: SocketFactory;
  clock?: Clock;
  /** Jitter source in [0, 1). */
  random?: () => number;
  pingAfterMs?: number;
  deadAfterMs?: number;
  backoff?: BackoffOptions;
}

/**
 * A generic, self-healing DDP client connection (no Livechat knowledge; the widget and the
 * agent console share it).
 *
 * - `new DdpConnection(url, options?)`: nothing happens until `connect()`.
 * - `connect(): Promise<void>` opens the socket, sends the DDP `connect` frame and resolves on
 *   `connected`. A lost link is retried with jittered exponential backoff (`RECONNECT_*` in
 *   backoff.ts) until `close()`; `reconnectNow()` skips the current wait (on `online`, say).
 * - `call(method, params): Promise<unknown>` resolves `result` or rejects with a `DdpCallError`
 *   (`error === 'disconnected'` when the link drops before the answer). Calls made while
 *   disconnected are queued and sent on `connected`.
 * - `subscribe(name, params, onChanged, onStop?): {id, ready, stop()}`. `onChanged(fields,
 *   frame)` gets every `changed`/`added` frame of the collection `name` (streams: filter on
 *   `fields.eventName`); `onStop(error?)` runs on `nosub`. Every live subscription is re-sent
 *   under its old id after a reconnect, and `ready` then re-arms.
 * - Answers `ping` with `pong` (echoing the id); pings after `pingAfterMs` of silence and drops
 *   the socket after `deadAfterMs` more. Emits `status`, `reconnected`, `frame`, `error`.
 * - `close()` stops everything: socket, timers, pending calls (rejected). Subscriptions stay
 *   registered, so a later `connect()` restores them; `stop()` forgets one.
 */
export class DdpConnection extends Emitter<DdpEvents> {
  private readonly socketFactory: SocketFactory;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly heartbeat: Heartbeat;
  private readonly subs = new DdpSubscriptions((frame) => this.isConnected && this.send(frame));
  private readonly calls = new DdpCalls((frame) => this.send(frame));
  private connectWaiters: {resolve(): void; reject(error: DdpCallError): void}[] = [];
  private socket: SocketLike | null = null;
  private currentStatus: DdpStatus = 'disconnected';
  private isWanted = false;
  private hasConnected = false;
  private attempt = 0;
  private nextId = 1;
  private reconnectTimer: TimerHandle | null = null;

  constructor(readonly url: string, options: DdpConnectionOptions = {}) {
    super();
    this.socketFactory = options.socketFactory ?? defaultSocketFactory;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? {};
    this.heartbeat = new Heartbeat(
      this.clock,
      options.pingAfterMs ?? PING_AFTER_MS,
      options.deadAfterMs ?? DEAD_AFTER_MS,
      () => this.socket?.readyState === SOCKET_OPEN && this.send({msg: 'ping'}),
      () => this.handleLoss(),
    );
  }

  /** The current link status. */
  get status(): DdpStatus {
    return this.currentStatus;
  }

  /** Whether the DDP session is established (`connected` received). */
  get isConnected(): boolean {
    return this.currentStatus === 'connected';
  }

  /** Opens the link (idempotent); resolves once `connected`, rejects if `close()` comes first. */
  connect(): Promise<void> {
    this.isWanted = true;
    if (this.isConnected) return Promise.resolve();
    const promise = new Promise<void>((resolve, reject) => {
      this.connectWaiters.push({resolve, reject});
    });
    if (!this.socket && this.reconnectTimer === null) this.open();
    return promise;
  }

  /** Skips the backoff wait and tries at once (no-op unless waiting to reconnect). */
  reconnectNow(): void {
    if (!this.isWanted || this.socket || this.reconnectTimer === null) return;
    this.clock.clearTimeout(this.reconnectTimer);
    this.open();
  }

  /** Calls a server method; see the class comment for when it rejects. */
  call(method: string, params: unknown[] = []): Promise<unknown> {
    return this.calls.add(String(this.nextId++), method, params, this.isConnected);
  }

  /** Subscribes to `name`; see the class comment. */
  subscribe(
    name: string,
    params: unknown[],
    onChanged: ChangedHandler,
    onStop?: (error?: DdpCallError) => void,
  ): DdpSubscription {
    return this.subs.add(`s${this.nextId++}`, name, params, onChanged, (error) => onStop?.(error));
  }

  /** Stops everything; no socket or timer is left. */
  close(): void {
    this.isWanted = false;
    if (this.reconnectTimer !== null) this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.dropSocket();
    this.calls.rejectAll();
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const waiter of waiters) waiter.reject(disconnectedError());
    this.setStatus('disconnected');
  }

  private open(): void {
    this.reconnectTimer = null;
    this.setStatus(this.hasConnected || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.socketFactory(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.send(CONNECT_FRAME);
    socket.onmessage = (event) => this.handleData(event.data);
    socket.onclose = () => this.handleLoss();
    // An error is always followed by `close`; one handler is enough.
    socket.onerror = () => undefined;
    this.heartbeat.arm();
  }

  private handleData(data: unknown): void {
    if (typeof data !== 'string') return;
    // Any frame, even one without `msg`, proves the link is alive.
    this.heartbeat.arm();
    const frame = decodeDdpFrame(data);
    if (!frame) return;
    this.handleFrame(frame);
    this.emit('frame', {frame});
  }

  private handleFrame(frame: DdpFrame): void {
    switch (frame.msg) {
      case 'connected':
        return this.handleConnected();
      case 'failed':
        this.emit('error', {error: new DdpCallError({error: 'failed', reason: frame.version})});
        return this.close();
      case 'ping':
        return this.send(frame.id === undefined ? {msg: 'pong'} : {msg: 'pong', id: frame.id});
      case 'result':
        return this.calls.handleResult(frame);
      case 'ready':
        return this.subs.handleReady(frame.subs);
      case 'nosub':
        return this.subs.handleNosub(frame.id, frame.error);
      case 'added':
      case 'changed':
        return this.subs.handleChanged(frame);
      case 'error':
        this.emit('error', {error: new DdpCallError({error: 'error', reason: frame.reason})});
        return;
      default:
        return;
    }
  }

  private handleConnected(): void {
    const attempts = this.attempt;
    const isReconnect = this.hasConnected;
    this.attempt = 0;
    this.hasConnected = true;
    this.setStatus('connected');
    this.subs.resendAll();
    this.calls.sendUnsent();
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const waiter of waiters) waiter.resolve();
    if (isReconnect) this.emit('reconnected', {attempts});
  }

  private handleLoss(): void {
    this.dropSocket();
    this.calls.rejectSent();
    if (this.isWanted) this.scheduleReconnect();
    else this.setStatus('disconnected');
  }

  private scheduleReconnect(): void {
    this.setStatus('reconnecting');
    const delay = reconnectDelayMs(this.attempt++, this.random, this.backoff);
    this.reconnectTimer = this.clock.setTimeout(() => this.open(), delay);
  }

  private dropSocket(): void {
    this.heartbeat.stop();
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(4000, 'closing');
    } catch {
      // Already closed, or a fake that does not care: nothing to release.
    }
  }

  private send(frame: object): void {
    try {
      this.socket?.send(JSON.stringify(frame));
    } catch {
      // The socket is going away; `close` follows and the reconnect logic takes over.
    }
  }

  private setStatus(status: DdpStatus): void {
    const previous = this.currentStatus;
    if (previous === status) return;
    this.currentStatus = status;
    this.emit('status', {status, previous});
  }
}
