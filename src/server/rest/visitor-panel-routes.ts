import type {FastifyInstance} from 'fastify';
import {meteorError} from '../errors.js';
import type {AgentDesk} from '../livechat/agent-desk.js';
import {notAllowed} from '../livechat/agent-desk.js';
import {CannedResponseStore, VisitorNoteStore} from '../livechat/agent-notes.js';
import {HistoryStore, historyScope} from '../livechat/history.js';
import {PAGE_VIEWS_KEPT} from '../livechat/records.js';
import {findDepartment} from '../livechat/settings.js';
import type {AgentRecord} from '../livechat/types.js';
import {agentOf} from './auth.js';
import {ID, looseObject, object} from './schemas.js';

const PREVIOUS_CHATS_MAX = 20;
/** A note is a few lines about a customer, not a document. */
const NOTE_MAX = 10_000;
const CANNED_TEXT_MAX = 5_000;
/** One word the agent types after `/`, as Rocket.Chat's shortcuts are. */
const SHORTCUT = {type: 'string', pattern: '^[\\p{L}\\p{N}_.-]{1,40}$'} as const;

/**
 * This server's additions for the console's visitor panel, keyed by a room the agent serves:
 * `GET livechat/visitor.panel?rid=` (the visitor, the labels of the configured custom fields,
 * the pages they visited, their earlier chats the agent may open, the notes) and
 * `GET/PUT livechat/visitor.notes`; and each agent's own saved replies in the shape of
 * Rocket.Chat's `GET/POST/DELETE canned-responses` (scope `user` only). Registered inside the
 * authenticated scope.
 */
export function registerVisitorPanelRoutes(authed: FastifyInstance, desk: AgentDesk): void {
  const {ctx} = desk;
  const notes = new VisitorNoteStore(ctx.db);
  const canned = new CannedResponseStore(ctx.db);
  const history = new HistoryStore(ctx.db);

  const servedVisitor = (agent: AgentRecord, rid: string) => {
    const room = desk.requireServedRoom(agent, rid);
    const visitor = ctx.visitors.findById(room.v._id);
    if (!visitor) throw notAllowed();
    return {room, visitor};
  };

  authed.get<{Querystring: {rid: string}}>(
    '/api/v1/livechat/visitor.panel',
    {
      schema: {querystring: object({rid: ID}, ['rid'])},
    },
    async (request) => {
      const agent = agentOf(request);
      const {room, visitor} = servedVisitor(agent, request.query.rid);
      const department = findDepartment(ctx.settings, room.departmentId ?? visitor.department);
      const chats = history
        .ofVisitor(historyScope(ctx.settings, agent), visitor._id, PREVIOUS_CHATS_MAX + 1)
        .filter((chat) => chat._id !== room._id)
        .slice(0, PREVIOUS_CHATS_MAX);
      return {
        visitor: {...visitor, ...ctx.visitors.locale(visitor._id)},
        ...(department ? {department: {_id: department._id, name: department.name}} : {}),
        roomData: room.livechatData ?? {},
        customFields: ctx.settings.customFields.map((f) => ({_id: f._id, label: f.label})),
        pages: ctx.pageViews.forToken(visitor.token, PAGE_VIEWS_KEPT),
        chats,
        notes: notes.get(visitor._id),
        success: true,
      };
    },
  );

  authed.get<{Querystring: {rid: string}}>(
    '/api/v1/livechat/visitor.notes',
    {
      schema: {querystring: object({rid: ID}, ['rid'])},
    },
    async (request) => {
      const {visitor} = servedVisitor(agentOf(request), request.query.rid);
      return {notes: notes.get(visitor._id), success: true};
    },
  );

  authed.put<{Body: {rid: string; text: string}}>(
    '/api/v1/livechat/visitor.notes',
    {
      schema: {
        body: looseObject({rid: ID, text: {type: 'string', maxLength: NOTE_MAX}}, ['rid', 'text']),
      },
    },
    async (request) => {
      const agent = agentOf(request);
      const {visitor} = servedVisitor(agent, request.body.rid);
      return {notes: notes.set(visitor._id, request.body.text, agent.username), success: true};
    },
  );

  authed.get('/api/v1/canned-responses', async (request) => {
    const list = canned.list(agentOf(request).id);
    return {
      cannedResponses: list,
      count: list.length,
      offset: 0,
      total: list.length,
      success: true,
    };
  });

  authed.post<{Body: {_id?: string; shortcut: string; text: string}}>(
    '/api/v1/canned-responses',
    {
      schema: {
        body: looseObject(
          {
            _id: ID,
            shortcut: SHORTCUT,
            text: {type: 'string', minLength: 1, maxLength: CANNED_TEXT_MAX, pattern: '\\S'},
            scope: {enum: ['user']},
          },
          ['shortcut', 'text'],
        ),
      },
    },
    async (request) => {
      const {_id, shortcut, text} = request.body;
      const saved = canned.save(agentOf(request).id, {id: _id, shortcut, text});
      if (saved === 'taken') {
        throw meteorError('error-invalid-shortcut', 'Shortcut provided already exists');
      }
      if (saved === 'missing') throw meteorError('error-canned-response-not-found', 'Not found');
      return {cannedResponse: saved, success: true};
    },
  );

  authed.delete<{Body: {_id: string}}>(
    '/api/v1/canned-responses',
    {
      schema: {body: looseObject({_id: ID}, ['_id'])},
    },
    async (request) => {
      if (!canned.delete(agentOf(request).id, request.body._id)) {
        throw meteorError('error-canned-response-not-found', 'Not found');
      }
      return {success: true};
    },
  );
}
