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
import type {DdpTestClient, Frame, TestServer} from '../helpers/node/server-fixture.js';

async function waitingVisitor(server: TestServer, department?: string) {
  const token = randomBytes(16).toString('hex');
  await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token, department}}});
  const opened = await api(server.url, '/api/v1/livechat/room', {query: {token}});
  assert.equal(opened.status, 200);
  return {token, rid: opened.body.room._id as string};
}

const spotOfConfig = async (server: TestServer, token: string) =>
  (await api(server.url, '/api/v1/livechat/config', {query: {token}})).body.config.queueInfo?.spot;

const queueData = (socket: DdpTestClient, rid: string) =>
  socket.frames.filter(
    (f: Frame) => f.fields?.eventName === rid && f.fields.args?.[0]?.type === 'queueData',
  );

// Telling every waiting visitor their spot on each change made one new chat cost time in
// proportion to the queue (160 ms of blocked server at 5,000 waiting): the queue grows by
// anyone opening chats. A chat joining the end of a line moves nobody else.
describe('a long queue: what a new waiting chat costs the others', () => {
  it('a chat joining the queue tells only itself; one leaving moves those behind it', async () => {
    const server = await startTestServer({
      settings: {
        routing: 'manual',
        departments: [
          {_id: 'repairs', name: 'Repairs', showOnRegistration: true, showOnOfflineForm: false},
        ],
      },
    });
    const socket = await connectDdp(server.url);
    try {
      const first = await waitingVisitor(server);
      const repair = await waitingVisitor(server, 'repairs');
      const second = await waitingVisitor(server);
      for (const v of [first, repair, second]) {
        const ready = await socket.subscribe('stream-livechat-room', [
          v.rid,
          visitorSubArgs(v.token),
        ]);
        assert.equal(ready.msg, 'ready');
      }
      const third = await waitingVisitor(server);
      // A method's answer leaves after any frame the server wrote on the socket before it.
      await socket.call('livechat:getInitialData', [first.token]);
      assert.deepEqual(
        [first, repair, second].map((v) => queueData(socket, v.rid).length),
        [1, 1, 1],
        'each was told its place once, on subscribing, and nothing when the third joined',
      );
      // Spots count per department, oldest first, wherever they are read.
      assert.deepEqual(
        await Promise.all([first, repair, second, third].map((v) => spotOfConfig(server, v.token))),
        [1, 1, 2, 3],
      );
      const agent = await agentLogin(server.url);
      const page = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
        query: {offset: 1, count: 2},
      });
      assert.deepEqual(
        [page.body.total, page.body.count, page.body.inquiries.map((i: {rid: string}) => i.rid)],
        [4, 2, [repair.rid, second.rid]],
      );

      // The place it was told on subscribing, then the move.
      assert.equal(
        (await socket.nextEvent('stream-livechat-room', second.rid)).fields.args[0].data.spot,
        2,
      );
      const moved = socket.nextEvent('stream-livechat-room', second.rid);
      const closed = await api(server.url, '/api/v1/livechat/room.close', {
        body: {rid: first.rid, token: first.token},
      });
      assert.equal(closed.status, 200);
      assert.equal((await moved).fields.args[0].data.spot, 1);
      assert.equal(await spotOfConfig(server, third.token), 2);
    } finally {
      socket.close();
      await server.close();
    }
  });

  it('a chat leaving the line, closed or taken, tells only those behind it in its line', async () => {
    const server = await startTestServer({
      settings: {
        routing: 'manual',
        departments: [
          {_id: 'repairs', name: 'Repairs', showOnRegistration: true, showOnOfflineForm: false},
        ],
      },
    });
    const socket = await connectDdp(server.url);
    try {
      const line: {token: string; rid: string}[] = [];
      for (let i = 0; i < 4; i++) line.push(await waitingVisitor(server));
      const repair = await waitingVisitor(server, 'repairs');
      for (const v of [...line, repair]) {
        const ready = await socket.subscribe('stream-livechat-room', [
          v.rid,
          visitorSubArgs(v.token),
        ]);
        assert.equal(ready.msg, 'ready');
      }
      // Each sub of a waiting room is told its spot at once: counted from after that.
      await socket.call('livechat:getInitialData', [line[0].token]);
      const replayed = [...line, repair].map((v) => queueData(socket, v.rid).length);
      assert.deepEqual(replayed, [1, 1, 1, 1, 1]);
      const told = () =>
        [...line, repair].map((v, i) => queueData(socket, v.rid).length - replayed[i]);
      const closed = await api(server.url, '/api/v1/livechat/room.close', {
        body: {rid: line[2].rid, token: line[2].token},
      });
      assert.equal(closed.status, 200);
      // A method's answer leaves after any frame the server wrote on the socket before it.
      await socket.call('livechat:getInitialData', [line[0].token]);
      assert.deepEqual(told(), [0, 0, 0, 1, 0], 'only the chat behind the closed one');
      assert.equal(queueData(socket, line[3].rid).at(-1)!.fields.args[0].data.spot, 3);

      const agent = await agentLogin(server.url);
      const queued = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
      });
      const inquiryOf = (rid: string) =>
        queued.body.inquiries.find((i: {rid: string}) => i.rid === rid)._id as string;
      const taken = await api(server.url, '/api/v1/livechat/inquiries.take', {
        headers: agent.headers,
        body: {inquiryId: inquiryOf(line[0].rid)},
      });
      assert.equal(taken.status, 200);
      await socket.call('livechat:getInitialData', [line[1].token]);
      assert.deepEqual(told(), [0, 1, 0, 2, 0], 'those behind the taken one, not Repairs');
      assert.deepEqual(
        [line[1], line[3]].map((v) => queueData(socket, v.rid).at(-1)!.fields.args[0].data.spot),
        [1, 2],
      );
      assert.deepEqual(
        await Promise.all([line[1], line[3], repair].map((v) => spotOfConfig(server, v.token))),
        [1, 2, 1],
      );
    } finally {
      socket.close();
      await server.close();
    }
  });

  it('lists each agent only the waiting chats of their departments, paged and counted', async () => {
    const server = await startTestServer({
      agents: [
        {username: 'sam', password: 'pw'},
        {username: 'wes', password: 'pw'},
      ],
      settings: {
        routing: 'manual',
        departments: ['sales', 'workshop'].map((id, i) => ({
          _id: id,
          name: id === 'sales' ? 'Sales' : 'Workshop',
          showOnRegistration: true,
          showOnOfflineForm: true,
          agents: [i === 0 ? 'sam' : 'wes'],
        })),
      },
    });
    try {
      const order: {department?: string; token: string; rid: string}[] = [];
      for (const department of ['sales', 'workshop', undefined, 'sales', 'workshop']) {
        order.push({department, ...(await waitingVisitor(server, department))});
      }
      const sam = await agentLogin(server.url, 'sam', 'pw');
      const list = async (query: Record<string, number> = {}) => {
        const answer = await api(server.url, '/api/v1/livechat/inquiries.queued', {
          headers: sam.headers,
          query,
        });
        return [answer.body.total, answer.body.inquiries.map((i: {rid: string}) => i.rid)];
      };
      const mine = order.filter((v) => v.department !== 'workshop').map((v) => v.rid);
      assert.deepEqual(await list(), [3, mine]);
      assert.deepEqual(await list({offset: 1, count: 1}), [3, [mine[1]]]);
    } finally {
      await server.close();
    }
  });
});
