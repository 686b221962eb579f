import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {buildServer} from '../../src/server/app.js';
import {Mailer} from '../../src/server/livechat/mailer.js';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, DdpTestClient, TestServer} from '../helpers/node/server-fixture.js';

const SECOND = {username: 'bea', password: 'bea-password', name: 'Bea Second'};
const THIRD = {username: 'cy', password: 'cy-password', name: 'Cy Third'};
const DEPARTMENTS = [
  {
    _id: 'workshop',
    name: 'Workshop',
    enabled: true,
    showOnRegistration: true,
    showOnOfflineForm: true,
    agents: ['cy'],
  },
];

/** An agent's DDP session watching their room list. */
async function watchRooms(url: string, who: AgentLogin): Promise<DdpTestClient> {
  const ddp = await connectDdp(url);
  await ddp.call('login', [{resume: who.authToken}]);
  await ddp.subscribe('stream-notify-user', [
    `${who.userId}/rooms-changed`,
    {useCollection: false, args: [{}]},
  ]);
  return ddp;
}

const roomChange = (ddp: DdpTestClient, change: string, rid: string) =>
  ddp.next(
    (f) =>
      f.msg === 'changed' &&
      f.collection === 'stream-notify-user' &&
      f.fields?.args?.[0] === change &&
      f.fields?.args?.[1]?._id === rid,
  );

describe('agent transfer (room.forward)', () => {
  let server: TestServer;
  let first: AgentLogin;
  let second: AgentLogin;
  let third: AgentLogin;
  const sockets: DdpTestClient[] = [];

  before(async () => {
    server = await startTestServer({
      agents: [TEST_AGENT, {...SECOND, available: false}, {...THIRD, available: false}],
      settings: {departments: DEPARTMENTS},
    });
    first = await agentLogin(server.url);
    // Logging in makes an agent available; only `agent` must get the new chats.
    second = await agentLogin(server.url, SECOND.username, SECOND.password);
    third = await agentLogin(server.url, THIRD.username, THIRD.password);
    for (const who of [second, third]) {
      await api(server.url, '/api/v1/livechat/agent.status', {
        body: {status: 'not-available'},
        headers: who.headers,
      });
    }
  });
  after(async () => {
    for (const ddp of sockets) ddp.close();
    await server.close();
  });

  const forward = (who: AgentLogin, body: Record<string, unknown>) =>
    api(server.url, '/api/v1/livechat/room.forward', {body, headers: who.headers});
  const setStatus = (who: AgentLogin, status: string) =>
    api(server.url, '/api/v1/livechat/agent.status', {body: {status}, headers: who.headers});

  it('moves the room to the chosen agent; visitor and both consoles are told', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Vic'});
    assert.equal(visitor.room.servedBy._id, first.userId);
    await setStatus(second, 'available');
    const visitorDdp = await connectDdp(server.url);
    sockets.push(visitorDdp);
    const subArgs = visitorSubArgs(visitor.token);
    await visitorDdp.subscribe('stream-livechat-room', [visitor.rid, subArgs]);
    await visitorDdp.subscribe('stream-room-messages', [visitor.rid, subArgs]);
    const [oldDesk, newDesk] = [
      await watchRooms(server.url, first),
      await watchRooms(server.url, second),
    ];
    sockets.push(oldDesk, newDesk);

    const targets = await api(server.url, '/api/v1/livechat/users/agent', {
      query: {onlyAvailable: 'true'},
      headers: first.headers,
    });
    assert.deepEqual(targets.body.users.map((u: {username: string}) => u.username).sort(), [
      'agent',
      'bea',
    ]);

    const res = await forward(first, {
      roomId: visitor.rid,
      userId: second.userId,
      comment: 'Bea knows gears',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {success: true});

    const agentData = await visitorDdp.next(
      (f) => f.collection === 'stream-livechat-room' && f.fields?.args?.[0]?.type === 'agentData',
    );
    assert.equal(agentData.fields.args[0].data.username, SECOND.username);
    assert.equal(agentData.fields.args[0].data.name, SECOND.name);
    const history = await visitorDdp.next(
      (f) =>
        f.collection === 'stream-room-messages' &&
        f.fields?.args?.[0]?.t === 'livechat_transfer_history',
    );
    const {transferData} = history.fields.args[0];
    assert.equal(transferData.scope, 'agent');
    assert.equal(transferData.comment, 'Bea knows gears');
    assert.equal(history.fields.args[0].msg, '');
    assert.deepEqual(transferData.transferredBy, {
      _id: first.userId,
      username: TEST_AGENT.username,
      name: TEST_AGENT.name,
      type: 'user',
    });
    assert.equal(transferData.transferredTo.username, SECOND.username);
    assert.equal(typeof transferData.ts.$date, 'number');
    await visitorDdp.next(
      (f) => f.fields?.args?.[0]?.t === 'ul' && f.fields.args[0].u.username === TEST_AGENT.username,
    );
    await visitorDdp.next(
      (f) => f.fields?.args?.[0]?.t === 'uj' && f.fields.args[0].u.username === SECOND.username,
    );

    await roomChange(oldDesk, 'removed', visitor.rid);
    await roomChange(newDesk, 'inserted', visitor.rid);
    const reply = await api(server.url, '/api/v1/chat.sendMessage', {
      body: {message: {rid: visitor.rid, msg: 'Bea here'}},
      headers: second.headers,
    });
    assert.equal(reply.status, 200);
    const refused = await api(server.url, '/api/v1/chat.sendMessage', {
      body: {message: {rid: visitor.rid, msg: 'still me?'}},
      headers: first.headers,
    });
    assert.equal(refused.status, 400);
    const info = await api(
      server.url,
      `/api/v1/livechat/agent.info/${visitor.rid}/${visitor.token}`,
    );
    assert.equal(info.body.agent.username, SECOND.username);
    await setStatus(second, 'not-available');
  });

  it('moves the room to a department, whose free agent takes it', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Wendy'});
    const none = await forward(first, {roomId: visitor.rid, departmentId: 'workshop'});
    assert.deepEqual([none.status, none.body.error], [400, 'error-no-agents-online-in-department']);
    await setStatus(third, 'available');
    const res = await forward(first, {roomId: visitor.rid, departmentId: 'workshop'});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const room = await api(server.url, '/api/v1/livechat/rooms', {
      query: {open: 'true'},
      headers: third.headers,
    });
    const moved = room.body.rooms.find((r: {_id: string}) => r._id === visitor.rid);
    assert.equal(moved.departmentId, 'workshop');
    const messages = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
      query: {token: visitor.token},
    });
    const transfer = messages.body.messages.find(
      (m: {t?: string}) => m.t === 'livechat_transfer_history',
    );
    assert.equal(transfer.transferData.scope, 'department');
    assert.deepEqual(transfer.transferData.nextDepartment, {_id: 'workshop', name: 'Workshop'});
    await setStatus(third, 'not-available');
  });

  it('refuses bad forwards with Rocket.Chat errors and changes nothing', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Xia'});
    const cases: [AgentLogin, Record<string, unknown>, string][] = [
      [
        first,
        {roomId: visitor.rid, userId: first.userId},
        'error-selected-agent-room-agent-are-same',
      ],
      [first, {roomId: visitor.rid, userId: second.userId}, 'error-user-is-offline'],
      [first, {roomId: visitor.rid, userId: 'nobody'}, 'error-user-is-offline'],
      [first, {roomId: visitor.rid, departmentId: 'nope'}, 'error-invalid-department'],
      [first, {roomId: 'nope', userId: second.userId}, 'error-invalid-room'],
      [second, {roomId: visitor.rid, userId: first.userId}, 'error-not-allowed'],
    ];
    for (const [who, body, error] of cases) {
      const res = await forward(who, body);
      assert.deepEqual([res.status, res.body.error], [400, error], JSON.stringify(body));
    }
    assert.equal((await forward(first, {roomId: visitor.rid})).status, 400);
    const rooms = await api(server.url, '/api/v1/livechat/rooms', {
      query: {open: 'true'},
      headers: first.headers,
    });
    assert.ok(rooms.body.rooms.some((r: {_id: string}) => r._id === visitor.rid));
    await api(server.url, '/api/v1/livechat/room.closeByUser', {
      body: {rid: visitor.rid},
      headers: first.headers,
    });
    const closed = await forward(first, {roomId: visitor.rid, userId: second.userId});
    assert.deepEqual([closed.status, closed.body.error], [400, 'error-room-closed']);
  });

  it('closes with a comment and tags, kept with the room', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Yves'});
    const tooMany = await api(server.url, '/api/v1/livechat/room.closeByUser', {
      body: {rid: visitor.rid, tags: Array.from({length: 21}, (_, i) => `t${i}`)},
      headers: first.headers,
    });
    assert.equal(tooMany.status, 400);
    const res = await api(server.url, '/api/v1/livechat/room.closeByUser', {
      body: {rid: visitor.rid, comment: 'Sold a bell', tags: ['sale', ' bell ', 'sale', '']},
      headers: first.headers,
    });
    assert.equal(res.status, 200);
    const {body} = await api(server.url, '/api/v1/livechat/rooms', {
      query: {open: 'false'},
      headers: first.headers,
    });
    const room = body.rooms.find((r: {_id: string}) => r._id === visitor.rid);
    assert.deepEqual(room.tags, ['sale', 'bell']);
    assert.equal(room.lastMessage.t, 'livechat-close');
    assert.equal(room.lastMessage.msg, 'Sold a bell');
  });

  it('lists the departments to transfer to, without their agent lists', async () => {
    const {body} = await api(server.url, '/api/v1/livechat/department', {headers: first.headers});
    assert.deepEqual(
      body.departments.map((d: {_id: string}) => d._id),
      ['workshop'],
    );
    assert.equal('agents' in body.departments[0], false);
  });
});

