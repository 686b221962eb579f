import type {FastifyInstance, FastifyRequest} from 'fastify';
import {clientKey} from '../client-key.js';
import {invalidParams} from '../errors.js';
import type {AgentDesk} from '../livechat/agent-desk.js';
import type {Livechat} from '../livechat/livechat.js';
import type {UploadQuotas} from '../livechat/upload-quota.js';
import {requireAgentUploadRoom, uploadAgentFile} from '../livechat/uploads.js';
import {agentOf, requireAgent} from './auth.js';
import {withFileUpload} from './message-routes.js';
import type {RouteLimits} from './rate-limit.js';
import {replyTooMany} from './rate-limit.js';
import {ID} from './schemas.js';
import {claimedBytes, readFilePart} from './upload-body.js';

/**
 * Rocket.Chat's `POST /api/v1/rooms.upload/:rid` for the agent console: multipart `file` with
 * optional `msg`, `description` and `_id` fields (sent before the file part), headers
 * `X-User-Id`/`X-Auth-Token`. Only the agent serving the open room may send; the file goes
 * through the visitor upload's checks (size limit, type by content, room and total quotas,
 * bytes per address) and becomes the agent's file message, delivered live like any reply. The
 * answer is `{message, success}` with the signed link in `message.fileUpload`.
 */
export function registerAgentUploadRoute(
  scope: FastifyInstance,
  livechat: Livechat,
  desk: AgentDesk,
  limits: RouteLimits,
  options: {quotas: UploadQuotas; publicOrigin: (request: FastifyRequest) => string},
): void {
  const {ctx} = livechat;
  const maxBytes = ctx.settings.fileUploadMaxBytes;
  scope.post<{Params: {rid: string}}>(
    '/api/v1/rooms.upload/:rid',
    {
      config: limits.rest,
      preHandler: requireAgent(desk),
      schema: {params: {type: 'object', properties: {rid: ID}, required: ['rid']}},
    },
    async (request, reply) => {
      const agent = agentOf(request);
      const {rid} = request.params;
      // Checked before a byte of the body is read: a refused upload writes nothing.
      requireAgentUploadRoom(livechat, agent, rid);
      if (!request.isMultipart()) throw invalidParams('the body must be multipart/form-data');
      const bytes = claimedBytes(request, maxBytes);
      const admission = options.quotas.reserve({rid, address: clientKey(request.ip), bytes});
      if (!admission.admitted) return replyTooMany(reply, admission.waitMs);
      let storedBytes = 0;
      try {
        const {reservation} = admission;
        const body = await readFilePart(request, ctx.uploads.partialPath(), maxBytes, (n) =>
          reservation.received(n),
        );
        const messageId = body.field('_id');
        const answer = await uploadAgentFile(livechat, agent, {
          rid,
          filename: body.filename,
          partial: body.partial,
          messageId,
          msg: body.field('msg'),
          description: body.field('description'),
        });
        // A retried upload whose first try was stored answers with that message.
        const message = 'repeated' in answer ? ctx.messages.findInRoom(messageId!, rid) : answer;
        if (!message) throw invalidParams('_id is taken by another message');
        const fileId = (message.file as {_id: string})._id;
        const size = ctx.uploads.find(fileId)?.size;
        if (!('repeated' in answer)) storedBytes = size ?? 0;
        const signed = withFileUpload(message, options.publicOrigin(request), ctx.fileTokens, size);
        return {message: signed, success: true};
      } finally {
        admission.reservation.release(storedBytes);
      }
    },
  );
}
