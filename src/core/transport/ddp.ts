import {decodeDdpFrame, type DdpFrame} from '../protocol/index.js';
import {systemClock, type Clock, type TimerHandle} from '../clock.js';
import {Emitter} from '../emitter.js';
import {reconnectDelayMs, type BackoffOptions} from './backoff.js';
import {DdpCalls, disconnectedError} from './ddp-calls.js';
import {DdpCallError} from './ddp-error.js';
import {DdpSubscriptions, type ChangedHandler, type DdpSubscription} from './ddp-subscriptions.js';
import {
  CONNECT_FRAME,
  type ConnectWaiter,
  type DdpConnectionOptions,
  type DdpEvents,
  type DdpStatus,
} from './ddp-types.js';
import {DEAD_AFTER_MS, Heartbeat, PING_AFTER_MS} from './heartbeat.js';
import {defaultSocketFactory, FATAL_CLOSE_CODES, SOCKET_OPEN} from './socket.js';
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
 * - A lost link is retried with jittered exponential backoff (backoff.ts) until `close()`;
 *   `reconnectNow()` skips the wait, or probes a link that looks up (on `online`, say).
 * - `call()` resolves `result` or rejects with a `DdpCallError` (`disconnected` when the link
 *   drops before the answer); calls made while disconnected are sent on `connected`.
 * - `subscribe(name, params, onChanged, onStop?)`: `onChanged(fields, frame)` gets every
 *   `changed`/`added` frame of the collection `name`; `onStop(error?)` runs on `nosub`. Live
 *   subscriptions are re-sent under their old ids after a reconnect, and `ready` re-arms.
 * - Answers `ping`; pings after `pingAfterMs` of silence, drops the socket `deadAfterMs` later.
 * - A DDP `failed` or a `FATAL_CLOSE_CODES` close stops retrying, as `close()` does.
 */
export class DdpConnection extends Emitter<DdpEvents> {
  private readonly socketFactory: SocketFactory;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly heartbeat: Heartbeat;
  private readonly subs = new DdpSubscriptions((frame) => this.isConnected && this.send(frame));
  private readonly calls = new DdpCalls((frame) => this.send(frame));
  private connectWaiters: ConnectWaiter[] = [];
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
    const {pingAfterMs = PING_AFTER_MS, deadAfterMs = DEAD_AFTER_MS} = options;
    const ping = () => this.socket?.readyState === SOCKET_OPEN && this.send({msg: 'ping'});
    const dead = () => this.handleLoss();
    this.heartbeat = new Heartbeat(this.clock, pingAfterMs, deadAfterMs, ping, dead);
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

  /**
   * Tries at once (skipping the backoff wait, or replacing an attempt under way); on a link
   * that looks up, pings now, so a socket that died silently (sleep, network switch) is found
   * out within `deadAfterMs`.
   */
  reconnectNow(): void {
    if (!this.isWanted) return;
    if (this.isConnected) return this.heartbeat.probe();
    // An attempt still under way may hang on a network that is gone: start over on this one.
    this.dropSocket();
    if (this.reconnectTimer !== null) this.clock.clearTimeout(this.reconnectTimer);
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
    this.settleWaiters((waiter) => waiter.reject(disconnectedError()));
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
    socket.onclose = (event) => {
      if (FATAL_CLOSE_CODES.includes(event?.code)) this.fail(`closed with code ${event.code}`);
      else this.handleLoss();
    };
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
        return this.fail(frame.version);
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
      case 'error': {
        const error = new DdpCallError({error: 'error', reason: frame.reason});
        return this.emit('error', {error});
      }
    }
  }

  private handleConnected(): void {
    if (this.isConnected) return; // a duplicated frame: the subs must not go out twice
    const attempts = this.attempt;
    const isReconnect = this.hasConnected;
    this.attempt = 0;
    this.hasConnected = true;
    this.setStatus('connected');
    this.subs.resendAll();
    this.calls.sendUnsent();
    this.settleWaiters((waiter) => waiter.resolve());
    if (isReconnect) this.emit('reconnected', {attempts});
  }

  private settleWaiters(settle: (waiter: ConnectWaiter) => void): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    waiters.forEach(settle);
  }

  private fail(reason: string | undefined): void {
    this.emit('error', {error: new DdpCallError({error: 'failed', reason})});
    this.close();
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