describe('GET /healthz', () => {
  it('answers ok with the database and the mail outbox', async () => {
    const server = await startTestServer();
    try {
      const {status, body, headers} = await api(server.url, '/healthz');
      assert.equal(status, 200);
      assert.deepEqual(body, {
        status: 'ok',
        db: 'ok',
        mailer: 'file',
        mailPending: 0,
        proxy: 'direct',
      });
      assert.equal(headers.get('cache-control'), 'no-store');
    } finally {
      await server.close();
    }
  });

  it('answers 503 when the database fails', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-health-'));
    const built = await buildServer({dataDir, rateLimit: false});
    try {
      built.ctx.db.close();
      const res = await built.app.inject({method: 'GET', url: '/healthz'});
      assert.equal(res.statusCode, 503);
      const body = res.json();
      assert.equal(body.status, 'error');
      assert.match(body.db, /^error: /);
    } finally {
      await built.app.close();
      await rm(dataDir, {recursive: true, force: true});
    }
  });

  it('reports the reason of a failed mail send', async () => {
    const mailer = new Mailer({
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'shop@example.com',
      outboxDir: tmpdir(),
    });
    assert.equal(mailer.status(), 'ok');
    await assert.rejects(mailer.send({to: 'a@example.com', subject: 's', text: 't'}));
    assert.match(mailer.status(), /^error: .*ECONNREFUSED/);
  });
});
