import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import WebSocket from 'ws';
import {buildServer} from '../../src/server/app.js';
import {channels} from '../../src/server/ddp/streams.js';
import {
  TEST_AGENT,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import {matching, assertShape} from '../helpers/node/shape.js';

const TOO_MANY = matching(
  new RegExp(
    '^Error, too many requests\\. Please slow down\\. ' +
      'You must wait \\d+ seconds before trying this endpoint again\\. ' +
      '\\[error-too-many-requests\\]$',
  ),
);

describe("floods hit Rocket.Chat's limits (S13)", () => {
  it('limits messages per route and visitor token, and the offline form to 3 per 5 s per address', async () => {
    const server = await startTestServer({rateLimit: true});
    try {
      const visitor = await createVisitorWithRoom(server.url);
      const send = (i: number) =>
        api(server.url, '/api/v1/livechat/message', {
          body: {token: visitor.token, rid: visitor.rid, msg: `flood ${i}`},
        });
      for (let i = 0; i < 10; i++) assert.equal((await send(i)).status, 200);
      const refused = await send(10);
      assert.equal(refused.status, 429);
      assertShape(refused.body, {success: false, error: TOO_MANY}, {exact: true});
      const offline = () =>
        api(server.url, '/api/v1/livechat/offline.message', {
          body: {name: 'Flo', email: 'flo@example.com', message: 'Hello?'},
        });
      for (let i = 0; i < 3; i++) assert.equal((await offline()).status, 200);
      assert.equal((await offline()).status, 429);
    } finally {
      await server.close();
    }
  });

  it('takes configured limits, and refuses a typing flood without dropping the socket', async () => {
    const server = await startTestServer({
      rateLimit: {pageLoad: {max: 2, windowMs: 60_000}, ddp: {max: 3, windowMs: 10_000}},
    });
    const ddp = await connectDdp(server.url);
    try {
      const visitor = await createVisitorWithRoom(server.url);
      const config = () =>
        api(server.url, '/api/v1/livechat/config', {query: {token: visitor.token}});
      assert.equal((await config()).status, 200);
      assert.equal((await config()).status, 200);
      assert.equal((await config()).status, 429);
      const typing = () =>
        ddp.call('stream-notify-room', [
          `${visitor.rid}/user-activity`,
          'me',
          ['user-typing'],
          {token: visitor.token},
        ]);
      for (let i = 0; i < 3; i++) assert.equal('error' in (await typing()), false);
      assert.equal((await typing()).error.error, 'too-many-requests');
      ddp.send({msg: 'ping', id: 'still-here'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'still-here'});
    } finally {
      ddp.close();
      await server.close();
    }
  });
});

describe('socket robustness', () => {
  for (const [where, socketProcesses] of [
    ['', 0],
    [' (in a socket process)', 2],
  ] as const) {
    it(`L4: terminates a consumer that stops reading once ~1 MiB is buffered${where}`, async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-slow-'));
      const built = await buildServer({
        dataDir,
        agents: [TEST_AGENT],
        rateLimit: false,
        socketProcesses,
      });
      await built.app.listen({port: 0, host: '127.0.0.1'});
      const address = built.app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      try {
        const visitor = await createVisitorWithRoom(url);
        const slow = new WebSocket(`${url.replace('http', 'ws')}/websocket`);
        const ready = new Promise<void>((resolve) =>
          slow.on('message', (data) => {
            if (String(data).includes('"ready"')) resolve();
          }),
        );
        await new Promise((resolve) => slow.once('open', resolve));
        slow.send(JSON.stringify({msg: 'connect', version: '1', support: ['1']}));
        slow.send(
          JSON.stringify({
            msg: 'sub',
            id: 's',
            name: 'stream-room-messages',
            params: [visitor.rid, visitorSubArgs(visitor.token)],
          }),
        );
        await ready;
        // Stop reading: the kernel buffers fill, then ws buffers in memory.
        (slow as unknown as {_socket: {pause(): void}})._socket.pause();
        const healthy = await connectDdp(url);
        const payload = {_id: 'big', rid: visitor.rid, msg: 'x'.repeat(60_000)};
        let published = 0;
        while (built.ddp.connections.size > 1 && published < 2000) {
          for (let i = 0; i < 20; i++) {
            built.ctx.streams.publish(channels.roomMessages(visitor.rid), [payload]);
          }
          published += 20;
          await new Promise((resolve) => setImmediate(resolve));
        }
        assert.equal(built.ddp.connections.size, 1, 'only the healthy socket is left');
        healthy.send({msg: 'ping', id: 'ok'});
        assert.deepEqual(await healthy.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'ok'});
        healthy.close();
        slow.terminate();
      } finally {
        await built.ddp.close();
        await built.app.close();
        await rm(dataDir, {recursive: true, force: true});
      }
    });
  }

  it('L5: deep nesting, huge numbers and unknown messages get an error frame, no crash', async () => {
    const server = await startTestServer();
    const ddp = await connectDdp(server.url);
    try {
      ddp.sendRaw(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      ddp.sendRaw('{"msg":"method","id":"n","method":"livechat:getInitialData","params":[1e999]}');
      assert.ok(await ddp.next((f) => f.msg === 'result' && f.id === 'n'));
      ddp.send({msg: 'hello', id: 'x'});
      assert.equal((await ddp.next((f) => f.msg === 'error')).reason, 'Bad request');
      ddp.send({
        msg: 'method',
        id: 'deep',
        method: 'livechat:registerGuest',
        params: [JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`)],
      });
      assert.ok((await ddp.next((f) => f.msg === 'result' && f.id === 'deep')).error);
      ddp.send({msg: 'ping', id: 'alive'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'alive'});
    } finally {
      ddp.close();
      await server.close();
    }
  });
});
