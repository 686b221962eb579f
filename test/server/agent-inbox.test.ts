import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';
import {anyId, assertShape, isoDate} from '../helpers/node/shape.js';

describe('agent inbox: offline messages and room feedback', () => {
  let server: TestServer;
  let agent: AgentLogin;
  before(async () => {
    server = await startTestServer({settings: {offlineSuccessMessage: 'Thanks, we write back!'}});
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  const inbox = (query: Record<string, string> = {}) =>
    api(server.url, '/api/v1/livechat/offline.messages', {headers: agent.headers, query});

  it('lists offline messages newest first and marks them read or unread', async () => {
    for (const [name, message] of [
      ['Old', 'First question'],
      ['New', 'Second question'],
    ]) {
      const res = await api(server.url, '/api/v1/livechat/offline.message', {
        body: {name, email: `${name.toLowerCase()}@example.com`, message, host: 'shop.example'},
      });
      assert.deepEqual(res.body, {message: 'Thanks, we write back!', success: true});
    }
    const listed = await inbox();
    assertShape(listed.body, {
      success: true,
      total: 2,
      unread: 2,
      offset: 0,
      count: 2,
      messages: [
        {
          _id: anyId,
          name: 'New',
          email: 'new@example.com',
          message: 'Second question',
          host: 'shop.example',
          ts: isoDate,
        },
        {name: 'Old', message: 'First question'},
      ],
    });
    const [newest] = listed.body.messages;
    const read = await api(server.url, '/api/v1/livechat/offline.messages.read', {
      headers: agent.headers,
      body: {_id: newest._id},
    });
    assert.deepEqual(read.body, {success: true});
    const after = await inbox();
    assertShape(after.body, {unread: 1, messages: [{_id: newest._id, readAt: isoDate}, {}]});
    assert.deepEqual(
      (await inbox({unread: 'true'})).body.messages.map((m: {name: string}) => m.name),
      ['Old'],
    );
    await api(server.url, '/api/v1/livechat/offline.messages.read', {
      headers: agent.headers,
      body: {_id: newest._id, read: false},
    });
    assert.equal((await inbox()).body.unread, 2);
    const unknown = await api(server.url, '/api/v1/livechat/offline.messages.read', {
      headers: agent.headers,
      body: {_id: 'noSuchMessage0001'},
    });
    assert.deepEqual(unknown.body, {success: false, error: 'error-invalid-message'});
    const anonymous = await api(server.url, '/api/v1/livechat/offline.messages');
    assert.equal(anonymous.status, 401);
  });

  it("shows a room's survey answers and transcript requests, and tells the agent live", async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      await ddp.call('login', [{resume: agent.authToken}]);
      await ddp.subscribe('stream-notify-user', [
        `${agent.userId}/rooms-changed`,
        {useCollection: false, args: [{}]},
      ]);
      await api(server.url, '/api/v1/livechat/room.close', {
        body: {token: visitor.token, rid: visitor.rid},
      });
      const updated = ddp.next((f) => f.fields?.args?.[1]?.surveyFeedback !== undefined);
      await api(server.url, '/api/v1/livechat/room.survey', {
        body: {
          token: visitor.token,
          rid: visitor.rid,
          data: [
            {name: 'satisfaction', value: '4'},
            {name: 'additionalFeedback', value: 'Quick and kind'},
          ],
        },
      });
      assertShape((await updated).fields.args, [
        'updated',
        {
          _id: visitor.rid,
          open: false,
          surveyFeedback: {satisfaction: '4', additionalFeedback: 'Quick and kind'},
        },
      ]);
      await api(server.url, '/api/v1/livechat/transcript', {
        body: {token: visitor.token, rid: visitor.rid, email: 'me@example.com'},
      });
      const read = () =>
        api(server.url, '/api/v1/livechat/room.feedback', {
          headers: agent.headers,
          query: {rid: visitor.rid},
        });
      // The mail goes out in the background (here into <data>/mail): wait until it has.
      let feedback = await read();
      while (feedback.body.transcriptRequests[0]?.mail !== 'sent') feedback = await read();
      assertShape(
        feedback.body,
        {
          success: true,
          surveyFeedback: {satisfaction: '4', additionalFeedback: 'Quick and kind'},
          transcriptRequests: [
            {
              _id: anyId,
              rid: visitor.rid,
              email: 'me@example.com',
              subject: 'Transcript of your livechat conversation',
              requestedAt: isoDate,
              sentAt: isoDate,
              mail: 'sent',
            },
          ],
        },
        {exact: true},
      );
      const none = await api(server.url, '/api/v1/livechat/room.feedback', {
        headers: agent.headers,
        query: {rid: 'notServedRoom0001'},
      });
      assert.equal(none.body.errorType, 'error-not-allowed');
    } finally {
      ddp.close();
    }
  });
});
