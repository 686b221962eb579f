import type {FastifyInstance, FastifyRequest} from 'fastify';
import {invalidParams} from '../errors.js';
import type {Livechat} from '../livechat/livechat.js';
import type {HistoryQuery} from '../livechat/messages.js';
import type {CustomFieldInput} from '../livechat/visitors.js';
import {VISITOR_LIMIT, limited} from './rate-limit.js';
import {
  EMAIL, ID, ISO_DATE, MESSAGE_ID, SHORT_TEXT, TEXT, TOKEN, looseObject, object,
} from './schemas.js';

const API = '/api/v1/livechat';
const HISTORY_MAX = 100;

interface VisitorBody {
  visitor: {
    token: string;
    name?: string;
    email?: string;
    department?: string;
    phone?: string;
    username?: string;
    customFields?: CustomFieldInput[];
  };
}

interface HistoryQueryString {
  token: string;
  ls?: string;
  end?: string;
  limit: number;
  offset: number;
  sort?: string;
}

/** `widget` when the request carries the widget cookies (RC's isWidget()), else `api`. */
function sourceType(request: FastifyRequest): string {
  const cookie = request.headers.cookie ?? '';
  const has = (pair: string) => cookie.split(/;\s*/).includes(pair);
  return has('rc_room_type=l') && has('rc_is_widget=t') ? 'widget' : 'api';
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

const customField = object(
  {key: SHORT_TEXT, value: {type: 'string', maxLength: 1024}, overwrite: {type: 'boolean'}},
  ['key', 'value'],
);

/** The visitor REST API of rocketchat-protocol.md §2.2: no auth headers, the token in the call. */
export function registerVisitorRoutes(app: FastifyInstance, livechat: Livechat): void {
  app.get<{Querystring: {token?: string; department?: string}}>(`${API}/config`, {
    config: limited(),
    schema: {querystring: object({token: TOKEN, department: ID, businessUnit: ID})},
  }, async (request) => ({config: livechat.config(request.query.token), success: true}));

  app.post<{Body: VisitorBody}>(`${API}/visitor`, {
    config: limited(VISITOR_LIMIT),
    schema: {
      body: looseObject({
        visitor: looseObject({
          token: TOKEN, name: SHORT_TEXT, email: EMAIL, department: ID,
          phone: {type: 'string', maxLength: 64}, username: SHORT_TEXT,
          customFields: {type: 'array', maxItems: 50, items: customField},
        }, ['token']),
      }, ['visitor']),
    },
  }, async (request) => ({visitor: livechat.registerVisitor(request.body.visitor), success: true}));

  app.get<{Params: {token: string}}>(`${API}/visitor/:token`, {
    config: limited(),
    schema: {params: object({token: TOKEN}, ['token'])},
  }, async (request) => ({visitor: livechat.requireVisitor(request.params.token), success: true}));

  app.get<{Querystring: {token: string; rid?: string; agentId?: string}}>(`${API}/room`, {
    config: limited(),
    schema: {querystring: looseObject({token: TOKEN, rid: ID, agentId: ID}, ['token'])},
  }, async (request) => {
    const {token, rid, agentId} = request.query;
    const result = livechat.getRoom(token, rid, {agentId, sourceType: sourceType(request)});
    return {...result, success: true};
  });

  app.post<{Body: {token: string; rid: string; msg: string; _id?: string}}>(`${API}/message`, {
    config: limited(),
    schema: {body: looseObject({token: TOKEN, rid: ID, msg: TEXT, _id: MESSAGE_ID}, [
      'token', 'rid', 'msg',
    ])},
  }, async (request) => {
    const {token, rid, msg, _id} = request.body;
    return {message: livechat.sendMessage({token, rid, msg, _id}), success: true};
  });

  app.get<{Params: {_id: string}; Querystring: {token: string; rid: string}}>(
    `${API}/message/:_id`, {
      config: limited(),
      schema: {
        params: object({_id: MESSAGE_ID}, ['_id']),
        querystring: object({token: TOKEN, rid: ID}, ['token', 'rid']),
      },
    }, async (request) => {
      const {token, rid} = request.query;
      return {message: livechat.getMessage(token, rid, request.params._id), success: true};
    },
  );

  app.get<{Params: {rid: string}; Querystring: HistoryQueryString}>(
    `${API}/messages.history/:rid`, {
      config: limited(),
      schema: {
        params: object({rid: ID}, ['rid']),
        querystring: object({
          token: TOKEN, ls: ISO_DATE, end: ISO_DATE, sort: SHORT_TEXT,
          limit: {type: 'integer', minimum: 1, maximum: HISTORY_MAX, default: 20},
          offset: {type: 'integer', minimum: 0, default: 0},
        }, ['token']),
      },
    }, async (request) => {
      const query = historyQuery(request.query);
      const messages = livechat.history(request.query.token, request.params.rid, query);
      return {messages, success: true};
    },
  );

  app.post<{Body: {rid: string; token: string}}>(`${API}/room.close`, {
    config: limited(),
    schema: {body: looseObject({rid: ID, token: TOKEN}, ['rid', 'token'])},
  }, async (request) => ({
    ...livechat.closeByVisitor(request.body.token, request.body.rid),
    success: true,
  }));

  app.get<{Params: {rid: string; token: string}}>(`${API}/agent.info/:rid/:token`, {
    config: limited(),
    schema: {params: object({rid: ID, token: TOKEN}, ['rid', 'token'])},
  }, async (request) => ({
    agent: livechat.agentInfo(request.params.token, request.params.rid),
    success: true,
  }));
}
