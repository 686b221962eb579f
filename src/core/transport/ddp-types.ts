import type {Clock} from '../clock.js';
import type {BackoffOptions} from './backoff.js';
import type {DdpCallError} from './ddp-error.js';
import type {SocketFactory} from './socket.js';

/** Link status: `reconnecting` covers both the backoff wait and the retry itself. */
export type DdpStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

/** Events of a `DdpConnection`. */
export interface DdpEvents {
  status: {status: DdpStatus; previous: DdpStatus};
  /** A `connected` after an earlier one: every subscription has just been re-sent. */
  reconnected: {attempts: number};
  /**
   * An `error` frame from the server, or a fatal refusal (`error.error === 'failed'`: a DDP
   * `failed` or a `FATAL_CLOSE_CODES` close), after which the connection never retries.
   */
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
  /** Backoff tunables; `maxMs` is the cap while the page is visible. */
  backoff?: BackoffOptions;
  /** The cap while `isHidden()` says so (default `RECONNECT_HIDDEN_MAX_MS`). */
  hiddenMaxMs?: number;
  /** Whether the page is hidden now (default: `document.visibilityState`, where there is one). */
  isHidden?: () => boolean;
}

/** Someone waiting for `connect()` to settle. */
export type ConnectWaiter = {resolve(): void; reject(error: DdpCallError): void};

/** The DDP handshake: version 1, with the older drafts Meteor servers still accept. */
export const CONNECT_FRAME = {msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1']};
