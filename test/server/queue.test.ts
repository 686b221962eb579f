import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';
import {absent, anyId, assertShape, isoDate} from '../helpers/node/shape.js';

const QUEUE_MESSAGE = 'All agents are busy; you are in line.';

async function waitingVisitor(server: TestServer, name: string) {
  const token = randomBytes(16).toString('hex');
  await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token, name}}});
  const opened = await api(server.url, '/api/v1/livechat/room', {query: {token}});
  assert.equal(opened.status, 200);
  return {token, rid: opened.body.room._id as string, room: opened.body.room};
}

describe('manual routing: the inquiry queue', () => {
  it('tells agents watching the queue when a waiting visitor writes: the entry shows it', async () => {
    const server = await startTestServer({settings: {routing: 'manual'}});
    const ddp = await connectDdp(server.url);
    try {
      const agent = await agentLogin(server.url);
      await ddp.call('login', [{resume: agent.authToken}]);
      await ddp.subscribe('stream-livechat-inquiry-queue-observer', ['public', {}]);
      // The widget opens the room first: the queue has the chat, not yet its message.
      const visitor = await waitingVisitor(server, 'Early');
      await ddp.next((f) => f.collection === 'stream-livechat-inquiry-queue-observer');
      const told = ddp.next((f) => f.collection === 'stream-livechat-inquiry-queue-observer');
      await api(server.url, '/api/v1/livechat/message', {
        body: {token: visitor.token, rid: visitor.rid, msg: 'Do you fit mudguards?'},
      });
      assertShape((await told).fields.args, [{clientAction: 'updated', total: 1}]);
      const queued = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
      });
      assertShape(queued.body.inquiries, [{rid: visitor.rid, message: 'Do you fit mudguards?'}]);
    } finally {
      ddp.close();
      await server.close();
    }
  });

  it('queues new chats with their spot until an agent takes one', async () => {
    const server = await startTestServer({
      settings: {routing: 'manual', queueMessage: QUEUE_MESSAGE},
    });
    const ddp = await connectDdp(server.url);
    try {
      const agent = await agentLogin(server.url);
      const first = await waitingVisitor(server, 'First');
      assertShape(first.room, {open: true, servedBy: absent});
      const config = await api(server.url, '/api/v1/livechat/config', {
        query: {token: first.token},
      });
      assertShape(config.body.config, {
        settings: {showConnecting: true},
        agent: absent,
        queueInfo: {
          spot: 1,
          message: {text: QUEUE_MESSAGE, user: {_id: 'rocket.cat', username: 'rocket.cat'}},
        },
      });
      await ddp.subscribe('stream-livechat-room', [first.rid, visitorSubArgs(first.token)]);
      await ddp.subscribe('stream-room-messages', [first.rid, visitorSubArgs(first.token)]);

      const second = await waitingVisitor(server, 'Second');
      const queued = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
      });
      assertShape(queued.body, {
        success: true,
        total: 2,
        offset: 0,
        count: 2,
        inquiries: [
          {_id: anyId, rid: first.rid, name: 'First', status: 'queued', ts: isoDate, t: 'l'},
          {rid: second.rid, name: 'Second', status: 'queued'},
        ],
      });

      const joined = ddp.next(
        (f) => f.collection === 'stream-livechat-room' && f.fields?.args?.[0]?.type === 'agentData',
      );
      const taken = await api(server.url, '/api/v1/livechat/inquiries.take', {
        headers: agent.headers,
        body: {inquiryId: queued.body.inquiries[0]._id},
      });
      assertShape(taken.body, {success: true, inquiry: {rid: first.rid, status: 'taken'}});
      assertShape((await joined).fields.args[0], {
        type: 'agentData',
        data: {_id: agent.userId, status: 'online'},
      });
      const connected = await ddp.next(
        (f) => f.msg === 'changed' && f.fields?.args?.[0]?.t === 'command',
      );
      assert.equal(connected.fields.args[0].msg, 'connected');
      const twice = await api(server.url, '/api/v1/livechat/inquiries.take', {
        headers: agent.headers,
        body: {inquiryId: queued.body.inquiries[0]._id},
      });
      assert.deepEqual(twice.body, {
        success: false,
        error: 'Inquiry already taken [error-not-allowed]',
        errorType: 'error-not-allowed',
      });

      const left = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
      });
      assertShape(left.body, {total: 1, inquiries: [{rid: second.rid}]});
      const rooms = await api(server.url, '/api/v1/livechat/rooms', {
        query: {open: 'true'},
        headers: agent.headers,
      });
      assert.deepEqual(
        rooms.body.rooms.map((r: {_id: string}) => r._id),
        [first.rid],
      );
    } finally {
      ddp.close();
      await server.close();
    }
  });

  it('moves everyone up a spot when the chat ahead leaves the queue', async () => {
    const server = await startTestServer({settings: {routing: 'manual'}});
    const ddp = await connectDdp(server.url);
    try {
      const first = await waitingVisitor(server, 'Ahead');
      const second = await waitingVisitor(server, 'Behind');
      await ddp.subscribe('stream-livechat-room', [second.rid, visitorSubArgs(second.token)]);
      // Subscribing tells a waiting visitor their place (Rocket.Chat's widget reads it only so).
      const told = await ddp.nextEvent('stream-livechat-room', second.rid);
      assertShape(told.fields.args[0], {type: 'queueData', data: {spot: 2}});
      const moved = ddp.nextEvent('stream-livechat-room', second.rid);
      await api(server.url, '/api/v1/livechat/room.close', {
        body: {token: first.token, rid: first.rid},
      });
      assertShape((await moved).fields.args[0], {type: 'queueData', data: {spot: 1}});
    } finally {
      ddp.close();
      await server.close();
    }
  });
});

