import {createReadStream} from 'node:fs';
import multipart from '@fastify/multipart';
import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import {MESSAGE_MAX_CODE_POINTS} from '../../core/protocol/index.js';
import {clientKey} from '../client-key.js';
import {invalidParams} from '../errors.js';
import type {AgentDesk} from '../livechat/agent-desk.js';
import type {Livechat} from '../livechat/livechat.js';
import {UploadQuotas} from '../livechat/upload-quota.js';
import type {UploadRecord} from '../livechat/upload-store.js';
import {requireUploadRoom, uploadFile, uploadUnauthorized} from '../livechat/uploads.js';
import {registerAgentUploadRoute} from './agent-upload-routes.js';
import type {RouteLimits} from './rate-limit.js';
import {replyTooMany} from './rate-limit.js';
import {ID} from './schemas.js';
import {claimedBytes, header, readFilePart} from './upload-body.js';

const FIELD_BYTES = 4 * MESSAGE_MAX_CODE_POINTS + 1;

const API = '/api/v1/livechat';
const NOT_FOUND = {success: false, error: 'Resource not found'};
/** A file the retention deleted (`fileUploadRetentionDays`), said only to who may read it. */
const FILE_DELETED = {
  success: false,
  error:
    'This file was deleted: its chat closed longer ago than files are kept [error-file-deleted]',
  errorType: 'error-file-deleted',
};

function cookies(request: FastifyRequest): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (request.headers.cookie ?? '').split(/;\s*/)) {
    const eq = pair.indexOf('=');
    if (eq < 1) continue;
    try {
      jar.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      // A cookie that is not valid percent-encoding proves nothing.
    }
  }
  return jar;
}

/**
 * Whether the request may read the file: the widget's `rc_token`/`rc_rid` cookie pair for the
 * file's own room (the check CVE-2026-48616 lacked), a signed `?token=` for this file, or the
 * agent serving the room.
 */
function mayRead(
  request: FastifyRequest,
  file: UploadRecord,
  livechat: Livechat,
  desk: AgentDesk,
): boolean {
  const jar = cookies(request);
  const rid = jar.get('rc_rid');
  const token = jar.get('rc_token');
  if (rid === file.rid && token && livechat.ctx.rooms.findByIdAndToken(rid, token)) return true;
  const signed = (request.query as {token?: unknown}).token;
  if (typeof signed === 'string' && livechat.ctx.fileTokens.verify(signed, file._id)) return true;
  const userId = header(request, 'x-user-id');
  const authToken = header(request, 'x-auth-token');
  const session = userId && authToken ? desk.authenticate(authToken, userId) : null;
  return session !== null && desk.serves(session.agent.id, file.rid);
}

function sendFile(reply: FastifyReply, livechat: Livechat, file: UploadRecord) {
  const isImage = file.type.startsWith('image/');
  const disposition =
    `${isImage ? 'inline' : 'attachment'}; filename*=UTF-8''` + encodeURIComponent(file.name);
  return reply
    .header('content-type', file.type)
    .header('content-length', String(file.size))
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=3600')
    .send(createReadStream(livechat.ctx.uploads.pathOf(file._id)));
}

/** Reads the multipart body into a partial file and stores it as the room's file message. */
async function receiveUpload(
  request: FastifyRequest,
  livechat: Livechat,
  token: string,
  rid: string,
  maxBytes: number,
  onBytes: (bytes: number) => void,
) {
  const partial = livechat.ctx.uploads.partialPath();
  const body = await readFilePart(request, partial, maxBytes, onBytes);
  return uploadFile(livechat, {
    token,
    rid,
    filename: body.filename,
    partial: body.partial,
    messageId: body.field('_id'),
    description: body.field('description'),
  });
}

/**
 * `POST livechat/upload/:rid` (multipart `file`, header `x-visitor-token`), the agent's
 * `POST rooms.upload/:rid` under the same size limit and quotas, and the downloads at
 * `/file-upload/<id>/<name>`.
 */
export async function registerUploadRoutes(
  app: FastifyInstance,
  livechat: Livechat,
  desk: AgentDesk,
  limits: RouteLimits,
  options: {
    isRateLimited: boolean;
    onStorageFull?: (usedBytes: number, quotaBytes: number) => void;
    /** The origin of the signed file link in an agent upload's answer. */
    publicOrigin: (request: FastifyRequest) => string;
  },
): Promise<void> {
  const maxBytes = livechat.ctx.settings.fileUploadMaxBytes;
  const {uploads, settings} = livechat.ctx;
  const quotas = new UploadQuotas(
    uploads,
    settings,
    Date.now,
    options.isRateLimited,
    options.onStorageFull,
  );
  await app.register(async (scope) => {
    await scope.register(multipart, {
      // A text field (`msg`, `description`) holds up to a message's code points in UTF-8, and
      // one byte more: a field cut at that size is over the limit, so its check refuses it
      // rather than storing a silently shortened text.
      limits: {fileSize: maxBytes, files: 1, fields: 8, fieldSize: FIELD_BYTES, parts: 10},
    });
    scope.post<{Params: {rid: string}}>(
      `${API}/upload/:rid`,
      {
        config: limits.rest,
        schema: {params: {type: 'object', properties: {rid: ID}, required: ['rid']}},
      },
      async (request, reply) => {
        const token = header(request, 'x-visitor-token');
        if (!token) throw uploadUnauthorized();
        const {rid} = request.params;
        requireUploadRoom(livechat, token, rid);
        if (!request.isMultipart()) throw invalidParams('the body must be multipart/form-data');
        // Checked before a byte of the body is read: a refused upload writes nothing.
        const bytes = claimedBytes(request, maxBytes);
        // An IPv6 client counts by its /64, as in every per-address limit.
        const admission = quotas.reserve({rid, address: clientKey(request.ip), bytes});
        if (!admission.admitted) return replyTooMany(reply, admission.waitMs);
        let storedBytes = 0;
        try {
          const {reservation} = admission;
          const answer = await receiveUpload(request, livechat, token, rid, maxBytes, (n) =>
            reservation.received(n),
          );
          if ('repeated' in answer) return {success: true};
          storedBytes = livechat.ctx.uploads.find((answer.file as {_id: string})._id)?.size ?? 0;
          return {...answer, success: true};
        } finally {
          admission.reservation.release(storedBytes);
        }
      },
    );
    registerAgentUploadRoute(scope, livechat, desk, limits, {
      quotas,
      publicOrigin: options.publicOrigin,
    });
  });

  // The name is a wildcard: a parameter is cut at Fastify's 100 characters, and a stored name
  // may take 255 bytes, three times that once percent-encoded. Only the id picks the file.
  app.get<{Params: {id: string}}>('/file-upload/:id/*', async (req, reply) => {
    const file = livechat.ctx.uploads.find(req.params.id);
    // Unknown, guessed and foreign files get the same answer (docs/security.md).
    if (!file || !mayRead(req, file, livechat, desk)) return reply.status(404).send(NOT_FOUND);
    if (file.deletedAt) {
      return reply
        .status(410)
        .header('cache-control', 'no-store')
        .send({...FILE_DELETED, deletedAt: file.deletedAt.toISOString()});
    }
    return sendFile(reply, livechat, file);
  });
}
