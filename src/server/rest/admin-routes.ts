import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import {checkSettings} from '../config-file.js';
import type {AgentDesk} from '../livechat/agent-desk.js';
import {AgentAccounts} from '../livechat/agent-accounts.js';
import {invalidParams, plainError} from '../errors.js';
import {agentOf} from './auth.js';
import {SHORT_TEXT, object} from './schemas.js';

const API = '/api/v1/livechat/admin';
const USERNAME = {type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$'};
const PASSWORD = {type: 'string', minLength: 8, maxLength: 1024};

/** 403 for an agent without the `admin` role; the route does not run. */
async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (!agentOf(request).isAdmin) {
    return reply.status(403).send({success: false, error: 'error-not-allowed'});
  }
}

/**
 * The Settings screen's API, for admins only (this server's own; Rocket.Chat has its settings
 * and users admin): the livechat settings (saved in SQLite, applied at once) and the agent
 * accounts. Registered inside the authenticated scope.
 */
export function registerAdminRoutes(authed: FastifyInstance, desk: AgentDesk): void {
  const {ctx} = desk;
  let accountStore: AgentAccounts | undefined;
  const accounts = () => (accountStore ??= new AgentAccounts(ctx.db));

  authed.register(async (admin) => {
    admin.addHook('preHandler', requireAdmin);

    admin.get(`${API}/settings`, async () => ({settings: ctx.settings, success: true}));

    admin.post<{Body: {settings: Record<string, unknown>}}>(
      `${API}/settings`,
      {
        schema: {body: object({settings: {type: 'object'}}, ['settings'])},
      },
      async (request) => {
        const checked = checkSettings(request.body.settings);
        if ('error' in checked) throw invalidParams(checked.error, checked.field);
        ctx.settingsStore.save(ctx.settings, checked.settings);
        return {settings: ctx.settings, success: true};
      },
    );

    admin.get(`${API}/agents`, async () => {
      const open = ctx.db
        .prepare<[], {username: string; n: number}>(
          `SELECT users.username, COUNT(*) AS n FROM rooms JOIN users ON users.id = rooms.served_by
         WHERE rooms.open = 1 GROUP BY users.username`,
        )
        .all();
      const openChats = new Map(open.map((row) => [row.username, row.n]));
      const agents = accounts()
        .list()
        .map((agent) => ({
          ...agent,
          openChats: openChats.get(agent.username) ?? 0,
        }));
      return {agents, success: true};
    });

    admin.post<{Body: {username: string; name?: string; password: string; admin?: boolean}}>(
      `${API}/agents`,
      {
        schema: {
          body: object(
            {
              username: USERNAME,
              name: SHORT_TEXT,
              password: PASSWORD,
              admin: {type: 'boolean'},
            },
            ['username', 'password'],
          ),
        },
      },
      async (request) => {
        const {username, name, password, admin} = request.body;
        const added = accounts().add(username, password, {name: name?.trim() || undefined, admin});
        if (!added) throw invalidParams(`The username "${username}" is already taken`, 'username');
        return {success: true};
      },
    );

    admin.post<{Body: {username: string}}>(
      `${API}/agents.remove`,
      {
        schema: {body: object({username: USERNAME}, ['username'])},
      },
      async (request) => {
        const {username} = request.body;
        if (username === agentOf(request).username) {
          throw invalidParams('You cannot remove your own account', 'username');
        }
        const result = accounts().remove(username);
        if (result === 'unknown') throw plainError('error-invalid-user');
        if (result === 'busy') {
          throw invalidParams(
            `${username} still serves open chats: transfer or close them first`,
            'username',
          );
        }
        return {success: true};
      },
    );

    admin.post<{Body: {username: string; password: string}}>(
      `${API}/agents.password`,
      {
        schema: {body: object({username: USERNAME, password: PASSWORD}, ['username', 'password'])},
      },
      async (request) => {
        const {username, password} = request.body;
        // An admin setting their own password keeps this session (their other ones end).
        const own = agentOf(request).username === username ? (request.authToken ?? '') : '';
        if (!accounts().setPassword(username, password, own)) {
          throw plainError('error-invalid-user');
        }
        return {success: true};
      },
    );
  });
}
