import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, DdpTestClient, TestServer} from '../helpers/node/server-fixture.js';
import {
  absent,
  anyId,
  anyNumber,
  anyString,
  assertShape,
  ejsonDate,
  matching,
} from '../helpers/node/shape.js';

/** Every field of the seed's getInitialData table (shared/seeds/000 and 002). */
const SEED_FIELDS = [
  'enabled',
  'title',
  'color',
  'registrationForm',
  'room',
  'visitor',
  'triggers',
  'departments',
  'allowSwitchingDepartments',
  'online',
  'offlineColor',
  'offlineMessage',
  'offlineSuccessMessage',
  'offlineUnavailableMessage',
  'displayOfflineForm',
  'videoCall',
  'conversationFinishedMessage',
  'nameFieldRegistrationForm',
  'emailFieldRegistrationForm',
  'offlineTitle',
  'language',
  'transcript',
  'transcriptMessage',
  'agentData',
];
/** Keys Rocket.Chat added to the same result later (rocketchat-protocol.md §2.1). */
const LATER_FIELDS = [
  'fileUpload',
  'conversationFinishedText',
  'registrationFormMessage',
  'showConnecting',
];

const newToken = () => randomBytes(16).toString('hex');

describe("the seeds' Livechat Realtime API over DDP", () => {
  let server: TestServer;
  let agent: AgentLogin;
  let ddp: DdpTestClient;
  before(async () => {
    server = await startTestServer({
      visitorOfflineGraceMs: 0,
      settings: {
        title: 'Bike shop',
        transcript: true,
        departments: [
          {_id: 'sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true},
        ],
        customFields: [
          {_id: 'orderNumber', label: 'Order number', regexp: '^[0-9]+$', scope: 'visitor'},
        ],
      },
    });
    agent = await agentLogin(server.url);
  });
  after(async () => {
    ddp?.close();
    await server.close();
  });

  it('walks the documented flow step by step over raw frames', async () => {
    ddp = await connectDdp(server.url);
    // 1. A visitor token: any random string.
    const token = newToken();
    // 2. getInitialData with the token: every field of the seed's table.
    const initial = await ddp.call('livechat:getInitialData', [token]);
    for (const key of [...SEED_FIELDS, ...LATER_FIELDS]) {
      assert.ok(key in initial.result, `getInitialData.${key}`);
    }
    assertShape(initial.result, {
      enabled: true,
      title: 'Bike shop',
      room: null,
      visitor: null,
      agentData: null,
      online: true,
      transcript: true,
      triggers: [],
      departments: [
        {_id: 'sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true},
      ],
    });
    // 3. registerGuest.
    const registered = await ddp.call('livechat:registerGuest', [
      {token, name: 'Guest Name', email: 'guest@example.com', department: 'sales'},
    ]);
    assertShape(
      registered.result,
      {
        userId: anyId,
        visitor: {
          _id: registered.result.userId,
          token,
          name: 'Guest Name',
          username: matching(/^guest-\d+$/),
          visitorEmails: [{address: 'guest@example.com'}],
          department: 'sales',
        },
      },
      {exact: true},
    );
    // 4. A random room _id, 5. sendMessageLivechat: the server keeps its own rid.
    const proposedRid = randomBytes(9).toString('hex');
    const sent = await ddp.call('sendMessageLivechat', [
      {_id: 'seedFlowMessage01', rid: proposedRid, msg: 'test', token},
    ]);
    assertShape(sent.result, {
      _id: 'seedFlowMessage01',
      rid: anyId,
      msg: 'test',
      token,
      alias: 'Guest Name',
      ts: ejsonDate,
      _updatedAt: ejsonDate,
      newRoom: true,
      showConnecting: false,
      u: {_id: registered.result.userId, username: anyString},
    });
    const rid = sent.result.rid as string;
    assert.notEqual(rid, proposedRid, 'the rid comes from the server');
    // 6. Subscriptions to stream-room-messages and stream-livechat-room.
    for (const name of ['stream-room-messages', 'stream-livechat-room']) {
      const ready = await ddp.subscribe(name, [rid, visitorSubArgs(token)]);
      assert.equal(ready.msg, 'ready', name);
    }
    // 7. An agent reply arrives as a changed frame.
    const reply = ddp.nextEvent('stream-room-messages', rid);
    await api(server.url, '/api/v1/chat.sendMessage', {
      headers: agent.headers,
      body: {message: {rid, msg: 'Hi, how can I help?'}},
    });
    const frame = await reply;
    assertShape(
      frame,
      {
        msg: 'changed',
        collection: 'stream-room-messages',
        id: 'id',
        fields: {
          eventName: rid,
          args: [
            {
              _id: anyId,
              rid,
              msg: 'Hi, how can I help?',
              ts: ejsonDate,
              _updatedAt: ejsonDate,
              u: {_id: agent.userId, username: TEST_AGENT.username, name: TEST_AGENT.name},
            },
          ],
        },
      },
      {exact: true},
    );
    // 8. getAgentData.
    const agentData = await ddp.call('livechat:getAgentData', [{roomId: rid, token}]);
    assert.deepEqual(agentData.result, {
      _id: agent.userId,
      username: TEST_AGENT.username,
      name: TEST_AGENT.name,
      status: 'online',
    });
    const later = await ddp.call('livechat:getInitialData', [token]);
    assertShape(later.result, {
      room: {
        _id: rid,
        t: 'l',
        v: {token},
        servedBy: {
          _id: agent.userId,
        },
      },
      visitor: {_id: registered.result.userId, username: anyString, token: absent},
      agentData: {_id: agent.userId},
    });
  });

  it('answers a repeated message _id with an empty result and stores it once', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const message = {_id: 'legacyRepeat0001', rid, msg: 'once', token};
    const first = await ddp.call('sendMessageLivechat', [message]);
    assert.equal(first.result.newRoom, false);
    const again = await ddp.call('sendMessageLivechat', [message]);
    assert.deepEqual(again, {msg: 'result', id: again.id});
    const history = await api(server.url, `/api/v1/livechat/messages.history/${rid}`, {
      query: {token},
    });
    const copies = history.body.messages.filter((m: {_id: string}) => m._id === message._id);
    assert.equal(copies.length, 1);
  });

  it('refuses a lone surrogate in the text, and stores nothing', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const lone = await ddp.call('sendMessageLivechat', [
      {_id: 'legacyLone000001', rid, msg: 'a\ud800b', token},
    ]);
    assert.equal(lone.error.error, 'invalid-params');
    const history = await api(server.url, `/api/v1/livechat/messages.history/${rid}`, {
      query: {token},
    });
    assert.equal(
      history.body.messages.filter((m: {_id: string}) => m._id === 'legacyLone000001').length,
      0,
    );
  });

  it('refuses an unknown token and a foreign room with Meteor errors', async () => {
    const other = await createVisitorWithRoom(server.url);
    const unknown = await ddp.call('sendMessageLivechat', [
      {_id: 'legacyUnknown001', rid: other.rid, msg: 'x', token: 'nobody'},
    ]);
    assertShape(unknown.error, {
      error: 'invalid-token',
      message: '[invalid-token]',
      errorType: 'Meteor.Error',
      isClientSafe: true,
    });
    const mine = await createVisitorWithRoom(server.url);
    const foreign = await ddp.call('livechat:getAgentData', [
      {roomId: other.rid, token: mine.token},
    ]);
    assertShape(foreign.error, {error: 'error-invalid-room', reason: 'Invalid room'});
    const regex = await ddp.call('livechat:loadHistory', [
      {token: mine.token, rid: {$regex: '.*'}},
    ]);
    assertShape(regex.error, {error: 'invalid-room', reason: 'Invalid Room'});
    const match = await ddp.call('livechat:getAgentData', ['not an object']);
    assertShape(match.error, {error: 400, reason: 'Match failed'});
  });

  it('loads history, saves survey feedback (sic) and closes by visitor', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    await ddp.call('sendMessageLivechat', [{_id: 'legacyHistory001', rid, msg: 'one', token}]);
    const history = await ddp.call('livechat:loadHistory', [{token, rid, limit: 2}]);
    assertShape(history.result, {unreadNotLoaded: 0});
    assert.equal(history.result.messages.length, 2);
    assert.equal(history.result.messages[0].msg, 'one', 'newest first');
    const closed = await ddp.call('livechat:closeByVisitor', [{roomId: rid, token}]);
    assert.equal(closed.result, true);
    const twice = await ddp.call('livechat:closeByVisitor', [{roomId: rid, token}]);
    assert.equal('result' in twice, false, 'false is left out, as the ddp-streamer does');
    const feedback = await ddp.call('livechat:saveSurveyFeedback', [
      token,
      rid,
      [
        {name: 'agentResposiveness', value: '5'},
        {name: 'additionalFeedback', value: 'Quick'},
      ],
    ]);
    assertShape(feedback.result, {acknowledged: true, modifiedCount: 1});
    const room = await api(server.url, '/api/v1/livechat/room', {query: {token}});
    assert.equal(room.body.newRoom, true, 'the closed room stays closed');
    const {body} = await api(server.url, '/api/v1/livechat/config', {query: {token}});
    assert.notEqual(body.config.room._id, rid);
  });

  it('sets custom fields, the department, pages and the next agent; offline form', async () => {
    const {token, rid} = await createVisitorWithRoom(server.url);
    const field = await ddp.call('livechat:setCustomField', [token, 'orderNumber', '99']);
    assert.equal(field.result, true);
    const visitor = await api(server.url, `/api/v1/livechat/visitor/${token}`);
    assert.deepEqual(visitor.body.visitor.livechatData, {orderNumber: '99'});
    const moved = await ddp.call('livechat:setDepartmentForVisitor', [
      {roomId: rid, visitorToken: token, departmentId: 'sales'},
    ]);
    assert.equal(moved.result, true);
    const page = await ddp.call('livechat:pageVisited', [
      token,
      rid,
      {change: 'url', title: 'Home', location: {href: 'https://shop.example/'}},
    ]);
    assert.equal('error' in page, false);
    const next = await ddp.call('livechat:getNextAgent', [{token: newToken()}]);
    assertShape(next.result, {_id: agent.userId, username: TEST_AGENT.username});
    const none = await ddp.call('livechat:getNextAgent', [{token}]);
    assert.equal('result' in none, false, 'nothing while the visitor has an open room');
    const offline = await ddp.call('livechat:sendOfflineMessage', [
      {name: 'Eve', email: 'eve@example.com', message: 'Call me back'},
    ]);
    assert.equal('error' in offline, false);
  });

  it('sends typing in both the legacy and the current form', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const agentDdp = await connectDdp(server.url);
    try {
      await agentDdp.call('login', [{resume: agent.authToken}]);
      const activity = `${visitor.rid}/user-activity`;
      await agentDdp.subscribe('stream-notify-room', [activity, visitorSubArgs('')]);
      const legacy = await ddp.subscribe('stream-notify-room', [
        `${visitor.rid}/typing`,
        visitorSubArgs(visitor.token),
      ]);
      assert.equal(legacy.msg, 'ready');
      const seen = agentDdp.nextEvent('stream-notify-room', activity);
      await ddp.call('stream-notify-room', [
        `${visitor.rid}/typing`,
        'whoever',
        true,
        {token: visitor.token},
      ]);
      assert.deepEqual((await seen).fields.args, [visitor.visitor.username, ['user-typing']]);
      const back = ddp.nextEvent('stream-notify-room', `${visitor.rid}/typing`);
      await agentDdp.call('stream-notify-room', [
        activity,
        TEST_AGENT.username,
        ['user-typing'],
        {},
      ]);
      assert.deepEqual((await back).fields.args, [TEST_AGENT.username, true]);
    } finally {
      agentDdp.close();
    }
  });

  it('binds the token with setUpConnection and marks the visitor offline on disconnect', async () => {
    const {token} = await createVisitorWithRoom(server.url);
    const socket = await connectDdp(server.url);
    await socket.call('livechat:setUpConnection', [{token}]);
    socket.close();
    await socket.closed;
    let status = '';
    for (let i = 0; i < 50 && status !== 'offline'; i++) {
      status = (await api(server.url, `/api/v1/livechat/visitor/${token}`)).body.visitor.status;
    }
    assert.equal(status, 'offline');
  });
});

describe('DDP rate limits', () => {
  it("allows 10 calls per 10 s per visitor token and method, with Meteor's error", async () => {
    const server = await startTestServer({rateLimit: true});
    const ddp = await connectDdp(server.url);
    try {
      const answers = [];
      for (let i = 0; i < 11; i++) {
        answers.push(await ddp.call('livechat:getInitialData', ['visitor-token']));
      }
      assert.ok(answers.slice(0, 10).every((a) => a.result));
      assertShape(answers[10].error, {
        error: 'too-many-requests',
        errorType: 'Meteor.Error',
        reason: matching(/^Error, too many requests\. Please slow down\. You must wait \d+ s/),
        details: {timeToReset: anyNumber},
      });
      const other = await ddp.call('livechat:getNextAgent', [{token: 'visitor-token'}]);
      assert.equal('error' in other, false, 'each method has its own count');
      const neighbour = await ddp.call('livechat:getInitialData', ['another-token']);
      assert.equal('error' in neighbour, false, 'each visitor has their own count');
    } finally {
      ddp.close();
      await server.close();
    }
  });
});
