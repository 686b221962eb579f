import assert from 'node:assert/strict';
import {fork} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer} from 'node:http';
import type {Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import WebSocket from 'ws';
import {FRAME_MAX_BYTES} from '../../src/core/protocol/limits.js';
import {buildServer} from '../../src/server/app.js';
import {channels} from '../../src/server/ddp/streams.js';
import type {AdoptMessage, CoreToEdge, EdgeToCore} from '../../src/server/ddp/socket-process.js';
import {SOCKET_BUDGET_CHARS} from '../../src/server/ddp/socket-process.js';
import {wantsAck} from '../../src/server/ddp/ipc-flow.js';
import {
  TEST_AGENT,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  until,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import {socketProcessesOf} from '../helpers/node/socket-processes.js';

const FLOOD_FRAMES = 400;
const PAD = 'x'.repeat(60_000);
/** The budget, the frame that crosses it, and what ws had read before the pause took hold. */
const SOCKET_BOUND = SOCKET_BUDGET_CHARS + 2 * FRAME_MAX_BYTES;

const open = async (url: string) => {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  return ws;
};

/**
 * A socket process driven by this test in the core's place: it hands over the sockets of its
 * own HTTP server, and acknowledges the batches only when told to.
 */
async function fakeCore() {
  const child = fork(new URL('../../src/server/ddp/socket-process.ts', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const frames = new Map<number, string[]>();
  const unacked = new Map<number, number>();
  let maxUnacked = 0;
  let pendingAcks = 0;
  let isAcking = false;
  const ack = () => {
    child.send(Array.from({length: pendingAcks}, (): CoreToEdge => ({t: 'ack'})));
    pendingAcks = 0;
    unacked.clear();
  };
  child.on('message', (batch: EdgeToCore[]) => {
    for (const message of batch) {
      if (message.t !== 'message') continue;
      frames.set(message.id, [...(frames.get(message.id) ?? []), message.text]);
      const chars = (unacked.get(message.id) ?? 0) + message.text.length;
      unacked.set(message.id, chars);
      maxUnacked = Math.max(maxUnacked, chars);
    }
    if (wantsAck(batch)) pendingAcks++;
    if (isAcking) ack();
  });
  let nextId = 1;
  const http = createServer().on('upgrade', (request, socket: Socket, head: Buffer) => {
    const {method = 'GET', url = '/', headers} = request;
    const adopt: AdoptMessage = {t: 'adopt', id: nextId++, method, url, headers, head: ''};
    adopt.head = head.toString('base64');
    child.send(adopt, socket);
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  return {
    url,
    received: (id: number) => frames.get(id) ?? [],
    maxUnacked: () => maxUnacked,
    /** Acknowledges what came so far, and from now on each batch as it comes. */
    ackAll() {
      isAcking = true;
      ack();
    },
    async stop() {
      http.close();
      child.kill();
      await once(child, 'exit');
    },
  };
}

describe('a socket process reads no faster than the core handles (backpressure)', () => {
  it('stops reading a flooding socket at its budget, keeps the others flowing, and loses nothing', async () => {
    const core = await fakeCore();
    const flooder = await open(core.url);
    const quiet = await open(core.url);
    try {
      for (let n = 0; n < FLOOD_FRAMES; n++) flooder.send(JSON.stringify({n, pad: PAD}));
      await until(() => core.received(1).length * PAD.length >= SOCKET_BUDGET_CHARS, 'a budget');
      // Each round trip gives a socket process that still read the flooder turns to do so.
      for (let i = 0; i < 5; i++) {
        quiet.send(`quiet ${i}`);
        await until(() => core.received(2).length === i + 1, `quiet frame ${i}`);
      }
      assert.ok(core.maxUnacked() <= SOCKET_BOUND, `unhandled ${core.maxUnacked()} chars`);
      assert.ok(flooder.bufferedAmount > 0, 'the flooder still has frames it could not send');

      core.ackAll();
      await until(() => core.received(1).length === FLOOD_FRAMES, 'every flood frame');
      const order = core.received(1).map((text) => (JSON.parse(text) as {n: number}).n);
      assert.deepEqual(order, [...Array(FLOOD_FRAMES).keys()], 'all frames, in order');
      assert.deepEqual(core.received(2), ['quiet 0', 'quiet 1', 'quiet 2', 'quiet 3', 'quiet 4']);
    } finally {
      flooder.terminate();
      quiet.terminate();
      await core.stop();
    }
  });
});

describe('the core and its socket processes under a flood (--socket-processes)', () => {
  it('drops a client flooding junk it never reads; a quiet client keeps its answers', async () => {
    const server = await startTestServer({socketProcesses: 1});
    const quiet = await connectDdp(server.url).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    try {
      const flooder = await open(`${server.url.replace('http', 'ws')}/websocket`);
      flooder.send(JSON.stringify({msg: 'connect', version: '1', support: ['1']}));
      (flooder as unknown as {_socket: Socket})._socket.pause();
      const junk = JSON.stringify({msg: 'zzz', pad: PAD});
      let isClosed = false;
      flooder.on('close', () => (isClosed = true));
      const pump = () => {
        if (isClosed) return;
        while (flooder.bufferedAmount < 4 * 1024 * 1024) flooder.send(junk);
        setImmediate(pump);
      };
      pump();
      quiet.send({msg: 'ping', id: 'during'});
      assert.deepEqual(await quiet.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'during'});
      await until(() => isClosed, 'the flooder to be dropped');
      await until(() => server.openSockets() === 1, 'the core to close its session');
      quiet.send({msg: 'ping', id: 'after'});
      assert.deepEqual(await quiet.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'after'});
    } finally {
      quiet.close();
      await server.close();
    }
  });

  it('drops a socket whose frames its stalled socket process leaves waiting past 1 MiB', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-stalled-'));
    const built = await buildServer({
      dataDir,
      agents: [TEST_AGENT],
      rateLimit: false,
      socketProcesses: 1,
    });
    await built.app.listen({port: 0, host: '127.0.0.1'});
    const address = built.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const [edge] = socketProcessesOf(process.pid);
    const reader = await connectDdp(url).catch(async (error: unknown) => {
      await built.app.close();
      throw error;
    });
    try {
      const visitor = await createVisitorWithRoom(url);
      await reader.subscribe('stream-room-messages', [visitor.rid, visitorSubArgs(visitor.token)]);
      let code = 0;
      void reader.closed.then((closed) => (code = closed.code));
      const payload = {_id: 'big', rid: visitor.rid, msg: PAD};
      process.kill(edge, 'SIGSTOP');
      for (let i = 0; i < 40; i++) {
        built.ctx.streams.publish(channels.roomMessages(visitor.rid), [payload]);
      }
      process.kill(edge, 'SIGCONT');
      await until(() => code !== 0, 'the socket to be dropped');
      assert.equal(code, 1006);
      const delivered = reader.frames.filter((f) => f.collection === 'stream-room-messages');
      assert.ok(delivered.length < 40, `${delivered.length} of 40 frames went out`);
    } finally {
      process.kill(edge, 'SIGCONT');
      reader.close();
      await built.ddp.close();
      await built.app.close();
      await rm(dataDir, {recursive: true, force: true});
    }
  });
});
