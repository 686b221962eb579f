import rateLimit from '@fastify/rate-limit';
import type {FastifyInstance} from 'fastify';
import {tooManyRequests} from '../errors.js';

/** Rocket.Chat's REST default: 10 calls per 60 s per route and client address. */
export const DEFAULT_LIMIT = {max: 10, timeWindow: 60_000};
/** `livechat/visitor` allows 5 per 60 s (`visitor.ts`). */
export const VISITOR_LIMIT = {max: 5, timeWindow: 60_000};

/** Route `config` that applies a limit (ignored when rate limiting is off). */
export const limited = (limit = DEFAULT_LIMIT) => ({rateLimit: limit});

/**
 * Registers @fastify/rate-limit with no global limit: each route opts in through `limited()` and
 * gets its own bucket per client address. Exceeding it answers 429 with RC's body.
 */
export async function installRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
  });
}
