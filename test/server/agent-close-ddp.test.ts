import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, DdpTestClient, TestServer} from '../helpers/node/server-fixture.js';

const SECOND = {username: 'bea', password: 'bea-password', name: 'Bea Second'};

describe('livechat:closeRoom over DDP (the agent side)', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let ddp: DdpTestClient;

  before(async () => {
    server = await startTestServer({agents: [TEST_AGENT, {...SECOND, available: false}]});
    agent = await agentLogin(server.url);
    ddp = await connectDdp(server.url);
    await ddp.call('login', [{resume: agent.authToken}]);
  });
  after(async () => {
    ddp?.close();
    await server.close();
  });

  /** The closed chat as History shows it (close comment and tags). */
  async function closedChat(rid: string) {
    const {body} = await api(server.url, '/api/v1/livechat/history.chat', {
      query: {rid},
      headers: agent.headers,
    });
    return body.chat as {closeComment: string; tags: string[]};
  }

  it('closes with a comment and tags, trimmed and without duplicates', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const closed = await ddp.call('livechat:closeRoom', [
      visitor.rid,
      'Sold a bell',
      {tags: [' bells ', 'accessories', 'bells', '']},
    ]);
    assert.equal(closed.error, undefined, JSON.stringify(closed.error));
    assert.equal(closed.result, true);
    const chat = await closedChat(visitor.rid);
    assert.equal(chat.closeComment, 'Sold a bell');
    assert.deepEqual(chat.tags, ['bells', 'accessories']);
    const again = await ddp.call('livechat:closeRoom', [visitor.rid]);
    assert.equal(again.error?.error, 'error-room-already-closed');
  });

  it('closes with neither comment nor tags', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    assert.equal((await ddp.call('livechat:closeRoom', [visitor.rid])).result, true);
    assert.deepEqual((await closedChat(visitor.rid)).tags, []);
  });

  it('refuses what room.closeByUser refuses, and keeps the room open', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const bad: unknown[][] = [
      [visitor.rid, 'x'.repeat(1025)],
      [visitor.rid, 42],
      [visitor.rid, '', {tags: 'bells'}],
      [visitor.rid, '', {tags: Array.from({length: 21}, (_, i) => `t${i}`)}],
      [visitor.rid, '', {tags: ['x'.repeat(41)]}],
      [visitor.rid, '', {tags: [7]}],
      [visitor.rid, '', 'tags'],
      [{rid: visitor.rid}],
    ];
    for (const params of bad) {
      const refused = await ddp.call('livechat:closeRoom', params);
      assert.equal(refused.error?.reason, 'Match failed', JSON.stringify(params).slice(0, 80));
    }
    const {body} = await api(server.url, '/api/v1/livechat/rooms', {
      query: {open: 'true'},
      headers: agent.headers,
    });
    assert.ok(
      body.rooms.some((r: {_id: string}) => r._id === visitor.rid),
      'still open',
    );
    await ddp.call('livechat:closeRoom', [visitor.rid]);
  });

  it('refuses a connection without an agent login, and an agent who does not serve it', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const anonymous = await connectDdp(server.url);
    const second = await agentLogin(server.url, SECOND.username, SECOND.password);
    const other = await connectDdp(server.url);
    try {
      const refused = await anonymous.call('livechat:closeRoom', [visitor.rid, '', {tags: ['x']}]);
      assert.equal(refused.error?.error, 'error-not-authorized');
      await other.call('login', [{resume: second.authToken}]);
      const foreign = await other.call('livechat:closeRoom', [visitor.rid]);
      assert.equal(foreign.error?.error, 'error-not-authorized');
    } finally {
      anonymous.close();
      other.close();
      await api(server.url, '/api/v1/livechat/agent.status', {
        body: {status: 'not-available'},
        headers: second.headers,
      });
    }
    assert.equal((await ddp.call('livechat:closeRoom', [visitor.rid])).result, true);
  });
});
