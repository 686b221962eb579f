import type {FastifyInstance} from 'fastify';
import type {AgentDesk} from '../livechat/agent-desk.js';
import {publicDepartment} from '../livechat/settings.js';
import type {ForwardInput} from '../livechat/transfer.js';
import {forwardRoom} from '../livechat/transfer.js';
import {agentOf} from './auth.js';
import {ID, SHORT_TEXT, looseObject, object} from './schemas.js';

const API = '/api/v1/livechat';

/**
 * Rocket.Chat's agent transfer: `POST livechat/room.forward` and the two lists its dialog picks
 * from, `GET livechat/users/agent?onlyAvailable=true` and `GET livechat/department`.
 * Registered inside the authenticated scope.
 */
export function registerTransferRoutes(authed: FastifyInstance, desk: AgentDesk): void {
  const {ctx} = desk;

  authed.post<{Body: ForwardInput}>(
    `${API}/room.forward`,
    {
      schema: {
        body: looseObject(
          {
            roomId: ID,
            userId: ID,
            departmentId: ID,
            comment: {type: 'string', maxLength: 1024},
          },
          ['roomId'],
        ),
      },
    },
    async (request) => {
      forwardRoom(ctx, agentOf(request), request.body);
      return {success: true};
    },
  );

  authed.get<{Querystring: {onlyAvailable?: boolean; text?: string}}>(
    `${API}/users/agent`,
    {
      schema: {querystring: object({onlyAvailable: {type: 'boolean'}, text: SHORT_TEXT})},
    },
    async () => {
      const users = ctx.agents.availableAgents().map((agent) => ({
        _id: agent.id,
        username: agent.username,
        name: agent.name,
        status: 'online',
        statusLivechat: agent.livechatStatus,
      }));
      return {users, count: users.length, offset: 0, total: users.length, success: true};
    },
  );

  authed.get(`${API}/department`, async () => {
    const departments = ctx.settings.departments.map(publicDepartment);
    return {
      departments,
      count: departments.length,
      offset: 0,
      total: departments.length,
      success: true,
    };
  });
}
