import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import WebSocket from 'ws';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {Frame, TestServer, TestVisitor} from '../helpers/node/server-fixture.js';
import {HOSTILE_STRINGS, fuzz, fuzzSeed} from '../helpers/node/fuzz.js';

const METHODS = [
  'login',
  'logout',
  'livechat:setUpConnection',
  'stream-notify-room',
  'livechat:getInitialData',
  'livechat:registerGuest',
  'sendMessageLivechat',
  'livechat:getAgentData',
  'livechat:getNextAgent',
  'livechat:loadHistory',
  'livechat:pageVisited',
  'livechat:closeByVisitor',
  'livechat:saveSurveyFeedback',
  'livechat:sendOfflineMessage',
  'livechat:setCustomField',
  'livechat:setDepartmentForVisitor',
  'no-such-method',
];
const STREAMS = [
  'stream-room-messages',
  'stream-livechat-room',
  'stream-notify-room',
  'stream-notify-user',
  'stream-livechat-inquiry-queue-observer',
  'no-such-stream',
];
const MSGS = ['connect', 'ping', 'pong', 'method', 'sub', 'unsub', 'result', 'added', 'hello'];

/** Builds hostile DDP frames around a real visitor, so that handlers get past their checks. */
function fuzzer(seed: number, visitor: TestVisitor) {
  const strings = [
    visitor.token,
    visitor.rid,
    `${visitor.rid}/user-activity`,
    `${visitor.rid}/typing`,
    'user-typing',
    ...HOSTILE_STRINGS,
  ];
  const {next, pick, value} = fuzz(seed, strings, [
    'token',
    'visitorToken',
    'rid',
    'roomId',
    'msg',
    '_id',
    'name',
    'email',
    'resume',
    'data',
    '__proto__',
    'constructor',
    'args',
    'department',
  ]);
  // Mostly well-formed envelopes with hostile params, so that the handlers themselves are hit.
  const envelope = (): string => {
    const params = Array.from({length: 1 + Math.floor(next() * 3)}, () => value(0));
    const id = `f${Math.floor(next() * 1e6)}`;
    return JSON.stringify(
      next() < 0.75
        ? {msg: 'method', id, method: pick(METHODS), params}
        : {msg: 'sub', id, name: pick(STREAMS), params},
    );
  };
  return (): string => {
    if (next() < 0.6) return envelope();
    const msg = next() < 0.9 ? pick(MSGS) : value(3);
    const id = next() < 0.8 ? `f${Math.floor(next() * 1e6)}` : value(3);
    const frame: Record<string, unknown> = {msg, id};
    if (msg === 'method') frame.method = next() < 0.9 ? pick(METHODS) : value(3);
    if (msg === 'sub') frame.name = next() < 0.9 ? pick(STREAMS) : value(3);
    if (msg === 'connect') frame.version = pick(['1', 'pre1', '0', 1, null]);
    const params =
      next() < 0.8 ? Array.from({length: Math.floor(next() * 4)}, () => value(0)) : value(2);
    if (next() < 0.9) frame.params = params;
    return JSON.stringify(frame);
  };
}

const isInternal = (frame: Frame) =>
  (frame.msg === 'error' && /internal/i.test(frame.reason)) || frame.error?.error === 500;

describe('DDP endpoint under hostile frames (docs/reliability.md L5)', () => {
  let server: TestServer;
  let visitor: TestVisitor;

  before(async () => {
    server = await startTestServer();
    visitor = await createVisitorWithRoom(server.url);
  });
  after(() => server.close());

  it('answers 2,500 random frames without an internal error and keeps serving', async () => {
    const ddp = await connectDdp(server.url);
    const early = await connectDdp(server.url, {handshake: false});
    try {
      const frame = fuzzer(fuzzSeed(20261122), visitor);
      for (let i = 0; i < 2500; i++) {
        const text = frame();
        ddp.sendRaw(text);
        if (i % 10 === 0) early.sendRaw(text);
      }
      // Method calls run in order on a connection: this result comes after every fuzzed one.
      const last = await ddp.call('no-such-method', []);
      assert.equal(last.error.error, 404);
      const internal = [...ddp.frames, ...early.frames].filter(isInternal);
      assert.deepEqual(internal, []);
      const listener = await connectDdp(server.url);
      assert.equal(
        (
          await listener.subscribe('stream-room-messages', [
            visitor.rid,
            visitorSubArgs(visitor.token),
          ])
        ).msg,
        'ready',
      );
      const agent = await agentLogin(server.url);
      const sent = await api(server.url, '/api/v1/chat.sendMessage', {
        headers: agent.headers,
        body: {message: {rid: visitor.rid, msg: 'Still here'}},
      });
      assert.equal(sent.status, 200);
      const event = await listener.nextEvent('stream-room-messages', visitor.rid);
      assert.equal(event.fields.args[0].msg, 'Still here');
      listener.close();
    } finally {
      ddp.close();
      early.close();
    }
  });

  it('closes a socket that sends invalid UTF-8 text with 1007, and only that one', async () => {
    const bystander = await connectDdp(server.url);
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/websocket`);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.on('error', () => {});
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), {binary: false});
    assert.equal(await closed, 1007);
    bystander.send({msg: 'ping', id: 'after-utf8'});
    const pong = await bystander.next((f) => f.msg === 'pong');
    assert.deepEqual(pong, {msg: 'pong', id: 'after-utf8'});
    bystander.close();
  });
});
