import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';

describe('old and new clients against this server (docs/reliability.md T15)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  it('T15: accepts frames and method params that carry fields it does not know', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url, {handshake: false});
    try {
      ddp.send({msg: 'connect', version: '1', support: ['1'], flags: {compress: true}, v: 9});
      assert.equal(typeof (await ddp.next((f) => f.msg === 'connected')).session, 'string');
      ddp.send({
        msg: 'sub',
        id: 'messages',
        name: 'stream-room-messages',
        params: [rid, {...visitorSubArgs(token), priority: 'high'}],
        trace: 'abc',
      });
      assert.deepEqual(await ddp.next((f) => f.msg === 'ready' || f.msg === 'nosub'), {
        msg: 'ready',
        subs: ['messages'],
      });
      ddp.send({
        msg: 'method',
        id: 'send',
        method: 'sendMessageLivechat',
        randomSeed: 'r',
        future: [1, 2],
        params: [
          {
            _id: 'compatMessage0001',
            rid,
            msg: 'From a newer widget',
            token,
            clientInfo: {version: '9.0'},
          },
        ],
      });
      const result = await ddp.next((f) => f.msg === 'result' && f.id === 'send');
      assert.equal(result.error, undefined, JSON.stringify(result.error));
      assert.equal(result.result.msg, 'From a newer widget');
      const event = await ddp.nextEvent('stream-room-messages', rid);
      assert.equal(event.fields.args[0]._id, 'compatMessage0001');
      ddp.send({msg: 'ping', id: 'p', extra: true});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'p'});
    } finally {
      ddp.close();
    }
  });

  it('T15: REST bodies with unknown fields are accepted the same way', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const {status, body} = await api(server.url, '/api/v1/livechat/message', {
      body: {token, rid, msg: 'Over REST', _id: 'compatMessage0002', clientInfo: {v: 9}},
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.message._id, 'compatMessage0002');
  });

  it('T15: an unknown message type changes nothing: error frame, link stays', async () => {
    const ddp = await connectDdp(server.url);
    try {
      ddp.send({msg: 'subscribeBatch', id: 'x', names: ['a', 'b']});
      const error = await ddp.next((f) => f.msg === 'error');
      assert.equal(error.reason, 'Bad request');
      assert.deepEqual(error.offendingMessage, {msg: 'subscribeBatch', id: 'x', names: ['a', 'b']});
      ddp.send({msg: 'ping', id: 'after'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'after'});
    } finally {
      ddp.close();
    }
  });

  it('T15: an unsupported DDP version gets `failed` with ours, then close code 1002', async () => {
    const ddp = await connectDdp(server.url, {handshake: false});
    ddp.send({msg: 'connect', version: '2', support: ['2']});
    assert.deepEqual(await ddp.next((f) => f.msg === 'failed'), {msg: 'failed', version: '1'});
    assert.deepEqual(await ddp.closed, {code: 1002, reason: 'unsupported DDP version'});
    assert.equal(
      ddp.frames.some((f) => f.msg === 'connected'),
      false,
    );
  });

  it('T15: the older drafts a Meteor client may ask for are still spoken', async () => {
    for (const version of ['pre2', 'pre1']) {
      const ddp = await connectDdp(server.url, {handshake: false});
      try {
        ddp.send({msg: 'connect', version, support: [version]});
        assert.equal(
          (await ddp.next((f) => f.msg === 'connected' || f.msg === 'failed')).msg,
          'connected',
        );
      } finally {
        ddp.close();
      }
    }
  });
});
