import assert from 'node:assert/strict';
import {connect} from 'node:net';
import type {Socket} from 'node:net';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';

/** Resolves when the server has closed the socket (its 'close' event), with what it answered. */
function closedBy(socket: Socket): Promise<string> {
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('close', () => resolve(answer)));
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('subscriptions per connection', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({subscriptionCaps: {visitor: 5, agent: 8}});
  });
  after(() => server.close());

  it("refuses a visitor's sub past the cap with too-many-subscriptions, keeping the rest", async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      const sub = () =>
        ddp.subscribe('stream-room-messages', [visitor.rid, visitorSubArgs(visitor.token)]);
      for (let i = 0; i < 5; i++) assert.equal((await sub()).msg, 'ready');
      const refused = await sub();
      assert.equal(refused.msg, 'nosub');
      assert.equal(refused.error.error, 'too-many-subscriptions');
      assert.equal(refused.error.details.limit, 5);
      assert.match(refused.error.reason, /At most 5 subscriptions/);
      // The first five still deliver.
      const agent = await agentLogin(server.url);
      await api(server.url, '/api/v1/chat.sendMessage', {
        headers: agent.headers,
        body: {message: {rid: visitor.rid, msg: 'still there'}},
      });
      const event = await ddp.nextEvent('stream-room-messages', visitor.rid);
      assert.equal(event.fields.args[0].msg, 'still there');
      // Ending one makes room for another.
      ddp.send({msg: 'unsub', id: 's1'});
      await ddp.next((f) => f.msg === 'nosub' && f.id === 's1');
      assert.equal((await sub()).msg, 'ready');
    } finally {
      ddp.close();
    }
  });

  it('gives a logged-in agent the larger cap', async () => {
    const agent = await agentLogin(server.url);
    const ddp = await connectDdp(server.url);
    try {
      const login = await ddp.call('login', [{resume: agent.authToken}]);
      assert.equal(login.error, undefined);
      const sub = () => ddp.subscribe('stream-livechat-inquiry-queue-observer', ['public', {}]);
      for (let i = 0; i < 8; i++) assert.equal((await sub()).msg, 'ready');
      assert.equal((await sub()).error?.error, 'too-many-subscriptions');
    } finally {
      ddp.close();
    }
  });
});

describe('HTTP deadlines (slow clients)', {timeout: 20_000}, () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({
      httpTimeouts: {headersMs: 300, requestMs: 600, idleMs: 400, keepAliveMs: 200},
    });
  });
  after(() => server.close());

  it('closes a connection that sends its headers byte by byte', async () => {
    const socket = await openSocket(server.port);
    const closed = closedBy(socket);
    const request =
      'GET /api/v1/livechat/config HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(10_000);
    let i = 0;
    // One byte per 20 ms: never idle, never finished.
    const drip = setInterval(() => {
      if (!socket.destroyed && i < request.length) socket.write(request[i++]);
    }, 20);
    try {
      const answer = await closed;
      assert.ok(i < request.length, 'closed before the headers could finish');
      assert.match(answer, /^$|^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
  });

  it('closes a connection that trickles its body, and one that goes silent', async () => {
    const slowBody = await openSocket(server.port);
    const silent = await openSocket(server.port);
    const slowClosed = closedBy(slowBody);
    const silentClosed = closedBy(silent);
    slowBody.write(
      'POST /api/v1/livechat/visitor HTTP/1.1\r\nHost: x\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    );
    silent.write(
      'POST /api/v1/livechat/visitor HTTP/1.1\r\nHost: x\r\n' +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    let sent = 1;
    const drip = setInterval(() => {
      if (!slowBody.destroyed) slowBody.write(' ');
      sent++;
    }, 20);
    try {
      await Promise.all([slowClosed, silentClosed]);
      assert.ok(sent < 100_000, 'closed before the body could finish');
    } finally {
      clearInterval(drip);
    }
  });

  it('closes an idle keep-alive connection, and still serves normal requests', async () => {
    const socket = await openSocket(server.port);
    const closed = closedBy(socket);
    socket.write('GET /api/v1/livechat/config HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await closed;
    assert.match(answer, /^HTTP\/1\.1 200/);
    assert.equal((await api(server.url, '/api/v1/livechat/config')).status, 200);
  });

  it('leaves WebSocket connections to the DDP heartbeat', async () => {
    const ddp = await connectDdp(server.url);
    try {
      // Two silent connections closed one after the other: longer than every HTTP deadline
      // above has passed, and the WebSocket, silent as long, still answers.
      for (let i = 0; i < 2; i++) await closedBy(await openSocket(server.port));
      ddp.send({msg: 'ping', id: 'alive'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'alive'});
    } finally {
      ddp.close();
    }
  });
});
