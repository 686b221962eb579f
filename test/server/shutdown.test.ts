import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {request, type IncomingMessage} from 'node:http';
import {connect} from 'node:net';
import {
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  until,
} from '../helpers/node/server-fixture.js';

/** A visitor message POST whose headers the server has read (it answered 100 Continue). */
async function startMessage(url: string, token: string, rid: string, msg: string) {
  const body = JSON.stringify({token, rid, msg});
  const req = request(`${url}/api/v1/livechat/message`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
    },
  });
  const settled = new Promise<IncomingMessage | Error>((resolve) => {
    req.once('response', resolve);
    req.once('error', resolve);
  });
  await once(req, 'continue');
  req.write(body.slice(0, 10));
  return {finish: () => req.end(body.slice(10)), settled};
}

describe('graceful close', () => {
  it('lets a request under way finish before the server closes', async () => {
    const server = await startTestServer();
    const visitor = await createVisitorWithRoom(server.url);
    const inFlight = await startMessage(server.url, visitor.token, visitor.rid, 'Just in time');
    let isClosed = false;
    const closing = server.close().then(() => (isClosed = true));
    inFlight.finish();
    const res = await inFlight.settled;
    assert.ok(!(res instanceof Error), String(res));
    assert.equal(res.statusCode, 200);
    let text = '';
    for await (const chunk of res) text += chunk;
    assert.equal(JSON.parse(text).message.msg, 'Just in time');
    await closing;
    assert.ok(isClosed);
  });

  it('cuts a request that does not finish within shutdownGraceMs', async () => {
    const server = await startTestServer({shutdownGraceMs: 100});
    const visitor = await createVisitorWithRoom(server.url);
    const stuck = await startMessage(server.url, visitor.token, visitor.rid, 'Never ends');
    await server.close();
    assert.ok((await stuck.settled) instanceof Error, 'the stalled request was cut');
  });

  // Fastify answers an upgrade that arrives while it closes with a 503, on a socket that has
  // already left the HTTP server: unless the server ends it, the close waits for the client.
  it(
    'ends a socket whose upgrade arrives while it closes, within the grace',
    {timeout: 20_000},
    async () => {
      const server = await startTestServer({shutdownGraceMs: 60_000});
      const ddp = await connectDdp(server.url);
      const early = connect({host: '127.0.0.1', port: server.port});
      await once(early, 'connect');
      let answer = '';
      early.on('data', (chunk: Buffer) => (answer += chunk));
      const ended = once(early, 'close');
      const closing = server.close();
      assert.equal((await ddp.closed).code, 1001);
      // Once the port refuses new connections, the server is past the point of answering 503.
      await until(async () => {
        const probe = connect({host: '127.0.0.1', port: server.port});
        const isRefused = await new Promise<boolean>((resolve) => {
          probe.once('connect', () => resolve(false));
          probe.once('error', () => resolve(true));
        });
        probe.destroy();
        return isRefused;
      }, 'the port to close');
      early.write(
        'GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      await ended;
      assert.match(answer, /^HTTP\/1\.1 503 /);
      await closing;
    },
  );
});
