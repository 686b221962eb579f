import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseConfigFile} from '../../src/server/config-file.js';
import {AGENT_ROUTE_RULES} from '../../src/server/rest/rate-limit.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
  TEST_AGENT,
  visitorSays,
} from '../helpers/node/server-fixture.js';

const OTHER = {username: 'olga', password: 'olga-password', name: 'Olga'};

describe('agent API rate limits', () => {
  it('refuses an agent past the limit with 429 and Retry-After, counted per agent', async () => {
    const server = await startTestServer({
      agents: [TEST_AGENT, OTHER],
      rateLimit: {agent: {max: 3, windowMs: 60_000}, agentSearch: {max: 2, windowMs: 60_000}},
    });
    try {
      const agent = await agentLogin(server.url);
      const other = await agentLogin(server.url, OTHER.username, OTHER.password);
      const visitor = await createVisitorWithRoom(server.url);
      await visitorSays(server.url, visitor, 'Hello');
      const messages = (headers: Record<string, string>) =>
        api(server.url, '/api/v1/livechat/room.messages', {headers, query: {rid: visitor.rid}});
      // A forged X-User-Id with a wrong token is refused and counts for nobody.
      for (let i = 0; i < 5; i++) {
        const forged = {'x-user-id': agent.userId, 'x-auth-token': 'guessed'};
        assert.equal((await messages(forged)).status, 401);
      }
      for (let i = 0; i < 3; i++) assert.equal((await messages(agent.headers)).status, 200);
      const refused = await messages(agent.headers);
      assert.equal(refused.status, 429);
      const wait = Number(refused.headers.get('retry-after'));
      assert.ok(wait > 0 && wait <= 60, `Retry-After ${wait}`);
      assert.match(
        refused.body.error,
        /too many requests.*wait \d+ seconds.*error-too-many-requests/,
      );
      // Another agent, and another route of the same agent, still go through.
      assert.notEqual((await messages(other.headers)).status, 429);
      const rooms = await api(server.url, '/api/v1/livechat/rooms', {headers: agent.headers});
      assert.equal(rooms.status, 200);
      // Routes outside the list (replies, the queue) are not held back.
      for (let i = 0; i < 5; i++) {
        const reply = await api(server.url, '/api/v1/chat.sendMessage', {
          headers: agent.headers,
          body: {message: {rid: visitor.rid, msg: `Reply ${i}`}},
        });
        assert.equal(reply.status, 200);
      }
      const search = (q: string) =>
        api(server.url, '/api/v1/livechat/history', {headers: agent.headers, query: {q}});
      assert.equal((await search('a')).status, 200);
      assert.equal((await search('ab')).status, 200);
      assert.equal((await search('abc')).status, 429);
    } finally {
      await server.close();
    }
  });

  it('holds back the 121st inquiries.queued of an agent in a minute, not another agent', async () => {
    const server = await startTestServer({agents: [TEST_AGENT, OTHER], rateLimit: true});
    try {
      const agent = await agentLogin(server.url);
      const other = await agentLogin(server.url, OTHER.username, OTHER.password);
      const queued = (headers: Record<string, string>) =>
        api(server.url, '/api/v1/livechat/inquiries.queued', {headers});
      for (let i = 0; i < 120; i++) {
        const answer = await queued(agent.headers);
        assert.equal(answer.status, 200, `call ${i + 1}: ${JSON.stringify(answer.body)}`);
      }
      const refused = await queued(agent.headers);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.success, false);
      assert.match(refused.body.error, /too many requests.*wait \d+ seconds/);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      const theirs = await queued(other.headers);
      assert.equal(theirs.status, 200);
      assert.equal(theirs.body.success, true);
    } finally {
      await server.close();
    }
  });

  it('lets a console-like burst through with the default limits', async () => {
    const server = await startTestServer({rateLimit: true});
    try {
      const agent = await agentLogin(server.url);
      const visitor = await createVisitorWithRoom(server.url);
      // An agent clicking through chats quickly: 60 opens, each reading messages and the panel.
      for (let i = 0; i < 60; i++) {
        for (const path of ['room.messages', 'visitor.panel', 'room.feedback']) {
          const read = await api(server.url, `/api/v1/livechat/${path}`, {
            headers: agent.headers,
            query: {rid: visitor.rid},
          });
          assert.equal(read.status, 200, `${path} #${i}`);
        }
      }
    } finally {
      await server.close();
    }
  });

  it('names only routes that exist, and reads the figures from the config file', async () => {
    const server = await startTestServer();
    try {
      const agent = await agentLogin(server.url);
      for (const route of Object.keys(AGENT_ROUTE_RULES)) {
        const [method, path] = route.split(' ');
        const answer = await api(server.url, path.replace(':rid', 'x'), {
          method,
          headers: {...agent.headers, 'content-type': 'application/json'},
          body: method === 'POST' ? '{}' : undefined,
        });
        assert.notEqual(answer.status, 404, route);
      }
    } finally {
      await server.close();
    }
    const file = parseConfigFile('{"rateLimits": {"agent": {"max": 500, "windowMs": 60000}}}');
    assert.deepEqual(typeof file === 'object' && file.rateLimits?.agent, {
      max: 500,
      windowMs: 60_000,
    });
  });
});
