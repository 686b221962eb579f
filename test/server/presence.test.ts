import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import WebSocket from 'ws';
import {LiveChatClient, MemorySessionStore} from '../../src/core/index.js';
import type {ChatClientEvents, SocketLike} from '../../src/core/index.js';
import {DdpConnection} from '../../src/core/transport/ddp.js';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  startTestServer,
  until,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, DdpTestClient, TestServer} from '../helpers/node/server-fixture.js';

const SHOWN = {showOnRegistration: true, showOnOfflineForm: true};
const BOB = {username: 'bob', password: 'bob-password', name: 'Bob Builder'};

/** Node's `ws` as the client's socket (its close while connecting is what used to crash). */
const wsFactory = (url: string) => new WebSocket(url) as unknown as SocketLike;

function recordEvents<K extends keyof ChatClientEvents>(client: LiveChatClient, name: K) {
  const seen: ChatClientEvents[K][] = [];
  client.on(name, (detail) => seen.push(detail));
  return seen;
}

describe('presence between the headless client (Node) and the reference server', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let bob: AgentLogin;
  const clients: LiveChatClient[] = [];
  const sockets: DdpTestClient[] = [];
  const newClient = (store = new MemorySessionStore()) => {
    const client = new LiveChatClient({server: server.url, store, socketFactory: wsFactory});
    clients.push(client);
    return client;
  };

  before(async () => {
    server = await startTestServer({
      agents: [TEST_AGENT, BOB],
      settings: {
        departments: [
          {_id: 'sales', name: 'Sales', ...SHOWN, agents: [TEST_AGENT.username]},
          {_id: 'workshop', name: 'Workshop', ...SHOWN, agents: [BOB.username]},
        ],
      },
    });
    agent = await agentLogin(server.url);
    bob = await agentLogin(server.url, BOB.username, BOB.password);
  });
  after(async () => {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('survives destroy() and disconnect() while the socket is still connecting', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onCrash);
    try {
      const client = newClient();
      const connecting = new Promise<void>((resolve) => {
        client.on('connection-change', ({connection}) => {
          if (connection === 'connecting') resolve();
        });
      });
      void client.start().catch(() => undefined);
      await connecting;
      client.destroy();
      const other = newClient();
      const otherConnecting = new Promise<void>((resolve) => {
        other.on('connection-change', ({connection}) => {
          if (connection === 'connecting') resolve();
        });
      });
      void other.start().catch(() => undefined);
      await otherConnecting;
      other.disconnect();
      // An unreachable address: the socket is closed before its handshake could even fail.
      const ddp = new DdpConnection('ws://127.0.0.1:9/websocket', {socketFactory: wsFactory});
      ddp.connect().catch(() => undefined);
      ddp.close();
      // `ws` reports the aborted handshake on the next tick; let those ticks pass.
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('uncaughtException', onCrash);
    }
    assert.deepEqual(crashes, []);
  });

  it('fires agent-left once on a transfer and once on a close', async () => {
    const client = newClient();
    await client.ready;
    await client.register({name: 'Vera', department: 'sales'});
    const left = recordEvents(client, 'agent-left');
    await client.send('Is my bike ready?');
    await until(() => client.agent?.username === TEST_AGENT.username, 'first agent');
    await client.setDepartment('workshop');
    await until(() => client.agent?.username === BOB.username, 'second agent');
    assert.deepEqual(
      left.map(({agent}) => agent.username),
      [TEST_AGENT.username],
    );

    const rid = client.room!._id;
    const closed = await api(server.url, '/api/v1/livechat/room.closeByUser', {
      body: {rid},
      headers: bob.headers,
    });
    assert.equal(closed.status, 200);
    await until(() => client.state === 'ended', 'chat ended');
    assert.deepEqual(
      left.map(({agent}) => agent.username),
      [TEST_AGENT.username, BOB.username],
    );
  });

  it('tells the visitor when the agent has read, and the agent when the visitor has', async () => {
    const client = newClient();
    await client.ready;
    await client.register({name: 'Ada', department: 'sales'});
    const question = await client.send('Do you fix e-bikes?');
    const rid = client.room!._id;
    await until(() => client.connection === 'connected' && client.agent !== null, 'served');

    const agentRead = new Promise<ChatClientEvents['agent-read']>((resolve) => {
      client.once('agent-read', resolve);
    });
    const read = await api(server.url, '/api/v1/subscriptions.read', {
      body: {rid},
      headers: agent.headers,
    });
    assert.equal(read.status, 200);
    assert.equal((await agentRead).messageId, question.id);
    assert.equal(client.getSnapshot().seenId, question.id);

    const sent = await api(server.url, '/api/v1/chat.sendMessage', {
      body: {message: {rid, msg: 'Yes, we do.'}},
      headers: agent.headers,
    });
    const replyId = sent.body.message._id as string;
    await until(() => client.getTranscript().some((m) => m.id === replyId), 'reply arrives');
    const live = await connectDdp(server.url);
    sockets.push(live);
    await live.call('login', [{resume: agent.authToken}]);
    await live.subscribe('stream-notify-user', [`${agent.userId}/rooms-changed`, {}]);
    await client.markRead();
    const change = await live.nextEvent('stream-notify-user');
    const [action, room] = change.fields.args;
    assert.equal(action, 'updated');
    const replyTs = Date.parse(sent.body.message.ts);
    assert.ok(room.visitorReadUntil.$date > replyTs, 'the reply counts as read');

    // Stored: a reload of the console (the room list) and of the widget still knows both.
    const rooms = await api(server.url, '/api/v1/livechat/rooms', {
      query: {open: 'true'},
      headers: agent.headers,
    });
    const listed = rooms.body.rooms.find((r: {_id: string}) => r._id === rid);
    assert.ok(Date.parse(listed.visitorReadUntil) > replyTs);
    const opened = await api(server.url, '/api/v1/livechat/room', {
      query: {token: client.visitor!.token, rid},
    });
    assert.ok(Date.parse(opened.body.room.agentReadUntil) > question.ts);
  });

  it('relays the draft to the serving agent only, never to a visitor', async () => {
    const client = newClient();
    await client.ready;
    await client.register({name: 'Lin', department: 'sales'});
    await client.send('Hello');
    const rid = client.room!._id;
    await until(() => client.connection === 'connected' && client.agent !== null, 'served');
    const token = client.visitor!.token;
    const eventName = `${rid}/user-activity`;

    const agentDdp = await connectDdp(server.url);
    sockets.push(agentDdp);
    await agentDdp.call('login', [{resume: agent.authToken}]);
    await agentDdp.subscribe('stream-notify-room', [eventName, {useCollection: false, args: [{}]}]);
    // The visitor's second tab follows the same room with the visitor's token.
    const tab = await connectDdp(server.url);
    sockets.push(tab);
    const tabExtra = {useCollection: false, args: [{token, visitorToken: token}]};
    await tab.subscribe('stream-notify-room', [eventName, tabExtra]);

    client.setSneakPeek('My frame number is');
    const toAgent = await agentDdp.nextEvent('stream-notify-room', eventName);
    const toTab = await tab.nextEvent('stream-notify-room', eventName);
    const draft = {sneakPeek: 'My frame number is'};
    assert.deepEqual(toAgent.fields.args.slice(1), [['user-typing'], draft]);
    assert.deepEqual(toTab.fields.args.slice(1), [['user-typing']]);
  });
});

describe('presence on a reference server with sneak peeks switched off', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let client: LiveChatClient;
  let agentDdp: DdpTestClient;
  before(async () => {
    server = await startTestServer({settings: {sneakPeek: false}});
    agent = await agentLogin(server.url);
  });
  after(async () => {
    client?.destroy();
    agentDdp?.close();
    await server.close();
  });

  it('says the visitor is typing, without the draft', async () => {
    client = new LiveChatClient({
      server: server.url,
      store: new MemorySessionStore(),
      socketFactory: wsFactory,
    });
    const config = await client.ready;
    assert.equal(config.settings.sneakPeek, false);
    await client.send('Hi');
    const rid = client.room!._id;
    await until(() => client.connection === 'connected' && client.agent !== null, 'served');
    const eventName = `${rid}/user-activity`;
    agentDdp = await connectDdp(server.url);
    await agentDdp.call('login', [{resume: agent.authToken}]);
    await agentDdp.subscribe('stream-notify-room', [eventName, {useCollection: false, args: [{}]}]);
    client.setSneakPeek('secret draft');
    const event = await agentDdp.nextEvent('stream-notify-room', eventName);
    assert.deepEqual(event.fields.args.slice(1), [['user-typing']]);
  });
});
