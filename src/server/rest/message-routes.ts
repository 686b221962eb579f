import type {FastifyInstance, FastifyRequest} from 'fastify';
import {invalidParams} from '../errors.js';
import type {LivechatContext} from '../livechat/context.js';
import type {FileTokens} from '../livechat/file-tokens.js';
import type {Livechat} from '../livechat/livechat.js';
import {deleteMessage, editMessage} from '../livechat/message-edits.js';
import type {HistoryQuery} from '../livechat/messages.js';
import type {MessageDoc} from '../livechat/types.js';
import type {RouteLimits} from './rate-limit.js';
import {
  ID,
  ISO_DATE,
  MESSAGE_ID,
  OFFSET,
  SHORT_TEXT,
  TEXT,
  TOKEN,
  looseObject,
  object,
} from './schemas.js';

const API = '/api/v1/livechat';
const HISTORY_MAX = 100;

interface HistoryQueryString {
  token: string;
  ls?: string;
  end?: string;
  limit: number;
  offset: number;
  sort?: string;
}

function parseDate(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidParams(`${name} must be an ISO date`);
  return ms;
}

/** `sort` is RC's JSON sort spec; `{"ts":1}` asks for oldest first. */
function isOldestFirst(sort: string | undefined): boolean {
  if (!sort) return false;
  try {
    return (JSON.parse(sort) as {ts?: unknown})?.ts === 1;
  } catch {
    throw invalidParams('sort must be JSON such as {"ts":1}');
  }
}

function historyQuery(q: HistoryQueryString): HistoryQuery {
  return {
    after: parseDate(q.ls, 'ls'),
    before: parseDate(q.end, 'end'),
    limit: q.limit,
    offset: q.offset,
    oldestFirst: isOldestFirst(q.sort),
  };
}

/**
 * Adds `fileUpload: {publicFilePath, type, size}` to a file message, as Rocket.Chat's
 * `normalizeMessageFileUpload` does: an absolute link with a signed, expiring `?token=`.
 */
export function withFileUpload(
  message: MessageDoc,
  origin: string,
  tokens: FileTokens,
  size?: number,
): MessageDoc {
  const file = message.file as {_id?: string; name?: string; type?: string} | undefined;
  if (!file?._id || !file.name) return message;
  const path = `/file-upload/${file._id}/${encodeURIComponent(file.name)}`;
  const publicFilePath = `${origin}${path}?token=${tokens.sign(file._id)}`;
  return {...message, fileUpload: {publicFilePath, type: file.type, size: size ?? 0}};
}

/**
 * The messages with a signed `fileUpload` link on each file message: an `<img src>` in the
 * agent console cannot send the agent's auth headers, and the auth token never goes in a URL.
 */
export function withFileUploads(
  ctx: LivechatContext,
  origin: string,
  messages: readonly MessageDoc[],
): MessageDoc[] {
  return messages.map((message) => {
    const fileId = (message.file as {_id?: string} | undefined)?._id;
    if (!fileId) return message;
    const size = ctx.uploads.find(fileId)?.size;
    return withFileUpload(message, origin, ctx.fileTokens, size);
  });
}

/** The message routes of the visitor API: send, read, edit, delete, history. */
export function registerMessageRoutes(
  app: FastifyInstance,
  livechat: Livechat,
  limits: RouteLimits,
  publicOrigin: (request: FastifyRequest) => string,
): void {
  const normalize = (request: FastifyRequest, message: MessageDoc) =>
    withFileUploads(livechat.ctx, publicOrigin(request), [message])[0];

  app.post<{Body: {token: string; rid: string; msg: string; _id?: string}}>(
    `${API}/message`,
    {
      config: limits.message,
      schema: {
        body: looseObject({token: TOKEN, rid: ID, msg: TEXT, _id: MESSAGE_ID}, [
          'token',
          'rid',
          'msg',
        ]),
      },
    },
    async (request) => {
      const {token, rid, msg, _id} = request.body;
      // Before the message goes out, so that the agent sees it come from a visitor who is there.
      livechat.presence.seen(token);
      return {message: livechat.sendMessage({token, rid, msg, _id}), success: true};
    },
  );

  const messageParams = object({_id: MESSAGE_ID}, ['_id']);
  app.get<{Params: {_id: string}; Querystring: {token: string; rid: string}}>(
    `${API}/message/:_id`,
    {
      config: limits.rest,
      schema: {
        params: messageParams,
        querystring: object({token: TOKEN, rid: ID}, ['token', 'rid']),
      },
    },
    async (request) => {
      const {token, rid} = request.query;
      const message = livechat.getMessage(token, rid, request.params._id);
      return {message: normalize(request, message), success: true};
    },
  );

  app.put<{Params: {_id: string}; Body: {token: string; rid: string; msg: string}}>(
    `${API}/message/:_id`,
    {
      config: limits.rest,
      schema: {
        params: messageParams,
        body: looseObject({token: TOKEN, rid: ID, msg: TEXT}, ['token', 'rid', 'msg']),
      },
    },
    async (request) => {
      const {token, rid, msg} = request.body;
      const message = editMessage(livechat, token, rid, request.params._id, msg);
      return {message: normalize(request, message), success: true};
    },
  );

  app.delete<{Params: {_id: string}; Body: {token: string; rid: string}}>(
    `${API}/message/:_id`,
    {
      config: limits.rest,
      schema: {params: messageParams, body: looseObject({token: TOKEN, rid: ID}, ['token', 'rid'])},
    },
    async (request) => {
      const {token, rid} = request.body;
      return {message: deleteMessage(livechat, token, rid, request.params._id), success: true};
    },
  );

  app.get<{Params: {rid: string}; Querystring: HistoryQueryString}>(
    `${API}/messages.history/:rid`,
    {
      config: limits.pageLoad,
      schema: {
        params: object({rid: ID}, ['rid']),
        querystring: object(
          {
            token: TOKEN,
            ls: ISO_DATE,
            end: ISO_DATE,
            sort: SHORT_TEXT,
            limit: {type: 'integer', minimum: 1, maximum: HISTORY_MAX, default: 20},
            offset: OFFSET,
          },
          ['token'],
        ),
      },
    },
    async (request) => {
      const query = historyQuery(request.query);
      const messages = livechat.history(request.query.token, request.params.rid, query);
      return {messages: messages.map((m) => normalize(request, m)), success: true};
    },
  );
}
