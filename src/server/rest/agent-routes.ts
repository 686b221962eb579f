import type {FastifyInstance, FastifyRequest} from 'fastify';
import {clientKey} from '../client-key.js';
import type {AgentDesk} from '../livechat/agent-desk.js';
import {CLOSE_LIMITS} from '../livechat/closing.js';
import {markReadByAgent} from '../livechat/read-state.js';
import type {AgentRecord, AgentStatus} from '../livechat/types.js';
import {registerAdminRoutes} from './admin-routes.js';
import {registerAgentInboxRoutes} from './agent-inbox-routes.js';
import {agentOf, requireAgent} from './auth.js';
import {registerHistoryRoutes} from './history-routes.js';
import type {LoginGuard} from './login-guard.js';
import {replyTooMany} from './rate-limit.js';
import {withFileUploads} from './message-routes.js';
import {registerTransferRoutes} from './transfer-routes.js';
import {registerVisitorPanelRoutes} from './visitor-panel-routes.js';
import {ID, MESSAGE_ID, OFFSET, SHORT_TEXT, TEXT, looseObject, object} from './schemas.js';

const API = '/api/v1';
const ROOMS_MAX = 100;
const ROOM_MESSAGES_MAX = 1000;

interface LoginBody {
  user?: string;
  username?: string;
  password?: string;
  resume?: string;
}

const me = (agent: AgentRecord) => ({
  _id: agent.id,
  username: agent.username,
  name: agent.name,
  statusLivechat: agent.livechatStatus,
  roles: agent.isAdmin ? ['user', 'livechat-agent', 'admin'] : ['user', 'livechat-agent'],
});

const LOGIN_FAILED = {status: 'error', error: 'Unauthorized', message: 'Unauthorized'};

/**
 * The agent subset of Rocket.Chat's API (DESIGN §3): login, availability, the agent's rooms,
 * replies and closing. `GET livechat/room.messages?rid=&count=` is this server's own addition:
 * the latest messages of a room the agent serves, oldest first, for the agent console.
 */
export function registerAgentRoutes(
  app: FastifyInstance,
  desk: AgentDesk,
  guard: LoginGuard | null,
  publicOrigin: (request: FastifyRequest) => string,
): void {
  app.post<{Body: LoginBody}>(
    `${API}/login`,
    {
      schema: {
        body: looseObject({
          user: SHORT_TEXT,
          username: SHORT_TEXT,
          password: {type: 'string', maxLength: 1024},
          resume: {type: 'string', maxLength: 256},
        }),
      },
    },
    async (request, reply) => {
      const {user, username, password, resume} = request.body;
      // A resume token names no account: its failures count for the address alone.
      const account = resume ? '' : (user ?? username ?? '');
      const address = clientKey(request.ip);
      const waitMs = guard?.waitMs(account, address) ?? 0;
      if (waitMs > 0) return replyTooMany(reply, waitMs);
      if (resume) {
        const session = desk.authenticate(resume);
        if (!session) {
          guard?.fail(account, address);
          return reply.status(401).send(LOGIN_FAILED);
        }
        const data = {userId: session.agent.id, authToken: resume, me: me(session.agent)};
        return {status: 'success', data};
      }
      const result = account && password ? await desk.login(account, password) : null;
      if (!result) {
        guard?.fail(account, address);
        return reply.status(401).send(LOGIN_FAILED);
      }
      guard?.succeed(account, address);
      const {agent, session} = result;
      const data = {userId: agent.id, authToken: session.authToken, me: me(agent)};
      return {status: 'success', data};
    },
  );

  app.register(async (authed) => {
    authed.decorateRequest('agent', null);
    authed.decorateRequest('authToken', null);
    authed.addHook('preHandler', requireAgent(desk));

    authed.post(`${API}/logout`, async (request) => {
      desk.logout(request.authToken ?? '');
      return {status: 'success', data: {message: "You've been logged out!"}};
    });

    authed.get(`${API}/me`, async (request) => ({...me(agentOf(request)), success: true}));

    authed.post<{Body: {status?: AgentStatus}}>(
      `${API}/livechat/agent.status`,
      {
        schema: {body: looseObject({status: {enum: ['available', 'not-available']}})},
      },
      async (request) => {
        const agent = agentOf(request);
        const status =
          request.body.status ??
          (agent.livechatStatus === 'available' ? 'not-available' : 'available');
        desk.setStatus(agent.id, status);
        return {status, success: true};
      },
    );

    authed.get<{Querystring: {open?: boolean; offset: number; count: number}}>(
      `${API}/livechat/rooms`,
      {
        schema: {
          querystring: object({
            open: {type: 'boolean'},
            offset: OFFSET,
            count: {type: 'integer', minimum: 1, maximum: ROOMS_MAX, default: 50},
          }),
        },
      },
      async (request) => {
        const {open, offset, count} = request.query;
        const {rooms, total} = desk.listRooms(agentOf(request), open, offset, count);
        return {rooms, count: rooms.length, offset, total, success: true};
      },
    );

    authed.get<{Querystring: {rid: string; count: number}}>(
      `${API}/livechat/room.messages`,
      {
        schema: {
          querystring: object(
            {
              rid: ID,
              count: {type: 'integer', minimum: 1, maximum: ROOM_MESSAGES_MAX, default: 200},
            },
            ['rid'],
          ),
        },
      },
      async (request) => {
        const {rid, count} = request.query;
        const messages = desk.roomMessages(agentOf(request), rid, count);
        return {
          messages: withFileUploads(desk.ctx, publicOrigin(request), messages),
          success: true,
        };
      },
    );

    authed.post<{Body: {message: {rid: string; msg: string; _id?: string}}}>(
      `${API}/chat.sendMessage`,
      {
        schema: {
          body: looseObject(
            {
              message: looseObject({rid: ID, msg: TEXT, _id: MESSAGE_ID}, ['rid', 'msg']),
            },
            ['message'],
          ),
        },
      },
      async (request) => {
        const {rid, msg, _id} = request.body.message;
        return {message: desk.sendMessage(agentOf(request), {rid, msg, _id}), success: true};
      },
    );

    // Rocket.Chat's `subscriptions.read`: the agent has read the room; the visitor gets
    // `<rid>/messagesRead` `{until}` on stream-notify-room.
    authed.post<{Body: {rid: string}}>(
      `${API}/subscriptions.read`,
      {
        schema: {body: looseObject({rid: ID, readThreads: {type: 'boolean'}}, ['rid'])},
      },
      async (request) => {
        const room = desk.requireServedRoom(agentOf(request), request.body.rid);
        markReadByAgent(desk.ctx, room);
        return {success: true};
      },
    );

    authed.post<{Body: {rid: string; comment?: string; tags?: string[]}}>(
      `${API}/livechat/room.closeByUser`,
      {
        schema: {
          body: looseObject(
            {
              rid: ID,
              comment: {type: 'string', maxLength: CLOSE_LIMITS.comment},
              tags: {
                type: 'array',
                maxItems: CLOSE_LIMITS.tags,
                items: {type: 'string', maxLength: CLOSE_LIMITS.tag},
              },
            },
            ['rid'],
          ),
        },
      },
      async (request) => {
        const {rid, comment, tags} = request.body;
        desk.closeRoom(agentOf(request), rid, comment, tags);
        return {success: true};
      },
    );

    registerAgentInboxRoutes(authed, desk);
    registerHistoryRoutes(authed, desk, publicOrigin);
    registerTransferRoutes(authed, desk);
    registerVisitorPanelRoutes(authed, desk);
    registerAdminRoutes(authed, desk);
  });
}
