import cors from '@fastify/cors';
import type {FastifyInstance, FastifyRequest} from 'fastify';

/** The agent's routes under `/api/v1/livechat/`; every other route there is the visitor's. */
const AGENT_LIVECHAT_ROUTES = new Set([
  'agent.status',
  'rooms',
  'room.messages',
  'room.closeByUser',
  'inquiries.queued',
  'inquiries.take',
  'offline.messages',
  'offline.messages.read',
  'room.feedback',
  'history',
  'history.chat',
  'room.forward',
  'users',
  'department',
  'visitor.panel',
  'visitor.notes',
  'admin',
]);

/**
 * Whether a path belongs to the agent API: every `/api/…` route (login, logout, me,
 * `chat.sendMessage`, `users.*`) but the visitor routes of `/api/v1/livechat/`.
 */
export function isAgentApi(url: string): boolean {
  const path = url.split('?', 1)[0];
  if (!path.startsWith('/api/')) return false;
  const livechat = /^\/api\/v1\/livechat\/([^/]+)/.exec(path);
  return livechat ? AGENT_LIVECHAT_ROUTES.has(livechat[1]) : true;
}

/** Whether the request's `Origin` (if any) is the server's own host or one of `extra`. */
function isOwnOrigin(request: FastifyRequest, extra: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || extra.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

const BASE = {
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Content-Type', 'X-User-Id', 'X-Auth-Token', 'x-visitor-token'],
  // The widget waits the time a 429 names before it resends (it also reads the body's text).
  exposedHeaders: ['Retry-After'],
  maxAge: 600,
};

/**
 * CORS by audience. The visitor API (and files, avatars, the widget's scripts) answers any
 * site, as Rocket.Chat's does, or only `allowedOrigins` when given. The agent API is for the
 * console the server itself serves (and `agentOrigins`, a console hosted elsewhere): no CORS
 * headers for other origins, and a request that a page of another origin sends anyway (a form
 * post, a `text/plain` fetch) gets 403 before it runs.
 */
export async function installOriginPolicy(
  app: FastifyInstance,
  allowedOrigins: string[] | undefined,
  agentOrigins: string[] = [],
): Promise<void> {
  await app.register(cors, {
    delegator: (request, callback) => {
      const agentOrigin = agentOrigins.length > 0 ? agentOrigins : false;
      const origin = isAgentApi(request.url) ? agentOrigin : (allowedOrigins ?? true);
      callback(null, {...BASE, origin});
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!isAgentApi(request.url) || isOwnOrigin(request, agentOrigins)) return;
    return reply.status(403).send({success: false, error: 'Origin not allowed'});
  });
}
