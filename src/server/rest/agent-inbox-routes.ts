import type {FastifyInstance} from 'fastify';
import type {AgentDesk} from '../livechat/agent-desk.js';
import type {MailKind} from '../livechat/mail-outbox.js';
import {agentOf} from './auth.js';
import {ID, OFFSET, looseObject, object} from './schemas.js';

const API = '/api/v1/livechat';
const PAGE_MAX = 100;

/**
 * Agent routes for what waits on the agent: Rocket.Chat's manual queue (`inquiries.queued`,
 * `inquiries.take`) and this server's additions for the console: offline-form messages and a
 * room's survey answers and transcript requests. Registered inside the authenticated scope.
 */
export function registerAgentInboxRoutes(authed: FastifyInstance, desk: AgentDesk): void {
  // `mail`: 'pending' while the mail waits for a retry, 'sent' once delivered, 'failed' (with
  // the SMTP server's `mailError`) once refused for good; absent: none.
  const withMail = <T extends {_id: string}>(kind: MailKind, doc: T) => {
    const mail = desk.ctx.outbox.stateOf(kind, doc._id);
    if (!mail) return doc;
    return mail.state === 'failed'
      ? {...doc, mail: mail.state, mailError: mail.error}
      : {...doc, mail: mail.state};
  };
  authed.get<{Querystring: {offset: number; count: number}}>(
    `${API}/inquiries.queued`,
    {
      schema: {
        querystring: looseObject({
          offset: OFFSET,
          count: {type: 'integer', minimum: 1, maximum: PAGE_MAX, default: 50},
        }),
      },
    },
    async (request) => {
      const {offset, count} = request.query;
      const {inquiries, total} = desk.queuedInquiries(agentOf(request), offset, count);
      return {inquiries, offset, count: inquiries.length, total, success: true};
    },
  );

  authed.post<{Body: {inquiryId: string; userId?: string}}>(
    `${API}/inquiries.take`,
    {
      schema: {body: looseObject({inquiryId: ID, userId: ID}, ['inquiryId'])},
    },
    async (request, reply) => {
      const agent = agentOf(request);
      const {inquiryId, userId} = request.body;
      if (userId && userId !== agent.id) {
        return reply.status(400).send({success: false, error: 'The user is invalid'});
      }
      return {inquiry: desk.takeInquiry(agent, inquiryId), success: true};
    },
  );

  authed.get<{Querystring: {offset: number; count: number; unread?: boolean}}>(
    `${API}/offline.messages`,
    {
      schema: {
        querystring: object({
          offset: OFFSET,
          count: {type: 'integer', minimum: 1, maximum: PAGE_MAX, default: 50},
          unread: {type: 'boolean'},
        }),
      },
    },
    async (request) => {
      const {offset, count, unread} = request.query;
      const page = desk.offlineMessages(offset, count, unread ?? false);
      return {
        messages: page.messages.map((m) => withMail('offline', m)),
        offset,
        count: page.messages.length,
        total: page.total,
        unread: page.unread,
        success: true,
      };
    },
  );

  authed.post<{Body: {_id: string; read?: boolean}}>(
    `${API}/offline.messages.read`,
    {
      schema: {body: looseObject({_id: ID, read: {type: 'boolean'}}, ['_id'])},
    },
    async (request) => {
      desk.markOfflineMessage(agentOf(request), request.body._id, request.body.read ?? true);
      return {success: true};
    },
  );

  authed.get<{Querystring: {rid: string}}>(
    `${API}/room.feedback`,
    {
      schema: {querystring: object({rid: ID}, ['rid'])},
    },
    async (request) => {
      const feedback = desk.roomFeedback(agentOf(request), request.query.rid);
      const transcriptRequests = feedback.transcriptRequests.map((t) => withMail('transcript', t));
      return {...feedback, transcriptRequests, success: true};
    },
  );
}
