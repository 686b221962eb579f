import {clientKey} from './client-key.js';

/** At most `max` calls per `windowMs` per credential, and `perAddress` per client address. */
export interface CallLimit {
  max: number;
  windowMs: number;
  /** The ceiling per client address, whatever the credentials; default `max` × 10. */
  perAddress?: number;
}

/** How much looser the per-address ceiling is than the per-credential figure by default. */
export const ADDRESS_FACTOR = 10;

/** The per-address figure of a limit. */
export const perAddressOf = (limit: CallLimit): number =>
  limit.perAddress ?? limit.max * ADDRESS_FACTOR;

/**
 * Who a call counts against: a visitor token or an agent's user id (`credential`), always the
 * client address too (an IPv6 one by its /64, `client-key.ts`). Calls without a credential count
 * against the address alone.
 */
export interface Caller {
  address: string;
  credential?: string | null;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Sliding-window counters shared by REST and DDP: each bucket (a route, or a DDP method, or an
 * action both reach such as `message`) keeps the times of the calls it let through, per
 * credential and per address. A call is checked against the limit of the path it came by, on
 * the same record, so switching from REST to DDP gains nothing. Refused calls are not recorded:
 * a client that waits the time it was told gets through.
 */
export class Limiter {
  private readonly logs = new Map<string, number[]>();
  private readonly sweeper: NodeJS.Timeout;

  /** `keepMs`: the longest window any limit uses (older entries are dropped). */
  constructor(private readonly keepMs: number) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /**
   * Counts one call to `bucket` under every limit in `limits` (all must admit it); answers 0
   * when admitted, else how many ms until it would be.
   */
  take(bucket: string, caller: Caller, limits: readonly CallLimit[], now = Date.now()): number {
    const checks: [string, number, number][] = [];
    const address = clientKey(caller.address);
    for (const limit of limits) {
      checks.push([`${bucket}|a:${address}`, perAddressOf(limit), limit.windowMs]);
      if (!caller.credential) continue;
      checks.push([`${bucket}|c:${caller.credential}`, limit.max, limit.windowMs]);
    }
    let waitMs = 0;
    for (const [key, max, windowMs] of checks) {
      waitMs = Math.max(waitMs, this.waitFor(key, max, windowMs, now));
    }
    if (waitMs > 0) return waitMs;
    for (const key of new Set(checks.map(([key]) => key))) {
      const log = this.logs.get(key);
      if (log) log.push(now);
      else this.logs.set(key, [now]);
    }
    return 0;
  }

  /** Stops the sweeps (the server is closing). */
  dispose(): void {
    clearInterval(this.sweeper);
    this.logs.clear();
  }

  private waitFor(key: string, max: number, windowMs: number, now: number): number {
    const log = this.logs.get(key);
    if (!log) return 0;
    while (log.length > 0 && log[0] <= now - this.keepMs) log.shift();
    let inWindow = 0;
    for (let i = log.length - 1; i >= 0 && log[i] > now - windowMs; i--) inWindow++;
    if (inWindow < max) return 0;
    // The call that makes room is the max-th newest one leaving the window.
    return Math.max(1, log[log.length - max] + windowMs - now);
  }

  private sweep(now: number): void {
    for (const [key, log] of this.logs) {
      if (log.length === 0 || log[log.length - 1] <= now - this.keepMs) this.logs.delete(key);
    }
  }
}

/** Whole seconds to announce for a wait (at least 1). */
export const waitSeconds = (waitMs: number): number => Math.max(1, Math.ceil(waitMs / 1000));
