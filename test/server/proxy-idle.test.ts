import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {startForwardingProxy} from '../helpers/node/forwarding-proxy.js';
import {
  agentLogin,
  agentPosts,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  until,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';

describe('an idle WebSocket behind a proxy that cuts idle links', () => {
  it('keeps a silent visitor socket through the proxy: the heartbeat is traffic', async () => {
    // The same ratio as 25 s pings under a 60 s proxy timeout, at 1/100 of the time.
    const server = await startTestServer({heartbeat: {pingAfterMs: 250, timeoutMs: 5_000}});
    const proxy = await startForwardingProxy(server.port, {idleMs: 600});
    const visitor = await createVisitorWithRoom(server.url);
    const socket = await connectDdp(proxy.url);
    try {
      const sub = await socket.subscribe('stream-room-messages', [
        visitor.rid,
        visitorSubArgs(visitor.token),
      ]);
      assert.equal(sub.msg, 'ready');
      // Silent but for answering pings, until twelve pings (at least 3 s: five proxy timeouts).
      const pings = () => socket.frames.filter((f) => f.msg === 'ping').length;
      await until(() => pings() >= 12, 'twelve server pings');
      assert.equal(proxy.cuts, 0, 'the proxy never saw the link idle');
      const agent = await agentLogin(server.url);
      await agentPosts(server.url, agent, visitor.rid, 'Still there?');
      const event = await socket.nextEvent('stream-room-messages');
      assert.equal(event.fields.args[0].msg, 'Still there?', 'delivered on the same socket');
      assert.equal(proxy.links, 1);
    } finally {
      socket.close();
      await proxy.close();
      await server.close();
    }
  });

  it('a link the proxy cuts closes at once on the client: never silently lost', async () => {
    // Pings rarer than the proxy's timeout: the proxy cuts, and the client is told (1006).
    const server = await startTestServer({heartbeat: {pingAfterMs: 5_000, timeoutMs: 20_000}});
    const proxy = await startForwardingProxy(server.port, {idleMs: 300});
    const socket = await connectDdp(proxy.url);
    try {
      const closed = await socket.closed;
      assert.equal(closed.code, 1006);
      assert.equal(proxy.cuts, 1);
      await until(() => server.openSockets() === 0, 'the server to see the close too');
    } finally {
      socket.close();
      await proxy.close();
      await server.close();
    }
  });
});
