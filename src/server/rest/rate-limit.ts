import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import {restErrorBody, tooManyRequests} from '../errors.js';
import type {CallLimit} from '../limits.js';
import type {Limiter} from '../limits.js';
import {waitSeconds} from '../limits.js';

/** Rocket.Chat's DDP default: 10 calls per 10 s per method (`rate.ts`). */
const DDP_METHOD_LIMIT: CallLimit = {max: 10, windowMs: 10_000};

/**
 * Rocket.Chat's rate limits, each configurable. Rocket.Chat counts per client address; here a
 * visitor's calls count per visitor token (an agent's per user id), under a looser ceiling per
 * address (`perAddress`, default 10× `max`), so that a site behind one NAT or proxy address is
 * not one visitor. Calls without a token (the config of a first page, the offline form, a new
 * visitor) count per address alone, against `perAddress`.
 */
export interface RateLimitSettings {
  /** Every visitor route (`API_Enable_Rate_Limiter_Limit_Calls_Default`): 10/60 s per route. */
  rest: CallLimit;
  /**
   * The reads and reports each page load of a live chat makes (`config`, `messages.history`,
   * `agent.info`, `page.visited`, `visitor.status`): 30/60 s per token, 600 per address.
   */
  pageLoad: CallLimit;
  /**
   * A visitor's messages, `POST livechat/message` and DDP `sendMessageLivechat`: 10/10 s, the
   * figure Rocket.Chat gives the DDP method. Its REST default (10/60 s) would keep a visitor who
   * types short lines fast on "Sending…" for most of a minute.
   */
  message: CallLimit;
  /** `POST livechat/visitor` and DDP `livechat:registerGuest` (`visitor.ts`): 5/60 s. */
  visitor: CallLimit;
  /** `POST livechat/offline.message` and its DDP method (`offlineMessage.ts`): 1/5 s. */
  offlineMessage: CallLimit;
  /** DDP, per method (`rate.ts`): 10/10 s. */
  ddp: CallLimit;
  /**
   * This server's: the agent routes that read much or store files (`AGENT_ROUTE_RULES`), per
   * route and logged-in agent: 120/60 s. The console reads a room's messages when the agent
   * opens it and its lists once per connection, so only a script reaches this.
   */
  agent: CallLimit;
  /** This server's: History's full-text search (`livechat/history`), per agent: 60/60 s. */
  agentSearch: CallLimit;
}

/** Rocket.Chat's defaults, plus this server's per-address ceilings. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  rest: {max: 10, windowMs: 60_000},
  pageLoad: {max: 30, windowMs: 60_000, perAddress: 600},
  message: DDP_METHOD_LIMIT,
  visitor: {max: 5, windowMs: 60_000},
  // No token to key by: the address figure is the one that counts; 3 leaves room for a few
  // visitors behind one address without letting a script mail the desk a flood.
  offlineMessage: {max: 1, windowMs: 5_000, perAddress: 3},
  ddp: DDP_METHOD_LIMIT,
  // Agents of one office share an address: its ceiling is 20 agents at their limit.
  agent: {max: 120, windowMs: 60_000, perAddress: 2400},
  agentSearch: {max: 60, windowMs: 60_000, perAddress: 1200},
};

/**
 * The agent routes that cost the server most per call (up to 1,000 messages, a full-text search,
 * a file) and the rule each counts under, per route and agent. Rocket.Chat limits every route by
 * address; here a logged-in agent's calls count per user id once authenticated (`requireAgent`),
 * so a forged `X-User-Id` cannot use up a real agent's calls.
 */
export const AGENT_ROUTE_RULES: Readonly<Record<string, 'agent' | 'agentSearch'>> = {
  'GET /api/v1/livechat/rooms': 'agent',
  'GET /api/v1/livechat/room.messages': 'agent',
  'GET /api/v1/livechat/room.feedback': 'agent',
  'GET /api/v1/livechat/visitor.panel': 'agent',
  'GET /api/v1/livechat/offline.messages': 'agent',
  // Counts the waiting chats of the agent's departments in SQLite; the console reloads it at
  // most once a second (src/agent/inbox.ts), however fast the queue changes.
  'GET /api/v1/livechat/inquiries.queued': 'agent',
  'GET /api/v1/livechat/history': 'agentSearch',
  'GET /api/v1/livechat/history.chat': 'agent',
  'POST /api/v1/rooms.upload/:rid': 'agent',
  'POST /api/v1/users.setAvatar': 'agent',
};

/** `true`/absent: the defaults; `false`: no limits; an object: the defaults with overrides. */
export type RateLimitOption = boolean | Partial<RateLimitSettings>;

