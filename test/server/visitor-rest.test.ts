import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  TEST_AGENT,
  api,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';

const INVALID_TOKEN = {success: false, error: '[invalid-token]', errorType: 'invalid-token'};
const INVALID_ROOM = {success: false, error: 'invalid-room'};

describe('visitor REST API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({settings: {title: 'Bike shop'}});
  });
  after(() => server.close());

  const send = (body: Record<string, unknown>) =>
    api(server.url, '/api/v1/livechat/message', {body});

  it('serves the config in Rocket.Chat shape, online while an agent is available', async () => {
    const {status, body} = await api(server.url, '/api/v1/livechat/config');
    assert.equal(status, 200);
    assert.equal(body.success, true);
    const config = body.config;
    for (const key of [
      'enabled',
      'settings',
      'theme',
      'messages',
      'survey',
      'triggers',
      'departments',
      'resources',
      'online',
    ]) {
      assert.ok(key in config, `config.${key}`);
    }
    assert.equal(config.theme.title, 'Bike shop');
    assert.equal(config.online, true);
    assert.equal('guest' in config, false);
    assert.equal('room' in config, false);
  });

  it('adds guest for a known token, and room and agent only while a room is open', async () => {
    const token = `config-${Date.now()}`;
    await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token, name: 'Ada'}}});
    const known = (await api(server.url, '/api/v1/livechat/config', {query: {token}})).body.config;
    assert.equal(known.guest.token, token);
    assert.equal(known.guest.name, 'Ada');
    assert.equal('room' in known, false);
    const {rid} = await createVisitorWithRoom(server.url, {token});
    const open = (await api(server.url, '/api/v1/livechat/config', {query: {token}})).body.config;
    assert.equal(open.room._id, rid);
    assert.equal(open.agent.username, TEST_AGENT.username);
    const unknown = await api(server.url, '/api/v1/livechat/config', {query: {token: 'nobody'}});
    assert.equal('guest' in unknown.body.config, false);
  });

  it('creates a visitor, updates it by token and reads it back', async () => {
    const token = `visitor-${Date.now()}`;
    const created = await api(server.url, '/api/v1/livechat/visitor', {
      body: {visitor: {token, name: 'Bea', email: 'bea@example.com'}},
    });
    assert.equal(created.status, 200);
    assert.match(created.body.visitor.username, /^guest-\d+$/);
    assert.deepEqual(created.body.visitor.visitorEmails, [{address: 'bea@example.com'}]);
    assert.equal(typeof created.body.visitor.ts, 'string', 'REST dates are ISO strings');
    const updated = await api(server.url, '/api/v1/livechat/visitor', {
      body: {visitor: {token, name: 'Beatrice'}},
    });
    assert.equal(updated.body.visitor._id, created.body.visitor._id);
    const read = await api(server.url, `/api/v1/livechat/visitor/${token}`);
    assert.equal(read.body.visitor.name, 'Beatrice');
    assert.equal(read.body.visitor.visitorEmails[0].address, 'bea@example.com');
  });

  it('refuses a blank token and a missing body with invalid-params', async () => {
    for (const body of [{visitor: {token: '   '}}, {visitor: {}}, {}]) {
      const res = await api(server.url, '/api/v1/livechat/visitor', {body});
      assert.equal(res.status, 400);
      assert.equal(res.body.success, false);
      assert.equal(res.body.errorType, 'invalid-params');
    }
    const broken = await api(server.url, '/api/v1/livechat/visitor', {body: '{"visitor":'});
    assert.equal(broken.status, 400);
    assert.equal(broken.body.success, false);
  });

  it('answers an unknown token with the Meteor.Error body', async () => {
    const room = await api(server.url, '/api/v1/livechat/room', {query: {token: 'unknown'}});
    assert.equal(room.status, 400);
    assert.deepEqual(room.body, INVALID_TOKEN);
    const visitor = await api(server.url, '/api/v1/livechat/visitor/unknown');
    assert.deepEqual(visitor.body, INVALID_TOKEN);
  });

  it('opens one room per visitor and returns it again with newRoom false', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Cleo'});
    assert.equal(visitor.room.open, true);
    assert.equal(visitor.room.fname, 'Cleo');
    assert.equal(visitor.room.v.token, visitor.token);
    assert.equal(visitor.room.servedBy.username, TEST_AGENT.username);
    const again = await api(server.url, '/api/v1/livechat/room', {query: {token: visitor.token}});
    assert.equal(again.body.room._id, visitor.rid);
    assert.equal(again.body.newRoom, false);
    const byRid = await api(server.url, '/api/v1/livechat/room', {
      query: {token: visitor.token, rid: visitor.rid},
    });
    assert.equal(byRid.body.room._id, visitor.rid);
  });

  it('opens exactly one room for 20 concurrent requests of one token', async () => {
    const token = `race-${Date.now()}`;
    await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token}}});
    const answers = await Promise.all(
      Array.from({length: 20}, () => api(server.url, '/api/v1/livechat/room', {query: {token}})),
    );
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(new Set(answers.map((a) => a.body.room._id)).size, 1);
    assert.equal(answers.filter((a) => a.body.newRoom).length, 1);
  });

  it('starts a room with livechat-started, command connected and uj', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const history = await api(server.url, `/api/v1/livechat/messages.history/${rid}`, {
      query: {token, sort: '{"ts":1}'},
    });
    assert.deepEqual(
      history.body.messages.map((m: {t?: string; msg: string}) => [m.t, m.msg]),
      [
        ['livechat-started', ''],
        ['command', 'connected'],
        ['uj', ''],
      ],
    );
  });

  it('answers a foreign rid exactly like an unknown rid on every call', async () => {
    const owner = await createVisitorWithRoom(server.url);
    const other = await createVisitorWithRoom(server.url);
    const calls = (rid: string) => [
      send({token: other.token, rid, msg: 'hi'}),
      api(server.url, `/api/v1/livechat/messages.history/${rid}`, {query: {token: other.token}}),
      api(server.url, '/api/v1/livechat/message/someId', {query: {token: other.token, rid}}),
      api(server.url, '/api/v1/livechat/room.close', {body: {rid, token: other.token}}),
      api(server.url, `/api/v1/livechat/agent.info/${rid}/${other.token}`),
      api(server.url, '/api/v1/livechat/room', {query: {token: other.token, rid}}),
    ];
    const foreign = await Promise.all(calls(owner.rid));
    const unknown = await Promise.all(calls('NoSuchRoom1234567'));
    for (const [i, res] of foreign.entries()) {
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, INVALID_ROOM);
      assert.deepEqual(unknown[i].body, res.body);
    }
    const ownerHistory = await api(server.url, `/api/v1/livechat/messages.history/${owner.rid}`, {
      query: {token: owner.token},
    });
    assert.equal(
      ownerHistory.body.messages.some((m: {msg: string}) => m.msg === 'hi'),
      false,
    );
    assert.equal(
      (
        await api(server.url, '/api/v1/livechat/room', {
          query: {token: owner.token},
        })
      ).body.room.open,
      true,
      'the foreign close did nothing',
    );
  });

  it('stores a message once and refuses a repeated _id with a bare 400', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url, {name: 'Dan'});
    const first = await send({token, rid, msg: 'only once', _id: 'client-id-1'});
    assert.equal(first.status, 200);
    assert.equal(first.body.message._id, 'client-id-1');
    assert.equal(first.body.message.token, token);
    assert.equal(first.body.message.alias, 'Dan');
    assert.equal(typeof first.body.message.ts, 'string');
    const again = await send({token, rid, msg: 'only once', _id: 'client-id-1'});
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, {success: false});
    const history = await api(server.url, `/api/v1/livechat/messages.history/${rid}`, {
      query: {token},
    });
    assert.equal(
      history.body.messages.filter((m: {_id: string}) => m._id === 'client-id-1').length,
      1,
    );
  });

  it('finds a message of the room by id and refuses one of another room', async () => {
    const a = await createVisitorWithRoom(server.url);
    const b = await createVisitorWithRoom(server.url);
    await send({token: a.token, rid: a.rid, msg: 'mine', _id: 'msg-of-a'});
    await send({token: b.token, rid: b.rid, msg: 'theirs', _id: 'msg-of-b'});
    const found = await api(server.url, '/api/v1/livechat/message/msg-of-a', {
      query: {token: a.token, rid: a.rid},
    });
    assert.equal(found.body.message.msg, 'mine');
    const foreign = await api(server.url, '/api/v1/livechat/message/msg-of-b', {
      query: {token: a.token, rid: a.rid},
    });
    assert.equal(foreign.status, 400);
    assert.deepEqual(foreign.body, {success: false, error: 'invalid-message'});
  });

  it('accepts 5,000 code points and refuses 5,001', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const emoji = '😀'.repeat(5000);
    assert.equal((await send({token, rid, msg: emoji})).status, 200);
    const tooLong = await send({token, rid, msg: 'a'.repeat(5001)});
    assert.equal(tooLong.status, 400);
    assert.deepEqual(tooLong.body, {
      success: false,
      error: 'message-length-exceeds-character-limit',
    });
    const blank = await send({token, rid, msg: ' \u200B '});
    assert.equal(blank.body.errorType, 'invalid-params');
  });

  it('pages the history newest first and bounds it by ls and end', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const sent = [];
    for (let i = 1; i <= 5; i++) sent.push((await send({token, rid, msg: `m${i}`})).body.message);
    const path = `/api/v1/livechat/messages.history/${rid}`;
    const page1 = await api(server.url, path, {query: {token, limit: 2}});
    assert.deepEqual(
      page1.body.messages.map((m: {msg: string}) => m.msg),
      ['m5', 'm4'],
    );
    const page2 = await api(server.url, path, {query: {token, limit: 2, offset: 2}});
    assert.deepEqual(
      page2.body.messages.map((m: {msg: string}) => m.msg),
      ['m3', 'm2'],
    );
    const since = await api(server.url, path, {query: {token, ls: sent[2].ts}});
    assert.deepEqual(
      since.body.messages.map((m: {msg: string}) => m.msg),
      ['m5', 'm4'],
    );
    const between = await api(server.url, path, {query: {token, ls: sent[0].ts, end: sent[3].ts}});
    assert.deepEqual(
      between.body.messages.map((m: {msg: string}) => m.msg),
      ['m3', 'm2'],
    );
    const bad = await api(server.url, path, {query: {token, limit: 1000}});
    assert.equal(bad.status, 400);
  });

  it('closes the room for the visitor once, then refuses messages', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url, {name: 'Eve'});
    const closed = await api(server.url, '/api/v1/livechat/room.close', {body: {rid, token}});
    assert.deepEqual(closed.body, {rid, comment: 'Closed by visitor', success: true});
    const twice = await api(server.url, '/api/v1/livechat/room.close', {body: {rid, token}});
    assert.deepEqual(twice.body, {success: false, error: 'room-closed'});
    assert.deepEqual((await send({token, rid, msg: 'late'})).body, {
      success: false,
      error: 'room-closed',
    });
    const history = await api(server.url, `/api/v1/livechat/messages.history/${rid}`, {
      query: {token},
    });
    const last = history.body.messages[0];
    assert.equal(last.t, 'livechat-close');
    assert.equal(last.msg, 'Closed by visitor');
    assert.equal(last.token, token);
    const next = await api(server.url, '/api/v1/livechat/room', {query: {token}});
    assert.equal(next.body.newRoom, true, 'a closed room is never reused');
  });

  it('tells the visitor who serves the room', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const info = await api(server.url, `/api/v1/livechat/agent.info/${rid}/${token}`);
    assert.equal(info.body.agent.username, TEST_AGENT.username);
    assert.equal(info.body.agent.name, TEST_AGENT.name);
    assert.equal('password' in info.body.agent, false);
  });
});

describe('visitor REST API with nobody available', () => {
  it('reports offline and refuses a room with no-agent-online', async () => {
    const server = await startTestServer({agents: []});
    try {
      const config = await api(server.url, '/api/v1/livechat/config');
      assert.equal(config.body.config.online, false);
      const token = 'offline-visitor';
      await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token}}});
      const room = await api(server.url, '/api/v1/livechat/room', {query: {token}});
      assert.equal(room.status, 400);
      assert.deepEqual(room.body, {
        success: false,
        error: 'Sorry, no online agents [no-agent-online]',
        errorType: 'no-agent-online',
      });
    } finally {
      await server.close();
    }
  });
});
