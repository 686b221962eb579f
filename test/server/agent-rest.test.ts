import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  TEST_AGENT,
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';

const LOGGED_OUT = 'You must be logged in to do this.';
const SECOND = {username: 'second', password: 'second-password', name: 'Second Agent'};

describe('agent REST API', () => {
  let server: TestServer;
  let agent: AgentLogin;
  before(async () => {
    server = await startTestServer({agents: [TEST_AGENT, {...SECOND, available: false}]});
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  const asAgent = (path: string, options: Parameters<typeof api>[2] = {}, who = agent) =>
    api(server.url, path, {...options, headers: who.headers});

  it('logs in with the success shape and refuses bad credentials with 401', async () => {
    const ok = await api(server.url, '/api/v1/login', {
      body: {user: TEST_AGENT.username, password: TEST_AGENT.password},
    });
    assert.equal(ok.body.status, 'success');
    assert.equal(typeof ok.body.data.authToken, 'string');
    assert.deepEqual(
      [ok.body.data.me.username, ok.body.data.me.name],
      [TEST_AGENT.username, TEST_AGENT.name],
    );
    for (const body of [
      {user: TEST_AGENT.username, password: 'wrong'},
      {user: 'nobody', password: 'x'},
      {},
    ]) {
      const refused = await api(server.url, '/api/v1/login', {body});
      assert.equal(refused.status, 401);
      assert.deepEqual(refused.body, {
        status: 'error',
        error: 'Unauthorized',
        message: 'Unauthorized',
      });
    }
  });

  it('refuses agent calls without a valid session with RC 401 body', async () => {
    const bad: Record<string, string>[] = [
      {},
      {'x-user-id': agent.userId, 'x-auth-token': 'forged'},
      {'x-user-id': 'someone-else', 'x-auth-token': agent.authToken},
    ];
    for (const headers of bad) {
      const res = await api(server.url, '/api/v1/livechat/rooms', {headers});
      assert.equal(res.status, 401);
      assert.equal(res.body.status, 'error');
      assert.equal(res.body.message, LOGGED_OUT);
      assert.equal(res.body.success, false);
    }
  });

  it('lists the agent rooms with visitor, agent, last message and name', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Fay'});
    await api(server.url, '/api/v1/livechat/message', {
      body: {token: visitor.token, rid: visitor.rid, msg: 'Where is my parcel?'},
    });
    const {body} = await asAgent('/api/v1/livechat/rooms', {query: {open: 'true'}});
    assert.equal(body.success, true);
    for (const key of ['rooms', 'count', 'offset', 'total']) assert.ok(key in body, key);
    const room = body.rooms.find((r: {_id: string}) => r._id === visitor.rid);
    assert.equal(room.fname, 'Fay');
    assert.equal(room.open, true);
    assert.equal(room.v.token, visitor.token);
    assert.equal(room.servedBy._id, agent.userId);
    assert.equal(room.lastMessage.msg, 'Where is my parcel?');
    assert.equal(typeof room.ts, 'string');
  });

  it('replies into a served room, visible in the visitor history', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const sent = await asAgent('/api/v1/chat.sendMessage', {
      body: {message: {rid: visitor.rid, msg: 'Hello from support', _id: 'agent-reply-1'}},
    });
    assert.equal(sent.status, 200);
    assert.equal(sent.body.message.u.username, TEST_AGENT.username);
    const history = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
      query: {token: visitor.token},
    });
    assert.equal(history.body.messages[0]._id, 'agent-reply-1');
    const messages = await asAgent('/api/v1/livechat/room.messages', {query: {rid: visitor.rid}});
    const texts = messages.body.messages.map((m: {t?: string; msg: string}) => m.t ?? m.msg);
    assert.deepEqual(texts, ['livechat-started', 'command', 'uj', 'Hello from support']);
  });

  it('refuses a lone surrogate in text from the agent or the visitor, and stores nothing', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const before = await asAgent('/api/v1/livechat/room.messages', {query: {rid: visitor.rid}});
    const fromAgent = await asAgent('/api/v1/chat.sendMessage', {
      body: {message: {rid: visitor.rid, msg: 'a\ud800b'}},
    });
    assert.equal(fromAgent.status, 400);
    assert.equal(fromAgent.body.errorType, 'invalid-params');
    assert.match(fromAgent.body.error, /well-formed/);
    const fromVisitor = await api(server.url, '/api/v1/livechat/message', {
      body: {token: visitor.token, rid: visitor.rid, msg: 'a\udc00b'},
    });
    assert.equal(fromVisitor.body.errorType, 'invalid-params');
    // U+FFFD, what the widget sends instead, goes through.
    const replaced = await asAgent('/api/v1/chat.sendMessage', {
      body: {message: {rid: visitor.rid, msg: 'a\ufffdb'}},
    });
    assert.equal(replaced.status, 200);
    const after = await asAgent('/api/v1/livechat/room.messages', {query: {rid: visitor.rid}});
    assert.equal(after.body.messages.length, before.body.messages.length + 1);
    assert.equal(after.body.messages.at(-1).msg, 'a\ufffdb');
  });

  it('does not let an agent write into or close a room they do not serve', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const second = await agentLogin(server.url, SECOND.username, SECOND.password);
    try {
      const write = await asAgent(
        '/api/v1/chat.sendMessage',
        {
          body: {message: {rid: visitor.rid, msg: 'not mine'}},
        },
        second,
      );
      assert.equal(write.status, 400);
      assert.equal(write.body.errorType, 'error-not-allowed');
      const close = await asAgent(
        '/api/v1/livechat/room.closeByUser',
        {
          body: {rid: visitor.rid},
        },
        second,
      );
      assert.deepEqual(close.body, {success: false, error: 'error-not-authorized'});
    } finally {
      await asAgent('/api/v1/livechat/agent.status', {body: {status: 'not-available'}}, second);
    }
  });

  it('closes a room for the visitor with the comment as livechat-close', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const closed = await asAgent('/api/v1/livechat/room.closeByUser', {
      body: {rid: visitor.rid, comment: 'Solved'},
    });
    assert.deepEqual(closed.body, {success: true});
    const history = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
      query: {token: visitor.token},
    });
    assert.deepEqual(
      [history.body.messages[0].t, history.body.messages[0].msg],
      ['livechat-close', 'Solved'],
    );
    const again = await asAgent('/api/v1/livechat/room.closeByUser', {body: {rid: visitor.rid}});
    assert.deepEqual(again.body, {success: false, error: 'error-room-already-closed'});
  });

  it('switches availability, which drives config.online', async () => {
    const off = await asAgent('/api/v1/livechat/agent.status', {body: {status: 'not-available'}});
    assert.deepEqual(off.body, {status: 'not-available', success: true});
    const offline = await api(server.url, '/api/v1/livechat/config');
    assert.equal(offline.body.config.online, false);
    await asAgent('/api/v1/livechat/agent.status', {body: {status: 'available'}});
    assert.equal((await api(server.url, '/api/v1/livechat/config')).body.config.online, true);
  });

  it('gives a new chat to the available agent with the fewest open chats', async () => {
    const second = await agentLogin(server.url, SECOND.username, SECOND.password);
    try {
      const visitor = await createVisitorWithRoom(server.url);
      assert.equal(visitor.room.servedBy._id, second.userId, 'the idle agent gets it');
    } finally {
      await asAgent('/api/v1/livechat/agent.status', {body: {status: 'not-available'}}, second);
    }
  });

  it('logs out: the token stops working', async () => {
    const session = await agentLogin(server.url);
    const out = await asAgent('/api/v1/logout', {method: 'POST'}, session);
    assert.equal(out.body.status, 'success');
    assert.equal((await asAgent('/api/v1/me', {}, session)).status, 401);
    assert.equal((await asAgent('/api/v1/me')).body.username, TEST_AGENT.username);
  });
});
