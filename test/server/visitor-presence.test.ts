import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {
  AgentLogin,
  DdpTestClient,
  Frame,
  TestServer,
  TestVisitor,
} from '../helpers/node/server-fixture.js';

const GRACE_MS = 1500;
const STREAM = {useCollection: false, args: [{}]};

describe("the visitor's presence, as the serving agent sees it (livechat:setUpConnection)", () => {
  let server: TestServer;
  let agent: AgentLogin;
  let agentDdp: DdpTestClient;

  before(async () => {
    server = await startTestServer({visitorOfflineGraceMs: GRACE_MS});
    agent = await agentLogin(server.url);
    agentDdp = await connectDdp(server.url);
    await agentDdp.call('login', [{resume: agent.authToken}]);
    await agentDdp.subscribe('stream-notify-user', [`${agent.userId}/rooms-changed`, STREAM]);
    agentDdp.frames.length = 0;
  });
  after(async () => {
    agentDdp.close();
    await server.stop();
  });

  /** Resolves with the next `rooms-changed` of `rid` whose visitor status is `status`. */
  const roomChange = (rid: string, status: string) =>
    agentDdp.next(
      (f) =>
        isRoomChange(f) && f.fields.args[1]._id === rid && f.fields.args[1].v.status === status,
    );
  const isRoomChange = (f: Frame) =>
    f.msg === 'changed' && f.fields?.eventName === `${agent.userId}/rooms-changed`;
  /** The visitor statuses the agent's room changes of `rid` went through (repeats dropped). */
  const reported = (rid: string) =>
    agentDdp.frames
      .filter((f) => isRoomChange(f) && f.fields.args[1]._id === rid)
      .map((f) => f.fields.args[1].v.status as string)
      .filter((status, i, all) => status !== all[i - 1]);

  /** A visitor socket bound to `visitor`'s token. */
  async function visitorSocket(visitor: TestVisitor): Promise<DdpTestClient> {
    const socket = await connectDdp(server.url);
    const answer = await socket.call('livechat:setUpConnection', [{token: visitor.token}]);
    assert.equal(answer.error, undefined);
    return socket;
  }
  const storedStatus = async (visitor: TestVisitor) =>
    (await api(server.url, `/api/v1/livechat/visitor/${visitor.token}`)).body.visitor.status;

  it('goes offline once the last socket has been closed for the grace, typing stops, and comes back online', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Vera'});
    const activity = `${visitor.rid}/user-activity`;
    await agentDdp.subscribe('stream-notify-room', [activity, STREAM]);
    const first = await visitorSocket(visitor);
    // Two tabs' sockets: the visitor is still there while one of them is open.
    const second = await visitorSocket(visitor);
    await first.call('stream-notify-room', [
      activity,
      visitor.visitor.username,
      ['user-typing'],
      {token: visitor.token},
    ]);
    await agentDdp.nextEvent('stream-notify-room', activity);
    first.close();
    await first.closed;
    second.close();
    await second.closed;
    const closedAt = Date.now();

    const stopped = agentDdp.nextEvent('stream-notify-room', activity);
    const offline = await roomChange(visitor.rid, 'offline');
    assert.ok(Date.now() - closedAt >= GRACE_MS - 100, 'not before the grace');
    assert.deepEqual((await stopped).fields.args, [visitor.visitor.username, []]);
    assert.equal(offline.fields.args[0], 'updated');
    assert.equal(await storedStatus(visitor), 'offline');
    const rooms = await api(server.url, '/api/v1/livechat/rooms', {
      headers: agent.headers,
      query: {open: 'true'},
    });
    const listed = rooms.body.rooms.find((room: {_id: string}) => room._id === visitor.rid);
    assert.equal(listed.v.status, 'offline', 'a reloaded console sees it too');

    const back = await visitorSocket(visitor);
    await roomChange(visitor.rid, 'online');
    assert.equal(await storedStatus(visitor), 'online');
    back.close();
    await back.closed;
    await roomChange(visitor.rid, 'offline');
    assert.deepEqual(reported(visitor.rid), ['online', 'offline', 'online', 'offline']);
  });

  it('a socket back within the grace (a reload) never shows the visitor leaving', async () => {
    const reloading = await createVisitorWithRoom(server.url, {name: 'Rita'});
    const leaving = await createVisitorWithRoom(server.url, {name: 'Leo'});
    const before = await visitorSocket(reloading);
    const sentinel = await visitorSocket(leaving);
    before.close();
    await before.closed;
    sentinel.close();
    await sentinel.closed;
    const after = await visitorSocket(reloading);
    // Leo's grace started after Rita's: once he is reported gone, Rita's would have been too.
    await roomChange(leaving.rid, 'offline');
    assert.deepEqual(reported(reloading.rid), ['online']);
    assert.equal(await storedStatus(reloading), 'online');
    after.close();
    await after.closed;
    await roomChange(reloading.rid, 'offline');
  });

  it('a status the visitor reports over REST (visitor.status) reaches the agent too', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Ada'});
    const away = roomChange(visitor.rid, 'away');
    const answer = await api(server.url, '/api/v1/livechat/visitor.status', {
      body: {token: visitor.token, status: 'away'},
    });
    assert.equal(answer.status, 200);
    assert.equal((await away).fields.args[0], 'updated');
  });

  it('after a restart a visitor counts as gone until their page binds again', async () => {
    const restarted = await startTestServer({visitorOfflineGraceMs: GRACE_MS});
    try {
      const visitor = await createVisitorWithRoom(restarted.url, {name: 'Otto'});
      const status = async () =>
        (await api(restarted.url, `/api/v1/livechat/visitor/${visitor.token}`)).body.visitor.status;
      const socket = await connectDdp(restarted.url);
      await socket.call('livechat:setUpConnection', [{token: visitor.token}]);
      await restarted.restart();
      assert.equal(await status(), 'offline');
      const back = await connectDdp(restarted.url);
      await back.call('livechat:setUpConnection', [{token: visitor.token}]);
      assert.equal(await status(), 'online');
      back.close();
    } finally {
      await restarted.close();
    }
  });

  it('binds a token once per socket, and ignores unknown tokens', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Tabitha'});
    const socket = await visitorSocket(visitor);
    // The tabs of a site share one socket, and each sends it.
    await socket.call('livechat:setUpConnection', [{token: visitor.token}]);
    const unknown = await socket.call('livechat:setUpConnection', [{token: 'no-such-visitor'}]);
    assert.equal(unknown.error, undefined);
    socket.close();
    await socket.closed;
    await roomChange(visitor.rid, 'offline');
    const refused = await connectDdp(server.url);
    const bad = await refused.call('livechat:setUpConnection', [{}]);
    assert.equal(bad.error?.error, 400);
    refused.close();
  });
});
