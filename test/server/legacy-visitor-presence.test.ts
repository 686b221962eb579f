import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {MAX_VISITORS_PER_SOCKET} from '../../src/server/ddp/visitor-binding.js';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, DdpTestClient, Frame, TestServer} from '../helpers/node/server-fixture.js';

const GRACE_MS = 1500;
const STREAM = {useCollection: false, args: [{}]};
const newToken = () => randomBytes(16).toString('hex');

// Older widgets speak only DDP and never call livechat:setUpConnection: their presence follows
// the socket on which they use their token.
describe('the presence of a visitor whose client never calls livechat:setUpConnection', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let agentDdp: DdpTestClient;

  before(async () => {
    server = await startTestServer({visitorOfflineGraceMs: GRACE_MS});
    agent = await agentLogin(server.url);
    agentDdp = await connectDdp(server.url);
    await agentDdp.call('login', [{resume: agent.authToken}]);
    await agentDdp.subscribe('stream-notify-user', [`${agent.userId}/rooms-changed`, STREAM]);
  });
  after(async () => {
    agentDdp.close();
    await server.close();
  });

  const isRoomChange = (f: Frame, rid: string) =>
    f.msg === 'changed' &&
    f.fields?.eventName === `${agent.userId}/rooms-changed` &&
    f.fields.args[1]._id === rid;
  const roomChange = (rid: string, status: string) =>
    agentDdp.next((f) => isRoomChange(f, rid) && f.fields.args[1].v.status === status);
  /** The visitor statuses the agent saw for `rid`, repeats dropped. */
  const reported = (rid: string) =>
    agentDdp.frames
      .filter((f) => isRoomChange(f, rid))
      .map((f) => f.fields.args[1].v.status as string)
      .filter((status, i, all) => status !== all[i - 1]);
  const storedStatus = async (token: string) =>
    (await api(server.url, `/api/v1/livechat/visitor/${token}`)).body.visitor.status;
  const closeSocket = async (socket: DdpTestClient) => {
    socket.close();
    await socket.closed;
    return Date.now();
  };

  it('a DDP-only client (registerGuest, sendMessageLivechat, room subscription) goes offline a grace after its socket closes', async () => {
    const token = newToken();
    const socket = await connectDdp(server.url);
    await socket.call('livechat:registerGuest', [{token, name: 'Olga'}]);
    const sent = await socket.call('sendMessageLivechat', [
      {_id: newToken(), rid: newToken(), msg: 'Hello from an old widget', token},
    ]);
    const rid = sent.result.rid as string;
    const ready = await socket.subscribe('stream-room-messages', [rid, visitorSubArgs(token)]);
    assert.equal(ready.msg, 'ready');
    const open = await api(server.url, '/api/v1/livechat/rooms', {
      headers: agent.headers,
      query: {open: 'true'},
    });
    const listed = open.body.rooms.find((room: {_id: string}) => room._id === rid);
    assert.equal(listed.v.status, 'online');

    const closedAt = await closeSocket(socket);
    await roomChange(rid, 'offline');
    assert.ok(Date.now() - closedAt >= GRACE_MS - 100, 'not before the grace');
    assert.equal(await storedStatus(token), 'offline');
    assert.deepEqual(reported(rid), ['online', 'offline']);
  });

  it('a page that only follows its room with the token keeps the visitor online while it is open', async () => {
    const staying = await createVisitorWithRoom(server.url, {name: 'Sam'});
    const socket = await connectDdp(server.url);
    const ready = await socket.subscribe('stream-room-messages', [
      staying.rid,
      visitorSubArgs(staying.token),
    ]);
    assert.equal(ready.msg, 'ready');
    // Its REST requests started a grace; the socket holds the visitor past it. The sentinel's
    // grace started later: once it is reported gone, Sam's would have been too.
    const sentinel = await createVisitorWithRoom(server.url, {name: 'Sentinel'});
    await roomChange(sentinel.rid, 'offline');
    assert.equal(await storedStatus(staying.token), 'online');
    assert.deepEqual(reported(staying.rid), ['online']);

    const closedAt = await closeSocket(socket);
    await roomChange(staying.rid, 'offline');
    assert.ok(Date.now() - closedAt >= GRACE_MS - 100, 'not before the grace');
  });

  it(`one socket holds at most ${MAX_VISITORS_PER_SOCKET} visitors online; further ones only for the grace`, async () => {
    const socket = await connectDdp(server.url);
    const tokens = Array.from({length: MAX_VISITORS_PER_SOCKET + 1}, newToken);
    for (const token of tokens) await socket.call('livechat:registerGuest', [{token}]);
    const extra = tokens.at(-1)!;
    const sent = await socket.call('sendMessageLivechat', [
      {_id: newToken(), rid: newToken(), msg: 'One too many', token: extra},
    ]);
    await roomChange(sent.result.rid, 'offline');
    assert.equal(await storedStatus(tokens[0]), 'online', 'the socket still holds the first');
    await closeSocket(socket);
  });
});
