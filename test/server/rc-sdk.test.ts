import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {Livechat} from '@rocket.chat/sdk';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, DdpTestClient, TestServer} from '../helpers/node/server-fixture.js';

interface SdkMessage {
  _id: string;
  rid: string;
  msg: string;
  t?: string;
  ts: Date;
  u: {_id: string; username: string};
}

/** Resolves with the first value `register` hands its callback that passes `test`. */
function firstMatching<T>(register: (cb: (value: T) => void) => void, test: (v: T) => boolean) {
  return new Promise<T>((resolve) => {
    register((value) => {
      if (test(value)) resolve(value);
    });
  });
}

// A client nobody here wrote: Rocket.Chat's own JS SDK (1.0.0-alpha.42, the one the old
// Livechat widget used), REST through global fetch and DDP through ws, against our server.
describe('@rocket.chat/sdk Livechat client against the reference server', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let agentDdp: DdpTestClient;
  let client: InstanceType<typeof Livechat>;
  before(async () => {
    server = await startTestServer({settings: {title: 'Bike shop'}});
    agent = await agentLogin(server.url);
    agentDdp = await connectDdp(server.url);
    await agentDdp.call('login', [{resume: agent.authToken}]);
    client = new Livechat({host: server.url, protocol: 'ddp'});
  });
  after(async () => {
    await client?.disconnect();
    agentDdp?.close();
    await server.close();
  });

  it('holds a whole conversation: config to closeChat', async () => {
    const config = await client.config();
    assert.equal(config.theme.title, 'Bike shop');
    assert.equal(config.online, true);

    const token = randomBytes(16).toString('hex');
    const visitor = await client.grantVisitor({visitor: {token, name: 'Sam SDK'}});
    assert.equal(visitor.token, token);
    assert.equal(client.credentials.token, token);

    const room = await client.room();
    assert.equal(room.v.token, token);
    const rid = room._id as string;

    const sent = await client.sendMessage({
      _id: 'sdkMessage000001',
      rid,
      msg: 'Hello from the SDK',
      token,
    });
    assert.equal(sent.message.msg, 'Hello from the SDK');
    const messages = await client.loadMessages(rid);
    assert.equal(messages[0].msg, 'Hello from the SDK', 'newest first');

    await client.connect({});
    await client.subscribeRoom(rid);
    const agentChanges: unknown[] = [];
    await client.onAgentChange(rid, (data: unknown) => agentChanges.push(data));
    // The SDK types its callbacks as (error, data); at run time they get the data first.
    const reply = firstMatching<SdkMessage>(
      (cb) => void client.onMessage(cb as never),
      (m) => m.msg === 'How can I help?',
    );
    await api(server.url, '/api/v1/chat.sendMessage', {
      headers: agent.headers,
      body: {message: {rid, msg: 'How can I help?'}},
    });
    const received = await reply;
    assert.equal(received.u.username, TEST_AGENT.username);
    assert.ok(received.ts instanceof Date, 'the SDK turns {$date} into a Date');

    const activity = `${rid}/user-activity`;
    await agentDdp.subscribe('stream-notify-room', [activity, visitorSubArgs('')]);
    const typing = agentDdp.nextEvent('stream-notify-room', activity);
    await client.notifyVisitorTyping(rid, visitor.username, true);
    assert.deepEqual((await typing).fields.args, [visitor.username, ['user-typing']]);
    const agentTyping = firstMatching<[string, boolean]>(
      (cb) =>
        void client.onTyping(((username: string, isTyping: boolean) =>
          cb([username, isTyping])) as never),
      ([username]) => username === TEST_AGENT.username,
    );
    await agentDdp.call('stream-notify-room', [activity, TEST_AGENT.username, ['user-typing'], {}]);
    assert.deepEqual(await agentTyping, [TEST_AGENT.username, true]);

    const closing = firstMatching<SdkMessage>(
      (cb) => void client.onMessage(cb as never),
      (m) => m.t === 'livechat-close',
    );
    const closed = await client.closeChat({rid});
    assert.deepEqual(closed, {rid, comment: 'Closed by visitor', success: true});
    assert.equal((await closing).msg, 'Closed by visitor');
    assert.deepEqual(agentChanges, [], 'no agent change during a plain chat');
  });
});
