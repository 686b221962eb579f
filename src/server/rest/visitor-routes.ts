import type {FastifyInstance, FastifyRequest} from 'fastify';
import {clientKey} from '../client-key.js';
import type {Livechat} from '../livechat/livechat.js';
import {markReadByVisitor} from '../livechat/read-state.js';
import {VISITOR_STATUSES, deleteVisitor, setVisitorStatus} from '../livechat/visitor-actions.js';
import type {CustomFieldInput} from '../livechat/visitors.js';
import type {RouteLimits} from './rate-limit.js';
import {routeLimits} from './rate-limit.js';
import {EMAIL, ID, SHORT_TEXT, TOKEN, looseObject, object} from './schemas.js';

const API = '/api/v1/livechat';

interface VisitorBody {
  visitor: {
    token: string;
    name?: string;
    email?: string;
    department?: string;
    phone?: string;
    username?: string;
    customFields?: CustomFieldInput[];
    language?: string;
    timezone?: string;
  };
}

/** `widget` when the request carries the widget cookies (RC's isWidget()), else `api`. */
function sourceType(request: FastifyRequest): string {
  const cookie = request.headers.cookie ?? '';
  const has = (pair: string) => cookie.split(/;\s*/).includes(pair);
  return has('rc_room_type=l') && has('rc_is_widget=t') ? 'widget' : 'api';
}

/** A custom field value in a request body. */
export const CUSTOM_FIELD = object(
  {key: SHORT_TEXT, value: {type: 'string', maxLength: 1024}, overwrite: {type: 'boolean'}},
  ['key', 'value'],
);

/**
 * The visitor REST API of rocketchat-protocol.md §2.2 around the visitor and the room (no auth
 * headers: the token travels in the call). Messages, feedback and uploads have their modules.
 */
export function registerVisitorRoutes(
  app: FastifyInstance,
  livechat: Livechat,
  limits: RouteLimits = routeLimits(),
): void {
  app.get<{Querystring: {token?: string; department?: string}}>(
    `${API}/config`,
    {
      config: limits.pageLoad,
      schema: {querystring: object({token: TOKEN, department: SHORT_TEXT, businessUnit: ID})},
    },
    async (request) => {
      const {token, department} = request.query;
      return {config: livechat.config(token, department), success: true};
    },
  );

  app.post<{Body: VisitorBody}>(
    `${API}/visitor`,
    {
      config: limits.visitor,
      schema: {
        body: looseObject(
          {
            visitor: looseObject(
              {
                token: TOKEN,
                name: SHORT_TEXT,
                email: EMAIL,
                department: SHORT_TEXT,
                phone: {type: 'string', maxLength: 64},
                username: SHORT_TEXT,
                customFields: {type: 'array', maxItems: 50, items: CUSTOM_FIELD},
                // This server's additions from its widget: the browser's language and time zone.
                language: {type: 'string', pattern: '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,8}$'},
                timezone: {type: 'string', pattern: '^[A-Za-z0-9_+./-]{1,64}$'},
              },
              ['token'],
            ),
          },
          ['visitor'],
        ),
      },
    },
    async (request) => {
      const visitor = livechat.registerVisitor(request.body.visitor);
      // A page registers before its link connects: one closed before that must not stay online.
      livechat.presence.seen(visitor.token);
      return {visitor: livechat.requireVisitor(visitor.token), success: true};
    },
  );

  app.get<{Params: {token: string}}>(
    `${API}/visitor/:token`,
    {
      config: limits.rest,
      schema: {params: object({token: TOKEN}, ['token'])},
    },
    async (request) => ({visitor: livechat.requireVisitor(request.params.token), success: true}),
  );

  app.delete<{Params: {token: string}}>(
    `${API}/visitor/:token`,
    {
      config: limits.rest,
      schema: {params: object({token: TOKEN}, ['token'])},
    },
    async (request) => ({visitor: deleteVisitor(livechat, request.params.token), success: true}),
  );

  app.post<{Body: {token: string; status: string}}>(
    `${API}/visitor.status`,
    {
      config: limits.pageLoad,
      schema: {
        body: looseObject({token: TOKEN, status: {enum: [...VISITOR_STATUSES]}}, [
          'token',
          'status',
        ]),
      },
    },
    async (request) => {
      const {token, status} = request.body;
      setVisitorStatus(livechat, token, status);
      livechat.presence.seen(token, status);
      return {token, status, success: true};
    },
  );

  app.get<{Querystring: {token: string; rid?: string; agentId?: string}}>(
    `${API}/room`,
    {
      config: limits.rest,
      schema: {querystring: looseObject({token: TOKEN, rid: ID, agentId: ID}, ['token'])},
    },
    async (request) => {
      const {token, rid, agentId} = request.query;
      // First, so that a new room reaches the agents with its visitor online.
      livechat.presence.seen(token);
      const result = livechat.getRoom(token, rid, {
        agentId,
        sourceType: sourceType(request),
        openedFrom: clientKey(request.ip),
      });
      return {...result, success: true};
    },
  );

  app.post<{Body: {rid: string; token: string}}>(
    `${API}/room.close`,
    {
      config: limits.rest,
      schema: {body: looseObject({rid: ID, token: TOKEN}, ['rid', 'token'])},
    },
    async (request) => ({
      ...livechat.closeByVisitor(request.body.token, request.body.rid),
      success: true,
    }),
  );

  // This server's addition (Rocket.Chat has no visitor read call): the visitor has read the room
  // up to `messageId` (default: everything); the serving agent's console shows it as "Seen".
  app.post<{Body: {rid: string; token: string; messageId?: string}}>(
    `${API}/room.read`,
    {
      config: limits.rest,
      schema: {body: looseObject({rid: ID, token: TOKEN, messageId: ID}, ['rid', 'token'])},
    },
    async (request) => {
      const {token, rid, messageId} = request.body;
      const {room} = livechat.requireRoom(token, rid);
      return {until: markReadByVisitor(livechat.ctx, room, messageId), success: true};
    },
  );

  app.get<{Params: {rid: string; token: string}}>(
    `${API}/agent.info/:rid/:token`,
    {
      config: limits.pageLoad,
      schema: {params: object({rid: ID, token: TOKEN}, ['rid', 'token'])},
    },
    async (request) => ({
      agent: livechat.agentInfo(request.params.token, request.params.rid),
      success: true,
    }),
  );

  app.get<{Params: {token: string}; Querystring: {department?: string}}>(
    `${API}/agent.next/:token`,
    {
      config: limits.rest,
      schema: {
        params: object({token: TOKEN}, ['token']),
        querystring: object({department: SHORT_TEXT}),
      },
    },
    async (request) => {
      const agent = livechat.nextAgent(request.params.token, request.query.department);
      return agent ? {agent, success: true} : {success: true};
    },
  );
}
