import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {request, type IncomingMessage} from 'node:http';
import {createVisitorWithRoom, startTestServer} from '../helpers/node/server-fixture.js';

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
});
