import type {DdpError} from '../../core/protocol/index.js';
import {ddpError} from '../errors.js';

/** At most `max` calls per `windowMs`. */
export interface CallLimit {
  max: number;
  windowMs: number;
}

/** Rocket.Chat's DDP default: 10 calls per 10 s per connection and method (`rate.ts`). */
export const DDP_METHOD_LIMIT: CallLimit = {max: 10, windowMs: 10_000};

/** Methods with a stricter rule on top (`sendOfflineMessage.ts`: 1 per 5 s per connection). */
export const DDP_EXTRA_LIMITS: Record<string, CallLimit> = {
  'livechat:sendOfflineMessage': {max: 1, windowMs: 5_000},
};

interface Bucket {
  start: number;
  count: number;
}

/**
 * Meteor's DDPRateLimiter, for the rules the livechat needs: fixed windows counted per
 * connection and method. A refused call gets Meteor's `too-many-requests` error.
 */
export class DdpRateLimiter {
  private readonly buckets = new Map<string, Map<string, Bucket>>();

  constructor(
    private readonly limit: CallLimit = DDP_METHOD_LIMIT,
    private readonly extra: Record<string, CallLimit> = DDP_EXTRA_LIMITS,
  ) {}

  /** Counts a call; returns the DDP error to answer with when it is over a limit. */
  check(connectionId: string, method: string, now = Date.now()): DdpError | null {
    let perConnection = this.buckets.get(connectionId);
    if (!perConnection) {
      perConnection = new Map();
      this.buckets.set(connectionId, perConnection);
    }
    const rules: [string, CallLimit][] = [[method, this.limit]];
    const extra = this.extra[method];
    if (extra) rules.push([`extra:${method}`, extra]);
    let waitMs = 0;
    for (const [key, rule] of rules) {
      let bucket = perConnection.get(key);
      if (!bucket || now - bucket.start >= rule.windowMs) {
        bucket = {start: now, count: 0};
        perConnection.set(key, bucket);
      }
      bucket.count++;
      if (bucket.count > rule.max) waitMs = Math.max(waitMs, bucket.start + rule.windowMs - now);
    }
    if (waitMs === 0) return null;
    const seconds = Math.ceil(waitMs / 1000);
    const reason = 'Error, too many requests. Please slow down. '
      + `You must wait ${seconds} seconds before trying again.`;
    return {...ddpError('too-many-requests', reason), details: {timeToReset: waitMs}};
  }

  /** Drops a closed connection's counters. */
  forget(connectionId: string): void {
    this.buckets.delete(connectionId);
  }
}
