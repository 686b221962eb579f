import type {FastifyInstance, FastifyRequest} from 'fastify';
import type {AgentDesk} from '../livechat/agent-desk.js';
import {notAllowed} from '../livechat/agent-desk.js';
import {HistoryStore, historyScope} from '../livechat/history.js';
import {agentOf} from './auth.js';
import {withFileUploads} from './message-routes.js';
import {ID, object} from './schemas.js';

const API = '/api/v1/livechat';
const PAGE_MAX = 50;
/** A search longer than this is refused; nobody types more into a search box. */
const QUERY_MAX = 200;
const CHAT_MESSAGES_MAX = 1000;

/**
 * This server's History for the agent console: closed chats, newest first, optionally those
 * whose messages or visitor name or email match a search (SQLite FTS5), and one chat read-only.
 * An agent sees the chats they served and those of their departments; an admin sees all.
 * Registered inside the authenticated scope.
 */
export function registerHistoryRoutes(
  authed: FastifyInstance,
  desk: AgentDesk,
  publicOrigin: (request: FastifyRequest) => string,
): void {
  const {ctx} = desk;
  const store = new HistoryStore(ctx.db);

  authed.get<{Querystring: {q: string; offset: number; count: number}}>(
    `${API}/history`,
    {
      schema: {
        querystring: object({
          q: {type: 'string', maxLength: QUERY_MAX, default: ''},
          offset: {type: 'integer', minimum: 0, maximum: 100_000, default: 0},
          count: {type: 'integer', minimum: 1, maximum: PAGE_MAX, default: 20},
        }),
      },
    },
    async (request) => {
      const {q, offset, count} = request.query;
      const scope = historyScope(ctx.settings, agentOf(request));
      const {chats, total} = store.page(scope, q, offset, count);
      return {chats, offset, count: chats.length, total, success: true};
    },
  );

  authed.get<{Querystring: {rid: string}}>(
    `${API}/history.chat`,
    {
      schema: {querystring: object({rid: ID}, ['rid'])},
    },
    async (request) => {
      const scope = historyScope(ctx.settings, agentOf(request));
      const chat = store.find(scope, request.query.rid);
      if (!chat) throw notAllowed();
      const room = ctx.rooms.findById(chat._id)!;
      const page = ctx.messages.page(chat._id, {limit: CHAT_MESSAGES_MAX, offset: 0}).reverse();
      const messages = withFileUploads(ctx, publicOrigin(request), page);
      return {
        chat,
        messages,
        surveyFeedback: room.surveyFeedback ?? null,
        transcriptRequests: ctx.transcripts.forRoom(chat._id),
        success: true,
      };
    },
  );
}
