import type {DdpError} from '../../core/protocol/index.js';
import {isObject} from '../../core/protocol/index.js';
import {ddpError} from '../errors.js';
import type {Limiter} from '../limits.js';
import {waitSeconds} from '../limits.js';
import type {RateLimitSettings} from '../rest/rate-limit.js';

/**
 * Methods that do what a REST route does draw on that route's bucket (`rest/rate-limit.ts`
 * `SHARED_BUCKETS`), and those with a rule of their own get it on top of the DDP one.
 */
const SHARED: Record<string, {bucket: string; rule?: keyof RateLimitSettings}> = {
  sendMessageLivechat: {bucket: 'message', rule: 'message'},
  'livechat:registerGuest': {bucket: 'visitor', rule: 'visitor'},
  'livechat:sendOfflineMessage': {bucket: 'offline.message', rule: 'offlineMessage'},
};

/** The visitor token a call carries: `{token}`/`{visitorToken}` in a param, or a bare string. */
function tokenOf(method: string, params: readonly unknown[]): string | null {
  if (method === 'stream-notify-room' && isObject(params[3])) {
    return typeof params[3].token === 'string' && params[3].token ? params[3].token : null;
  }
  for (const param of params) {
    if (!isObject(param)) continue;
    const token = param.token ?? param.visitorToken;
    if (typeof token === 'string' && token !== '') return token;
  }
  return typeof params[0] === 'string' && params[0] !== '' ? params[0] : null;
}

/** Who is calling, as the limiter keys it. */
export interface DdpCaller {
  address: string;
  userId: string | null;
}

/**
 * Meteor's DDPRateLimiter for the rules the livechat needs, on the limiter REST uses: each
 * method counts per agent (user id) or visitor token and per client address, across sockets.
 * A refused call gets Meteor's `too-many-requests` error with `details.timeToReset` (ms).
 */
export class DdpRateLimiter {
  constructor(
    private readonly limiter: Limiter,
    private readonly settings: RateLimitSettings,
  ) {}

  /** Counts a call; returns the DDP error to answer with when it is over a limit. */
  check(caller: DdpCaller, method: string, params: readonly unknown[]): DdpError | null {
    const shared = SHARED[method];
    const limits = [this.settings.ddp];
    if (shared?.rule) limits.push(this.settings[shared.rule]);
    const token = tokenOf(method, params);
    const credential = caller.userId ? `user:${caller.userId}` : token && `token:${token}`;
    const bucket = shared?.bucket ?? `ddp:${method}`;
    const waitMs = this.limiter.take(bucket, {address: caller.address, credential}, limits);
    return waitMs === 0 ? null : tooManyCalls(waitMs);
  }
}

/** Meteor's refusal: `too-many-requests`, the wait in words and `details.timeToReset`. */
export function tooManyCalls(waitMs: number): DdpError {
  const reason =
    'Error, too many requests. Please slow down. ' +
    `You must wait ${waitSeconds(waitMs)} seconds before trying again.`;
  return {...ddpError('too-many-requests', reason), details: {timeToReset: waitMs}};
}
