import type {FastifyInstance} from 'fastify';
import type {SurveyItem} from '../livechat/feedback.js';
import {leaveOfflineMessage, requestTranscript, saveSurvey} from '../livechat/feedback.js';
import type {Livechat} from '../livechat/livechat.js';
import {transferToDepartment} from '../livechat/transfer.js';
import type {PageInfo} from '../livechat/visitor-actions.js';
import {pageVisited, setCustomField, setCustomFields} from '../livechat/visitor-actions.js';
import type {CustomFieldInput} from '../livechat/visitors.js';
import type {RouteLimits} from './rate-limit.js';
import {EMAIL, ID, SHORT_TEXT, TEXT, TOKEN, looseObject, object} from './schemas.js';
import {CUSTOM_FIELD} from './visitor-routes.js';

const API = '/api/v1/livechat';

interface OfflineBody {
  name: string;
  email: string;
  message: string;
  department?: string;
  host?: string;
}

/**
 * Visitor routes around the conversation: survey, department switch, transcript, offline form,
 * page tracking and custom fields (rocketchat-protocol.md §2.2).
 */
export function registerFeedbackRoutes(
  app: FastifyInstance,
  livechat: Livechat,
  limits: RouteLimits,
): void {
  app.post<{Body: {rid: string; token: string; data: SurveyItem[]}}>(
    `${API}/room.survey`,
    {
      config: limits.rest,
      schema: {
        body: looseObject(
          {
            rid: ID,
            token: TOKEN,
            data: {
              type: 'array',
              minItems: 1,
              maxItems: 20,
              items: object(
                {name: {type: 'string', maxLength: 64}, value: {type: 'string', maxLength: 4096}},
                ['name', 'value'],
              ),
            },
          },
          ['rid', 'token', 'data'],
        ),
      },
    },
    async (request) => {
      const {rid, token, data} = request.body;
      return {rid, data: saveSurvey(livechat, token, rid, data), success: true};
    },
  );

  app.post<{Body: {rid: string; token: string; department: string}}>(
    `${API}/room.transfer`,
    {
      config: limits.rest,
      schema: {
        body: looseObject({rid: ID, token: TOKEN, department: SHORT_TEXT}, [
          'rid',
          'token',
          'department',
        ]),
      },
    },
    async (request) => {
      const {rid, token, department} = request.body;
      return {room: transferToDepartment(livechat, token, rid, department), success: true};
    },
  );

  app.post<{Body: {token: string; rid: string; email: string}}>(
    `${API}/transcript`,
    {
      config: limits.rest,
      schema: {body: looseObject({token: TOKEN, rid: ID, email: EMAIL}, ['token', 'rid', 'email'])},
    },
    async (request) => {
      const {token, rid, email} = request.body;
      return {message: requestTranscript(livechat, token, rid, email), success: true};
    },
  );

  app.post<{Body: OfflineBody}>(
    `${API}/offline.message`,
    {
      config: limits.offlineMessage,
      schema: {
        body: looseObject(
          {
            name: SHORT_TEXT,
            email: EMAIL,
            message: TEXT,
            department: SHORT_TEXT,
            host: {type: 'string', maxLength: 2048},
          },
          ['name', 'email', 'message'],
        ),
      },
    },
    async (request) => {
      const {name, email, message, department, host} = request.body;
      const result = leaveOfflineMessage(livechat, {name, email, message, department, host});
      return {message: result.message, success: true};
    },
  );

  app.post<{Body: {token: string; rid?: string; pageInfo: PageInfo}}>(
    `${API}/page.visited`,
    {
      config: limits.pageLoad,
      schema: {
        body: looseObject(
          {
            token: TOKEN,
            rid: ID,
            pageInfo: looseObject(
              {
                change: {type: 'string', maxLength: 64},
                title: {type: 'string', maxLength: 1024},
                location: looseObject({href: {type: 'string', maxLength: 4096}}, ['href']),
              },
              ['change', 'title', 'location'],
            ),
          },
          ['token', 'pageInfo'],
        ),
      },
    },
    async (request) => {
      const {token, rid, pageInfo} = request.body;
      const page = pageVisited(livechat, token, rid, pageInfo);
      return page ? {page, success: true} : {success: true};
    },
  );

  app.post<{Body: {token: string} & CustomFieldInput}>(
    `${API}/custom.field`,
    {
      config: limits.rest,
      schema: {
        body: looseObject(
          {
            token: TOKEN,
            key: SHORT_TEXT,
            value: {type: 'string', maxLength: 1024},
            overwrite: {type: 'boolean'},
          },
          ['token', 'key', 'value', 'overwrite'],
        ),
      },
    },
    async (request) => {
      const {token, key, value, overwrite} = request.body;
      setCustomField(livechat, token, {key, value, overwrite});
      return {field: {key, value, overwrite}, success: true};
    },
  );

  app.post<{Body: {token: string; customFields: CustomFieldInput[]}}>(
    `${API}/custom.fields`,
    {
      config: limits.rest,
      schema: {
        body: looseObject(
          {
            token: TOKEN,
            customFields: {type: 'array', minItems: 1, maxItems: 50, items: CUSTOM_FIELD},
          },
          ['token', 'customFields'],
        ),
      },
    },
    async (request) => {
      const {token, customFields} = request.body;
      const stored = setCustomFields(livechat, token, customFields);
      // Rocket.Chat answers with a capital `Key` here (customField.ts), and so do we.
      const fields = stored.map(({key, value, overwrite}) => ({Key: key, value, overwrite}));
      return {fields, success: true};
    },
  );
}
