import rateLimit from '@fastify/rate-limit';
import type {FastifyInstance} from 'fastify';
import type {CallLimit} from '../ddp/rate-limiter.js';
import {DDP_METHOD_LIMIT} from '../ddp/rate-limiter.js';
import {tooManyRequests} from '../errors.js';

/**
 * Rocket.Chat's rate limits, each configurable: REST routes per route and client address, the
 * two routes with their own rule, and DDP methods per connection and method.
 */
export interface RateLimitSettings {
  /** Every visitor route and `login` (`API_Enable_Rate_Limiter_Limit_Calls_Default`): 10/60 s. */
  rest: CallLimit;
  /** `POST livechat/visitor` (`visitor.ts`): 5/60 s. */
  visitor: CallLimit;
  /** `POST livechat/offline.message` (`offlineMessage.ts`): 1/5 s. */
  offlineMessage: CallLimit;
  /** DDP, per connection and method (`rate.ts`): 10/10 s. */
  ddp: CallLimit;
}

/** Rocket.Chat's defaults. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  rest: {max: 10, windowMs: 60_000},
  visitor: {max: 5, windowMs: 60_000},
  offlineMessage: {max: 1, windowMs: 5_000},
  ddp: DDP_METHOD_LIMIT,
};

/** `true`/absent: the defaults; `false`: no limits; an object: the defaults with overrides. */
export type RateLimitOption = boolean | Partial<RateLimitSettings>;

/** The limits in force, or `null` when rate limiting is off. */
export function resolveRateLimits(option: RateLimitOption | undefined): RateLimitSettings | null {
  if (option === false) return null;
  if (option === true || option === undefined) return DEFAULT_RATE_LIMITS;
  return {...DEFAULT_RATE_LIMITS, ...option};
}

/** Route `config` for a limit (ignored when rate limiting is off). */
export const limited = (limit: CallLimit = DEFAULT_RATE_LIMITS.rest) => ({
  rateLimit: {max: limit.max, timeWindow: limit.windowMs},
});

/** The route configs the route modules use, built once from the settings. */
export interface RouteLimits {
  rest: ReturnType<typeof limited>;
  visitor: ReturnType<typeof limited>;
  offlineMessage: ReturnType<typeof limited>;
}

/** Route configs for the given limits (the defaults when off: the plugin is not there then). */
export function routeLimits(settings: RateLimitSettings | null): RouteLimits {
  const s = settings ?? DEFAULT_RATE_LIMITS;
  return {
    rest: limited(s.rest),
    visitor: limited(s.visitor),
    offlineMessage: limited(s.offlineMessage),
  };
}

/**
 * Registers @fastify/rate-limit with no global limit: each route opts in through its config
 * and gets its own bucket per client address. Exceeding it answers 429 with RC's body.
 */
export async function installRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
  });
}
