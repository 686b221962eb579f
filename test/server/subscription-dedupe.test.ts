import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  agentPosts,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {
  AgentLogin,
  DdpTestClient,
  Frame,
  TestServer,
  TestVisitor,
} from '../helpers/node/server-fixture.js';

describe('repeated subscriptions on one socket', () => {
  let server: TestServer;
  let agent: AgentLogin;

  before(async () => {
    server = await startTestServer();
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  const agentSays = (visitor: TestVisitor, msg: string) =>
    agentPosts(server.url, agent, visitor.rid, msg);

  const subscribeRoom = (ddp: DdpTestClient, visitor: TestVisitor, id: string) =>
    ddp.subscribe('stream-room-messages', [visitor.rid, visitorSubArgs(visitor.token)], id);

  const copiesOf = (ddp: DdpTestClient, text: string) =>
    ddp.frames.filter((f: Frame) => f.msg === 'changed' && f.fields?.args?.[0]?.msg === text)
      .length;

  /** Resolves once `text` reached the socket (every earlier frame is in by then). */
  const received = (ddp: DdpTestClient, text: string) =>
    ddp.next((f) => f.msg === 'changed' && f.fields?.args?.[0]?.msg === text);

  it('answers ready to each sub id but delivers each message once', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      for (const id of ['a', 'b', 'c']) {
        assert.deepEqual(await subscribeRoom(ddp, visitor, id), {msg: 'ready', subs: [id]});
      }
      // The token under either key asks for the same events: one delivery as well.
      ddp.send({
        msg: 'sub',
        id: 'd',
        name: 'stream-room-messages',
        params: [visitor.rid, {useCollection: false, args: [{visitorToken: visitor.token}]}],
      });
      await ddp.next((f) => f.msg === 'ready' && f.subs?.includes('d'));
      await agentSays(visitor, 'once');
      await agentSays(visitor, 'marker');
      await received(ddp, 'marker');
      assert.equal(copiesOf(ddp, 'once'), 1);
      assert.equal(copiesOf(ddp, 'marker'), 1);
    } finally {
      ddp.close();
    }
  });

  it('keeps delivering while one of the sub ids is left, and stops after the last', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      for (const id of ['a', 'b', 'x']) await subscribeRoom(ddp, visitor, id);
      ddp.send({msg: 'unsub', id: 'a'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'nosub' && f.id === 'a'), {
        msg: 'nosub',
        id: 'a',
      });
      await agentSays(visitor, 'still');
      await received(ddp, 'still');
      for (const id of ['b', 'x']) {
        ddp.send({msg: 'unsub', id});
        await ddp.next((f) => f.msg === 'nosub' && f.id === id);
      }
      await agentSays(visitor, 'gone');
      // Frames of one socket keep their order: "gone" would come before this ready.
      await subscribeRoom(ddp, visitor, 'c');
      await agentSays(visitor, 'back');
      await received(ddp, 'back');
      assert.equal(copiesOf(ddp, 'still'), 1);
      assert.equal(copiesOf(ddp, 'gone'), 0);
      assert.equal(copiesOf(ddp, 'back'), 1);
    } finally {
      ddp.close();
    }
  });

  it('ends every repeated sub id with nosub when the room closes', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      await subscribeRoom(ddp, visitor, 'a');
      await subscribeRoom(ddp, visitor, 'b');
      await api(server.url, '/api/v1/livechat/room.closeByUser', {
        headers: agent.headers,
        body: {rid: visitor.rid},
      });
      for (const id of ['a', 'b']) {
        assert.deepEqual(await ddp.next((f) => f.msg === 'nosub' && f.id === id), {
          msg: 'nosub',
          id,
        });
      }
      const closes = ddp.frames.filter((f) => f.fields?.args?.[0]?.t === 'livechat-close');
      assert.equal(closes.length, 1, 'the closing message came once');
    } finally {
      ddp.close();
    }
  });

  it('keeps deliveries of different rooms or streams apart', async () => {
    const first = await createVisitorWithRoom(server.url);
    const second = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      await subscribeRoom(ddp, first, 'a');
      ddp.send({
        msg: 'sub',
        id: 'b',
        name: 'stream-room-messages',
        params: [second.rid, visitorSubArgs(second.token)],
      });
      await ddp.next((f) => f.msg === 'ready' && f.subs?.includes('b'));
      await agentSays(first, 'to first');
      await agentSays(second, 'to second');
      await received(ddp, 'to first');
      await received(ddp, 'to second');
      ddp.send({msg: 'unsub', id: 'a'});
      await ddp.next((f) => f.msg === 'nosub' && f.id === 'a');
      await agentSays(second, 'second still');
      await received(ddp, 'second still');
    } finally {
      ddp.close();
    }
  });
});
