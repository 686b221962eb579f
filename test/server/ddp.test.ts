import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  liveReply,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';

const NOT_ALLOWED = {
  isClientSafe: true,
  error: 'not-allowed',
  reason: 'Not allowed',
  message: 'Not allowed [not-allowed]',
  errorType: 'Meteor.Error',
};

describe('DDP endpoint', () => {
  let server: TestServer;
  let agent: AgentLogin;
  before(async () => {
    server = await startTestServer();
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  it('greets, connects with a session and answers pings with their id', async () => {
    const ddp = await connectDdp(server.url);
    try {
      assert.deepEqual(ddp.frames[0], {server_id: '0'});
      const connected = ddp.frames.find((f) => f.msg === 'connected');
      assert.equal(typeof connected?.session, 'string');
      ddp.send({msg: 'ping', id: 'abc'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'abc'});
      ddp.send({msg: 'ping'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong'});
    } finally {
      ddp.close();
    }
  });

  it('refuses an unsupported DDP version with failed', async () => {
    const ddp = await connectDdp(server.url, {handshake: false});
    ddp.send({msg: 'connect', version: '42', support: ['42']});
    assert.deepEqual(await ddp.next((f) => f.msg === 'failed'), {msg: 'failed', version: '1'});
    await ddp.closed;
  });

  it('answers an unknown method with a 404 Meteor.Error, then updated', async () => {
    const ddp = await connectDdp(server.url);
    try {
      // Rocket.Chat 5+ answers `livechat:getInitialData` like this; ours still has it.
      const result = await ddp.call('livechat:getVideoCallInfo', ['token']);
      assert.deepEqual(result.error, {
        isClientSafe: true,
        error: 404,
        reason: "Method 'livechat:getVideoCallInfo' not found",
        message: "Method 'livechat:getVideoCallInfo' not found [404]",
        errorType: 'Meteor.Error',
      });
      const updated = await ddp.next((f) => f.msg === 'updated');
      assert.deepEqual(updated.methods, [result.id]);
    } finally {
      ddp.close();
    }
  });

  it('survives malformed frames and still answers afterwards', async () => {
    const ddp = await connectDdp(server.url);
    try {
      ddp.sendRaw('{not json');
      assert.equal((await ddp.next((f) => f.msg === 'error')).msg, 'error');
      ddp.sendRaw(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
      assert.equal((await ddp.next((f) => f.msg === 'error')).msg, 'error');
      ddp.send({msg: 'method', id: 7, method: ['x']});
      assert.equal((await ddp.next((f) => f.msg === 'error')).reason, 'Bad request');
      ddp.send({msg: 'sub', id: 'bad', name: 'stream-room-messages', params: [{$gt: ''}]});
      assert.deepEqual((await ddp.next((f) => f.msg === 'nosub')).error, NOT_ALLOWED);
      ddp.send({no: 'msg'});
      ddp.send([1, 2, 3]);
      ddp.send({msg: 'ping', id: 'still-alive'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'still-alive'});
    } finally {
      ddp.close();
    }
  });

  it('asks for connect before anything else', async () => {
    const ddp = await connectDdp(server.url, {handshake: false});
    try {
      ddp.send({msg: 'sub', id: 's', name: 'stream-room-messages', params: ['x']});
      assert.equal((await ddp.next((f) => f.msg === 'error')).reason, 'Must connect first');
    } finally {
      ddp.close();
    }
  });

  it('closes a connection sending a frame over 64 KiB with 1009', async () => {
    const ddp = await connectDdp(server.url);
    ddp.sendRaw(JSON.stringify({msg: 'ping', id: 'x'.repeat(70 * 1024)}));
    assert.equal((await ddp.closed).code, 1009);
    const fresh = await connectDdp(server.url);
    fresh.close();
  });

  it('delivers an agent reply to the visitor on stream-room-messages with $date', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      const message = await liveReply(server.url, agent, visitor, ddp, 'We are on it');
      assert.equal(message.msg, 'We are on it');
      assert.equal(message.u.username, TEST_AGENT.username);
      assert.equal(typeof message.ts.$date, 'number');
    } finally {
      ddp.close();
    }
  });

  it('refuses a visitor sub with a wrong or missing token', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const other = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      for (const [name, params] of [
        ['stream-room-messages', [visitor.rid, visitorSubArgs(other.token)]],
        ['stream-room-messages', [visitor.rid, {useCollection: false, args: []}]],
        ['stream-livechat-room', [visitor.rid, visitorSubArgs('guess')]],
        ['stream-notify-room', [`${visitor.rid}/user-activity`, visitorSubArgs(other.token)]],
        ['stream-notify-user', [`${agent.userId}/rooms-changed`, visitorSubArgs(visitor.token)]],
      ] as const) {
        const answer = await ddp.subscribe(name, [...params]);
        assert.equal(answer.msg, 'nosub', `${name} must be refused`);
        assert.deepEqual(answer.error, NOT_ALLOWED);
      }
    } finally {
      ddp.close();
    }
  });

  it('relays typing between visitor and agent without leaking the token', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const visitorDdp = await connectDdp(server.url);
    const agentDdp = await connectDdp(server.url);
    try {
      const login = await agentDdp.call('login', [{resume: agent.authToken}]);
      assert.equal(login.result.id, agent.userId);
      assert.equal(login.result.type, 'resume');
      assert.equal(typeof login.result.tokenExpires.$date, 'number');
      const activity = `${visitor.rid}/user-activity`;
      const sub = await agentDdp.subscribe('stream-notify-room', [activity, false]);
      assert.equal(sub.msg, 'ready');
      const write = await visitorDdp.call('stream-notify-room', [
        activity,
        'someone-else',
        ['user-typing'],
        {token: visitor.token},
      ]);
      assert.equal('error' in write, false);
      assert.equal('result' in write, false);
      const event = await agentDdp.nextEvent('stream-notify-room', activity);
      assert.deepEqual(event.fields.args, [visitor.room.v.username, ['user-typing']]);
      const forged = await visitorDdp.call('stream-notify-room', [
        activity,
        'x',
        ['user-typing'],
        {token: 'wrong'},
      ]);
      assert.deepEqual(forged.error, NOT_ALLOWED);
    } finally {
      visitorDdp.close();
      agentDdp.close();
    }
  });

  it('feeds a logged-in agent new rooms and every message of their rooms', async () => {
    const ddp = await connectDdp(server.url);
    try {
      await ddp.call('login', [{resume: agent.authToken}]);
      const feed = await ddp.subscribe('stream-room-messages', ['__agent__', false]);
      assert.equal(feed.msg, 'ready');
      const rooms = await ddp.subscribe('stream-notify-user', [
        `${agent.userId}/rooms-changed`,
        false,
      ]);
      assert.equal(rooms.msg, 'ready');
      const visitor = await createVisitorWithRoom(server.url, {name: 'Gus'});
      const inserted = await ddp.next((f) => f.fields?.args?.[0] === 'inserted');
      assert.equal(inserted.fields.args[1]._id, visitor.rid);
      assert.equal(inserted.fields.args[1].fname, 'Gus');
      await api(server.url, '/api/v1/livechat/message', {
        body: {token: visitor.token, rid: visitor.rid, msg: 'Hi agent'},
      });
      const message = await ddp.next(
        (f) => f.fields?.eventName === '__agent__' && f.fields.args[0].msg === 'Hi agent',
      );
      assert.equal(message.fields.args[0].rid, visitor.rid);
    } finally {
      ddp.close();
    }
  });

  it('tells the visitor when the agent becomes unavailable', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      const sub = await ddp.subscribe('stream-livechat-room', [
        visitor.rid,
        visitorSubArgs(visitor.token),
      ]);
      assert.equal(sub.msg, 'ready');
      await api(server.url, '/api/v1/livechat/agent.status', {
        headers: agent.headers,
        body: {status: 'not-available'},
      });
      const event = await ddp.nextEvent('stream-livechat-room', visitor.rid);
      assert.deepEqual(event.fields.args, [{type: 'agentStatus', status: 'away'}]);
    } finally {
      await api(server.url, '/api/v1/livechat/agent.status', {
        headers: agent.headers,
        body: {status: 'available'},
      });
      ddp.close();
    }
  });

  it('refuses a bad resume token with 403', async () => {
    const ddp = await connectDdp(server.url);
    try {
      const result = await ddp.call('login', [{resume: 'not-a-token'}]);
      assert.equal(result.error.error, 403);
    } finally {
      ddp.close();
    }
  });
});

describe('DDP heartbeat and origin', () => {
  it('pings a silent client and drops it when it stays silent', async () => {
    const server = await startTestServer({heartbeat: {pingAfterMs: 50, timeoutMs: 200}});
    try {
      const ddp = await connectDdp(server.url, {autoPong: false});
      assert.deepEqual(await ddp.next((f) => f.msg === 'ping'), {msg: 'ping'});
      assert.equal((await ddp.closed).code, 4000);
      const lively = await connectDdp(server.url);
      await lively.next((f) => f.msg === 'ping');
      lively.send({msg: 'ping', id: 'after-ping'});
      const pong = await lively.next((f) => f.msg === 'pong');
      assert.deepEqual(pong, {msg: 'pong', id: 'after-ping'});
      lively.close();
    } finally {
      await server.close();
    }
  });

  it('refuses upgrades from an origin outside the allowlist', async () => {
    const server = await startTestServer({allowedOrigins: ['https://shop.example']});
    try {
      await assert.rejects(
        connectDdp(server.url, {headers: {origin: 'https://evil.example'}}),
        /403/,
      );
      const allowed = await connectDdp(server.url, {headers: {origin: 'https://shop.example'}});
      allowed.close();
    } finally {
      await server.close();
    }
  });
});
