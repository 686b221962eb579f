import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {
  AgentLogin,
  ApiResponse,
  TestServer,
  TestVisitor,
} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';

const RANDOM_RID = 'nZ7qYtWm3kPLx9RcA';

describe('security matrix (docs/security.md)', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let a: TestVisitor;
  let b: TestVisitor;
  let bMessageId: string;
  let bFilePath: string;
  before(async () => {
    server = await startTestServer({
      settings: {
        transcript: true,
        departments: [
          {_id: 'sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true},
        ],
      },
    });
    agent = await agentLogin(server.url);
    a = await createVisitorWithRoom(server.url, {name: 'Alice'});
    b = await createVisitorWithRoom(server.url, {name: 'Bob'});
    const sent = await api(server.url, '/api/v1/livechat/message', {
      body: {token: b.token, rid: b.rid, msg: 'Bob private note'},
    });
    bMessageId = sent.body.message._id;
    const file = await upload(server.url, b.rid, PNG_BYTES, {token: b.token, filename: 'b.png'});
    bFilePath = `/file-upload/${file.body.file._id}/b.png`;
  });
  after(() => server.close());

  const stateOfB = async () => {
    const history = await api(server.url, `/api/v1/livechat/messages.history/${b.rid}`, {
      query: {token: b.token, limit: 100},
    });
    const feedback = await api(server.url, '/api/v1/livechat/room.feedback', {
      query: {rid: b.rid},
      headers: agent.headers,
    });
    const room = await api(server.url, '/api/v1/livechat/room', {query: {token: b.token}});
    // File links are signed afresh on every read (`?token=`, with its issue time): not state.
    return JSON.stringify([
      history.body,
      feedback.body,
      room.body.room.open,
      room.body.room.departmentId,
    ]).replace(/\?token=[\w.-]+/g, '?token=…');
  };

  it("S1: A's token with B's rid gets the same answer as a random rid, and changes nothing", async () => {
    const before = await stateOfB();
    const probes: Record<string, (rid: string) => Promise<ApiResponse>> = {
      history: (rid) =>
        api(server.url, `/api/v1/livechat/messages.history/${rid}`, {query: {token: a.token}}),
      send: (rid) =>
        api(server.url, '/api/v1/livechat/message', {body: {token: a.token, rid, msg: 'injected'}}),
      getMessage: (rid) =>
        api(server.url, `/api/v1/livechat/message/${bMessageId}`, {query: {token: a.token, rid}}),
      edit: (rid) =>
        api(server.url, `/api/v1/livechat/message/${bMessageId}`, {
          method: 'PUT',
          body: {token: a.token, rid, msg: 'changed'},
        }),
      remove: (rid) =>
        api(server.url, `/api/v1/livechat/message/${bMessageId}`, {
          method: 'DELETE',
          body: {token: a.token, rid},
        }),
      room: (rid) => api(server.url, '/api/v1/livechat/room', {query: {token: a.token, rid}}),
      close: (rid) => api(server.url, '/api/v1/livechat/room.close', {body: {token: a.token, rid}}),
      transcript: (rid) =>
        api(server.url, '/api/v1/livechat/transcript', {
          body: {token: a.token, rid, email: 'attacker@example.com'},
        }),
      survey: (rid) =>
        api(server.url, '/api/v1/livechat/room.survey', {
          body: {token: a.token, rid, data: [{name: 'satisfaction', value: '1'}]},
        }),
      transfer: (rid) =>
        api(server.url, '/api/v1/livechat/room.transfer', {
          body: {token: a.token, rid, department: 'sales'},
        }),
      agentInfo: (rid) => api(server.url, `/api/v1/livechat/agent.info/${rid}/${a.token}`),
      pageVisited: (rid) =>
        api(server.url, '/api/v1/livechat/page.visited', {
          body: {
            token: a.token,
            rid,
            pageInfo: {change: 'url', title: 't', location: {href: 'h'}},
          },
        }),
      upload: (rid) => upload(server.url, rid, PNG_BYTES, {token: a.token}),
    };
    for (const [name, probe] of Object.entries(probes)) {
      const foreign = await probe(b.rid);
      const random = await probe(RANDOM_RID);
      assert.ok(foreign.status >= 400, `${name}: refused`);
      assert.deepEqual([foreign.status, foreign.body], [random.status, random.body], name);
    }
    const cookie = (rid: string) => ({cookie: `rc_rid=${rid}; rc_token=${a.token}`});
    for (const rid of [b.rid, RANDOM_RID, a.rid]) {
      assert.equal(
        (await fetch(`${server.url}${bFilePath}`, {headers: cookie(rid)})).status,
        404,
        `file with rc_rid=${rid}`,
      );
    }
    const ddp = await connectDdp(server.url);
    try {
      for (const [stream, event] of [
        ['stream-room-messages', ''],
        ['stream-livechat-room', ''],
        ['stream-notify-room', '/user-activity'],
        ['stream-notify-room', '/deleteMessage'],
      ]) {
        const foreign = await ddp.subscribe(stream, [`${b.rid}${event}`, visitorSubArgs(a.token)]);
        const random = await ddp.subscribe(stream, [
          `${RANDOM_RID}${event}`,
          visitorSubArgs(a.token),
        ]);
        assert.equal(foreign.msg, 'nosub', stream);
        assert.deepEqual(foreign.error, random.error, stream);
      }
      const legacy: [string, (rid: string) => unknown[]][] = [
        ['livechat:getAgentData', (rid) => [{roomId: rid, token: a.token}]],
        ['livechat:loadHistory', (rid) => [{rid, token: a.token}]],
        ['livechat:closeByVisitor', (rid) => [{roomId: rid, token: a.token}]],
        [
          'livechat:saveSurveyFeedback',
          (rid) => [a.token, rid, [{name: 'satisfaction', value: '1'}]],
        ],
        [
          'livechat:setDepartmentForVisitor',
          (rid) => [{roomId: rid, visitorToken: a.token, departmentId: 'sales'}],
        ],
      ];
      for (const [method, params] of legacy) {
        const foreign = await ddp.call(method, params(b.rid));
        const random = await ddp.call(method, params(RANDOM_RID));
        assert.deepEqual([foreign.result, foreign.error], [random.result, random.error], method);
      }
    } finally {
      ddp.close();
    }
    assert.equal(await stateOfB(), before, "B's room, messages and feedback are untouched");
  });

  it('S2: blank, non-string and oversized tokens are invalid-params; unknown is invalid-token', async () => {
    const invalid = [
      {visitor: {token: ''}},
      {visitor: {token: '   '}},
      {visitor: {token: 42}},
      {visitor: {token: {$ne: null}}},
      {visitor: {token: 'x'.repeat(10_000)}},
    ];
    for (const body of invalid) {
      const res = await api(server.url, '/api/v1/livechat/visitor', {body});
      assert.equal(res.status, 400);
      assert.equal(res.body.errorType, 'invalid-params');
    }
    for (const token of ['', 'x'.repeat(10_000)]) {
      const res = await api(server.url, '/api/v1/livechat/room', {query: {token}});
      assert.equal(res.status, 400);
      assert.equal(res.body.errorType, 'invalid-params');
    }
    const unknown = await api(server.url, '/api/v1/livechat/room', {
      query: {token: randomBytes(16).toString('hex')},
    });
    assert.deepEqual(unknown.body, {
      success: false,
      error: '[invalid-token]',
      errorType: 'invalid-token',
    });
    const ddp = await connectDdp(server.url);
    try {
      const bad = await ddp.call('sendMessageLivechat', [
        {_id: 'tokenFuzz000001', rid: a.rid, msg: 'x', token: {$ne: null}},
      ]);
      assert.equal(bad.error.error, 400);
    } finally {
      ddp.close();
    }
  });

  it('S12: the same text limit on REST, DDP and the offline form; big frames close 1009', async () => {
    const tooLong = 'é'.repeat(5001);
    const rest = await api(server.url, '/api/v1/livechat/message', {
      body: {token: a.token, rid: a.rid, msg: tooLong},
    });
    assert.deepEqual(rest.body, {success: false, error: 'message-length-exceeds-character-limit'});
    const offline = await api(server.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Al', email: 'al@example.com', message: tooLong},
    });
    assert.deepEqual(offline.body, rest.body);
    const ddp = await connectDdp(server.url);
    const legacy = await ddp.call('sendMessageLivechat', [
      {_id: 'tooLongMessage01', rid: a.rid, msg: tooLong, token: a.token},
    ]);
    assert.equal(legacy.error.error, 'message-length-exceeds-character-limit');
    ddp.sendRaw(
      JSON.stringify({
        msg: 'method',
        id: 'big',
        method: 'sendMessageLivechat',
        params: [{msg: 'x'.repeat(70 * 1024)}],
      }),
    );
    assert.equal((await ddp.closed).code, 1009);
    const fits = await api(server.url, '/api/v1/livechat/message', {
      body: {token: a.token, rid: a.rid, msg: 'é'.repeat(5000)},
    });
    assert.equal(fits.status, 200);
  });

  it("S14: line breaks in the offline form's name or email are refused and not stored", async () => {
    const count = async () =>
      (await api(server.url, '/api/v1/livechat/offline.messages', {headers: agent.headers})).body
        .total as number;
    const before = await count();
    for (const body of [
      {name: 'Eve\r\nBcc: victim@example.com', email: 'eve@example.com', message: 'hi'},
      {name: 'Eve', email: 'eve@example.com\nBcc: victim@example.com', message: 'hi'},
      {name: 'Eve', email: 'not-an-email', message: 'hi'},
    ]) {
      const res = await api(server.url, '/api/v1/livechat/offline.message', {body});
      assert.equal(res.status, 400);
      assert.equal(res.body.errorType, 'invalid-params');
    }
    assert.equal(await count(), before);
  });

  it('S15: 20 concurrent sendMessageLivechat calls of a new visitor open exactly one room', async () => {
    const token = randomBytes(16).toString('hex');
    await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token}}});
    const sockets = await Promise.all(Array.from({length: 20}, () => connectDdp(server.url)));
    try {
      const results = await Promise.all(
        sockets.map((ddp, i) =>
          ddp.call('sendMessageLivechat', [
            {
              _id: `raceMessage${String(i).padStart(5, '0')}`,
              rid: randomBytes(9).toString('hex'),
              msg: `hello ${i}`,
              token,
            },
          ]),
        ),
      );
      assert.ok(results.every((r) => r.result));
      assert.equal(new Set(results.map((r) => r.result.rid)).size, 1);
      assert.equal(results.filter((r) => r.result.newRoom).length, 1);
    } finally {
      for (const ddp of sockets) ddp.close();
    }
  });

  it("S16: closing the room or removing the visitor ends that token's subscriptions", async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      const subs = [];
      for (const [stream, event] of [
        ['stream-room-messages', visitor.rid],
        ['stream-livechat-room', visitor.rid],
        ['stream-notify-room', `${visitor.rid}/user-activity`],
      ]) {
        subs.push((await ddp.subscribe(stream, [event, visitorSubArgs(visitor.token)])).subs[0]);
      }
      const closing = ddp.nextEvent('stream-room-messages', visitor.rid);
      await api(server.url, '/api/v1/livechat/room.closeByUser', {
        headers: agent.headers,
        body: {rid: visitor.rid},
      });
      assert.equal((await closing).fields.args[0].t, 'livechat-close');
      for (const id of subs) {
        assert.deepEqual(await ddp.next((f) => f.msg === 'nosub' && f.id === id), {
          msg: 'nosub',
          id,
        });
      }
      const late = await ddp.subscribe('stream-room-messages', [
        visitor.rid,
        visitorSubArgs(visitor.token),
      ]);
      assert.equal(late.msg, 'nosub', 'a closed room cannot be followed again');
      const room = await ddp.subscribe('stream-livechat-room', [
        visitor.rid,
        visitorSubArgs(visitor.token),
      ]);
      assert.equal(room.msg, 'ready');
      await api(server.url, `/api/v1/livechat/visitor/${visitor.token}`, {method: 'DELETE'});
      assert.deepEqual(await ddp.next((f) => f.msg === 'nosub' && f.id === room.subs[0]), {
        msg: 'nosub',
        id: room.subs[0],
      });
      const after = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
        query: {token: visitor.token},
      });
      assert.equal(after.body.errorType, 'invalid-token');
    } finally {
      ddp.close();
    }
  });
});
