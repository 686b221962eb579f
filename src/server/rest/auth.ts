import type {FastifyReply, FastifyRequest} from 'fastify';
import type {AgentDesk} from '../livechat/agent-desk.js';
import type {AgentRecord} from '../livechat/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in agent of an authenticated route (set by `requireAgent`). */
    agent: AgentRecord | null;
    /** The `X-Auth-Token` that authenticated the request. */
    authToken: string | null;
  }
}

const LOGGED_OUT = 'You must be logged in to do this.';

/** RC's 401 body for a missing or bad `X-User-Id`/`X-Auth-Token` (with its legacy keys). */
export const UNAUTHORIZED_BODY = {
  success: false,
  error: LOGGED_OUT,
  status: 'error',
  message: LOGGED_OUT,
};

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A preHandler that admits only requests carrying a live agent session, within the agent rate
 * limits (rest/rate-limit.ts `AGENT_ROUTE_RULES`).
 */
export function requireAgent(desk: AgentDesk) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const userId = header(request, 'x-user-id');
    const authToken = header(request, 'x-auth-token');
    const session = userId && authToken ? desk.authenticate(authToken, userId) : null;
    // Returning the reply tells Fastify the hook answered and the handler must not run.
    if (!session) return reply.status(401).send(UNAUTHORIZED_BODY);
    request.agent = session.agent;
    request.authToken = authToken;
    // Counted only now, by user id: a forged X-User-Id cannot use up a real agent's calls.
    return request.server.agentRateLimit?.(request, reply);
  };
}

/** The agent of an authenticated route; only call after `requireAgent`. */
export function agentOf(request: FastifyRequest): AgentRecord {
  if (!request.agent) throw new Error('route is missing the requireAgent preHandler');
  return request.agent;
}
