import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSays,
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

  it('a visitor who registers and opens a room, then leaves before a link binds, goes offline after the grace', async () => {
    const startedAt = Date.now();
    const visitor = await createVisitorWithRoom(server.url, {name: 'Gone'});
    await roomChange(visitor.rid, 'offline');
    assert.ok(Date.now() - startedAt >= GRACE_MS - 100, 'not before the grace');
    assert.equal(await storedStatus(visitor), 'offline');

    // A message over REST is presence too: online at once, gone again without a socket.
    await visitorSays(server.url, visitor, 'Still there?');
    await roomChange(visitor.rid, 'online');
    await roomChange(visitor.rid, 'offline');
    assert.deepEqual(reported(visitor.rid), ['online', 'offline', 'online', 'offline']);

    // A page whose link binds within the grace stays online past it.
    const staying = await createVisitorWithRoom(server.url, {name: 'Stays'});
    const socket = await visitorSocket(staying);
    const sentinel = await createVisitorWithRoom(server.url, {name: 'Sentinel'});
    // The sentinel's grace started after Stay's: once it is reported gone, Stay's would be too.
    await roomChange(sentinel.rid, 'offline');
    assert.deepEqual(reported(staying.rid), ['online']);
    assert.equal(await storedStatus(staying), 'online');
    socket.close();
    await socket.closed;
    await roomChange(staying.rid, 'offline');
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

describe("a waiting visitor's presence, as the agents watching the queue see it", () => {
  it('the queue is told to refresh when a waiting visitor leaves or comes back; visitors cannot watch it', async () => {
    const server = await startTestServer({
      visitorOfflineGraceMs: GRACE_MS,
      settings: {routing: 'manual'},
    });
    const agentDdp = await connectDdp(server.url);
    const other = await connectDdp(server.url);
    try {
      const agent = await agentLogin(server.url);
      await agentDdp.call('login', [{resume: agent.authToken}]);
      await agentDdp.subscribe('stream-livechat-inquiry-queue-observer', ['public', STREAM]);
      const queued = async () =>
        (
          await api(server.url, '/api/v1/livechat/inquiries.queued', {headers: agent.headers})
        ).body.inquiries.map((i: {rid: string; v: {status: string}}) => [i.rid, i.v.status]);
      const told = () =>
        agentDdp.next((f) => f.collection === 'stream-livechat-inquiry-queue-observer');

      const waiting = await createVisitorWithRoom(server.url, {name: 'Wanda'});
      await told();
      const socket = await connectDdp(server.url);
      await socket.call('livechat:setUpConnection', [{token: waiting.token}]);
      assert.deepEqual(await queued(), [[waiting.rid, 'online']]);

      // Another visitor's socket may not follow the queue.
      const bystander = await createVisitorWithRoom(server.url, {name: 'Bea'});
      await told();
      await other.call('livechat:setUpConnection', [{token: bystander.token}]);
      const refused = await other.subscribe('stream-livechat-inquiry-queue-observer', [
        'public',
        STREAM,
      ]);
      assert.equal(refused.msg, 'nosub');

      const left = told();
      socket.close();
      await socket.closed;
      assert.deepEqual((await left).fields.args, [{clientAction: 'updated', total: 2}]);
      assert.deepEqual(await queued(), [
        [waiting.rid, 'offline'],
        [bystander.rid, 'online'],
      ]);
      const back = told();
      const again = await connectDdp(server.url);
      await again.call('livechat:setUpConnection', [{token: waiting.token}]);
      await back;
      assert.deepEqual((await queued())[0], [waiting.rid, 'online']);
      assert.equal(
        other.frames.filter((f) => f.collection === 'stream-livechat-inquiry-queue-observer')
          .length,
        0,
      );
      again.close();
    } finally {
      agentDdp.close();
      other.close();
      await server.close();
    }
  });
});