describe('auto routing with a chat limit', () => {
  it('queues the chat nobody is free for and routes it when a chat ends', async () => {
    const server = await startTestServer({settings: {maxChatsPerAgent: 1}});
    const ddp = await connectDdp(server.url);
    try {
      const agent = await agentLogin(server.url);
      const busy = await waitingVisitor(server, 'Busy');
      assertShape(busy.room, {servedBy: {_id: agent.userId}});
      const waiting = await waitingVisitor(server, 'Waiting');
      assertShape(waiting.room, {servedBy: absent});
      await ddp.subscribe('stream-livechat-room', [waiting.rid, visitorSubArgs(waiting.token)]);
      const told = await ddp.nextEvent('stream-livechat-room', waiting.rid);
      assertShape(told.fields.args[0], {type: 'queueData', data: {spot: 1}});
      const served = ddp.nextEvent('stream-livechat-room', waiting.rid);
      await api(server.url, '/api/v1/livechat/room.closeByUser', {
        headers: agent.headers,
        body: {rid: busy.rid},
      });
      assertShape((await served).fields.args[0], {type: 'agentData', data: {_id: agent.userId}});
      const room = await api(server.url, '/api/v1/livechat/room', {query: {token: waiting.token}});
      assertShape(room.body.room, {servedBy: {_id: agent.userId}});
    } finally {
      ddp.close();
      await server.close();
    }
  });

  it("only routes a department's chats to its agents", async () => {
    const server = await startTestServer({
      agents: [
        {username: 'sam', password: 'pw'},
        {username: 'wes', password: 'pw'},
      ],
      settings: {
        departments: [
          {
            _id: 'sales',
            name: 'Sales',
            showOnRegistration: true,
            showOnOfflineForm: true,
            agents: ['sam'],
          },
          {
            _id: 'workshop',
            name: 'Workshop',
            showOnRegistration: true,
            showOnOfflineForm: true,
            agents: ['wes'],
          },
        ],
      },
    });
    try {
      for (const [department, agent] of [
        ['sales', 'sam'],
        ['workshop', 'wes'],
        ['workshop', 'wes'],
      ]) {
        const token = randomBytes(16).toString('hex');
        await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token, department}}});
        const room = await api(server.url, '/api/v1/livechat/room', {query: {token}});
        assert.equal(room.body.room.servedBy.username, agent, department);
        assert.equal(room.body.room.departmentId, department);
      }
    } finally {
      await server.close();
    }
  });
});