/** The limits in force, or `null` when rate limiting is off. */
export function resolveRateLimits(option: RateLimitOption | undefined): RateLimitSettings | null {
  if (option === false) return null;
  if (option === true || option === undefined) return DEFAULT_RATE_LIMITS;
  return {...DEFAULT_RATE_LIMITS, ...option};
}

/** Buckets that REST routes and DDP methods share (`livechat/message` = `sendMessageLivechat`). */
export const SHARED_BUCKETS = {
  message: 'message',
  visitor: 'visitor',
  offlineMessage: 'offline.message',
} as const;

/** What a route's `config.limit` says: which rule, and the bucket when it is a shared one. */
export interface RouteLimit {
  rule: keyof RateLimitSettings;
  bucket?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The rate limit of a route (absent: none). */
    limit?: RouteLimit;
  }
  interface FastifyInstance {
    /**
     * Counts an authenticated agent's call to a route of `AGENT_ROUTE_RULES` (run by
     * `requireAgent`); answers the 429 when over. Absent while rate limits are off.
     */
    agentRateLimit?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;
  }
}

/** The route configs the route modules use. */
export interface RouteLimits {
  rest: {limit: RouteLimit};
  pageLoad: {limit: RouteLimit};
  visitor: {limit: RouteLimit};
  message: {limit: RouteLimit};
  offlineMessage: {limit: RouteLimit};
}

/** Route configs (the same whether limits are on or off: the hook is absent when off). */
export function routeLimits(): RouteLimits {
  return {
    rest: {limit: {rule: 'rest'}},
    pageLoad: {limit: {rule: 'pageLoad'}},
    visitor: {limit: {rule: 'visitor', bucket: SHARED_BUCKETS.visitor}},
    message: {limit: {rule: 'message', bucket: SHARED_BUCKETS.message}},
    offlineMessage: {limit: {rule: 'offlineMessage', bucket: SHARED_BUCKETS.offlineMessage}},
  };
}

const stringAt = (value: unknown, key: string): string | undefined => {
  const found =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
  return typeof found === 'string' && found !== '' ? found : undefined;
};

/** The visitor token a request carries, wherever its route takes it. */
function visitorTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-visitor-token'];
  return (
    stringAt(request.body, 'token') ??
    stringAt((request.body as {visitor?: unknown} | undefined)?.visitor, 'token') ??
    stringAt(request.query, 'token') ??
    stringAt(request.params, 'token') ??
    (typeof header === 'string' && header !== '' ? header : undefined)
  );
}

/**
 * Counts every limited route's calls on `limiter` (run after the body is parsed, so the token in
 * it counts): per visitor token and address, or per address alone. A refusal answers 429 with
 * `Retry-After` and Rocket.Chat's body.
 */
export function installRateLimit(
  app: FastifyInstance,
  limiter: Limiter,
  settings: RateLimitSettings,
): void {
  app.addHook('preHandler', async (request, reply) => {
    const limit = request.routeOptions.config.limit;
    if (!limit) return;
    // Fastify answers HEAD with the GET handler (a HEAD on `livechat/room` creates the room):
    // it draws on the GET's bucket, or every GET limit would count twice.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const bucket = limit.bucket ?? `${method} ${request.routeOptions.url}`;
    const token = visitorTokenOf(request);
    const caller = {address: request.ip, credential: token && `token:${token}`};
    const waitMs = limiter.take(bucket, caller, [settings[limit.rule]]);
    if (waitMs > 0) return replyTooMany(reply, waitMs);
  });
  app.decorate('agentRateLimit', (request: FastifyRequest, reply: FastifyReply) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const bucket = `${method} ${request.routeOptions.url}`;
    const rule = AGENT_ROUTE_RULES[bucket];
    if (!rule || !request.agent) return undefined;
    const caller = {address: request.ip, credential: `user:${request.agent.id}`};
    const waitMs = limiter.take(`agent ${bucket}`, caller, [settings[rule]]);
    return waitMs > 0 ? replyTooMany(reply, waitMs) : undefined;
  });
}

/** Rocket.Chat's 429, with the wait in `Retry-After` and in words. */
export function replyTooMany(reply: FastifyReply, waitMs: number): FastifyReply {
  const seconds = waitSeconds(waitMs);
  return reply
    .status(429)
    .header('Retry-After', String(seconds))
    .send(restErrorBody(tooManyRequests(seconds)));
}

/** The longest window of the settings (how long the limiter keeps a call). */
export const longestWindow = (settings: RateLimitSettings): number =>
  Math.max(...Object.values(settings).map((limit: CallLimit) => limit.windowMs));
