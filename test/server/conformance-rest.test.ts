import assert from 'node:assert/strict';
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
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';
import {
  absent,
  anyId,
  anyNumber,
  anyString,
  assertShape,
  ejsonDate,
  isoDate,
  matching,
} from '../helpers/node/shape.js';
import {QUEUE_DATA} from '../helpers/rc-recordings.js';

// Bodies as Rocket.Chat answers them (rocketchat-protocol.md §2.2, §6 and the RC sources cited
// there); ids and dates are matchers, everything else must be equal field by field.
const INVALID_TOKEN = {success: false, error: '[invalid-token]', errorType: 'invalid-token'};
const INVALID_ROOM = {success: false, error: 'invalid-room'};
const BARE_FAILURE = {success: false};
const RC_SURVEY = {
  items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
  values: ['1', '2', '3', '4', '5'],
};
const ORDER_FIELD = {
  _id: 'orderNumber',
  label: 'Order number',
  regexp: '^[0-9]+$',
  required: false,
  type: 'input' as const,
  defaultValue: '',
  options: '',
  scope: 'visitor' as const,
};
const SALES = {_id: 'sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true};
const WORKSHOP = {
  _id: 'workshop',
  name: 'Workshop',
  showOnRegistration: true,
  showOnOfflineForm: false,
};

describe('REST conformance with Rocket.Chat bodies', () => {
  let server: TestServer;
  let agent: AgentLogin;
  before(async () => {
    server = await startTestServer({
      settings: {
        title: 'Bike shop',
        transcript: true,
        customFields: [ORDER_FIELD],
        departments: [SALES, {...WORKSHOP, agents: [TEST_AGENT.username]}],
      },
    });
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  const post = (path: string, body: unknown) => api(server.url, `/api/v1/livechat/${path}`, {body});
  const get = (path: string, query?: Record<string, string>) =>
    api(server.url, `/api/v1/livechat/${path}`, {query});

  it('GET config: the settings() shape, departments without their agents, RC survey', async () => {
    const {status, body} = await get('config');
    assert.equal(status, 200);
    assertShape(body, {
      success: true,
      config: {
        enabled: true,
        online: true,
        guest: absent,
        room: absent,
        agent: absent,
        settings: {
          registrationForm: true,
          nameFieldRegistrationForm: true,
          emailFieldRegistrationForm: true,
          displayOfflineForm: true,
          fileUpload: true,
          transcript: true,
          showConnecting: false,
          agentHiddenInfo: false,
          allowSwitchingDepartments: true,
          limitTextLength: 5000,
          historyMonitorType: 'url',
        },
        theme: {
          title: 'Bike shop',
          color: anyString,
          offlineTitle: anyString,
          offlineColor: anyString,
          position: 'right',
        },
        messages: {
          offlineMessage: anyString,
          offlineSuccessMessage: '',
          transcriptMessage: anyString,
          conversationFinishedMessage: anyString,
          conversationFinishedText: '',
          registrationFormMessage: '',
          offlineUnavailableMessage: '',
        },
        survey: RC_SURVEY,
        triggers: [],
        departments: [SALES, WORKSHOP],
        customFields: [ORDER_FIELD],
        resources: {sound: '/sounds/chime.wav', emojis: []},
      },
    });
  });

  it('POST visitor, GET visitor/:token, visitor.status, DELETE visitor/:token', async () => {
    const token = `conf-visitor-${Date.now()}`;
    const created = await post('visitor', {
      visitor: {
        token,
        name: 'Ada',
        email: 'ada@example.com',
        department: 'Sales',
        customFields: [{key: 'orderNumber', value: '4711', overwrite: true}],
      },
    });
    const visitorShape = {
      _id: anyId,
      token,
      username: matching(/^guest-\d+$/),
      name: 'Ada',
      visitorEmails: [{address: 'ada@example.com'}],
      department: 'sales',
      status: 'online',
      livechatData: {orderNumber: '4711'},
      ts: isoDate,
      _updatedAt: isoDate,
    };
    assertShape(created.body, {success: true, visitor: visitorShape}, {exact: true});
    assertShape((await get(`visitor/${token}`)).body, {success: true, visitor: visitorShape});
    const status = await post('visitor.status', {token, status: 'away'});
    assertShape(status.body, {token, status: 'away', success: true}, {exact: true});
    const removed = await api(server.url, `/api/v1/livechat/visitor/${token}`, {method: 'DELETE'});
    assertShape(
      removed.body,
      {success: true, visitor: {_id: created.body.visitor._id, ts: isoDate}},
      {exact: true},
    );
    assert.deepEqual((await get(`visitor/${token}`)).body, INVALID_TOKEN);
  });

  it('refuses a custom field value against its regexp, naming the field', async () => {
    const res = await post('visitor', {
      visitor: {
        token: `bad-field-${Date.now()}`,
        customFields: [{key: 'orderNumber', value: 'abc', overwrite: true}],
      },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      success: false,
      error: 'Invalid value for Order number field [invalid-custom-field-value]',
      errorType: 'invalid-custom-field-value',
      details: {field: 'orderNumber'},
    });
  });

  it('refuses to delete a visitor with an open room (Meteor.Error body)', async () => {
    const {token} = await createVisitorWithRoom(server.url);
    const res = await api(server.url, `/api/v1/livechat/visitor/${token}`, {method: 'DELETE'});
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      success: false,
      error: 'Cannot remove visitors with opened rooms [visitor-has-open-rooms]',
      errorType: 'visitor-has-open-rooms',
    });
  });

  it('GET room: newRoom true then false, widget source from the cookies', async () => {
    const token = `conf-room-${Date.now()}`;
    await post('visitor', {visitor: {token, name: 'Bo'}});
    const first = await api(server.url, '/api/v1/livechat/room', {
      query: {token},
      headers: {cookie: 'rc_room_type=l; rc_is_widget=t'},
    });
    assertShape(first.body, {
      success: true,
      newRoom: true,
      room: {
        _id: anyId,
        t: 'l',
        open: true,
        fname: 'Bo',
        msgs: 0,
        ts: isoDate,
        _updatedAt: isoDate,
        v: {_id: anyId, username: anyString, token, status: 'online'},
        source: {type: 'widget'},
        servedBy: {_id: agent.userId, username: TEST_AGENT.username, ts: isoDate},
      },
    });
    const again = await get('room', {token});
    assertShape(again.body, {newRoom: false, room: {_id: first.body.room._id}});
  });

  it('POST message, repeated _id → bare 400, GET message/:_id, foreign message', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Cy'});
    const body = {token: visitor.token, rid: visitor.rid, msg: 'Hello', _id: 'confMsgId000001'};
    const sent = await post('message', body);
    const messageShape = {
      _id: 'confMsgId000001',
      rid: visitor.rid,
      msg: 'Hello',
      ts: isoDate,
      u: {_id: visitor.visitor._id, username: visitor.visitor.username, name: 'Cy'},
      token: visitor.token,
      alias: 'Cy',
      _updatedAt: isoDate,
    };
    assertShape(sent.body, {success: true, message: messageShape}, {exact: true});
    const repeated = await post('message', body);
    assert.equal(repeated.status, 400);
    assert.deepEqual(repeated.body, BARE_FAILURE);
    const read = await get('message/confMsgId000001', {token: visitor.token, rid: visitor.rid});
    assertShape(read.body, {success: true, message: messageShape});
    const other = await createVisitorWithRoom(server.url);
    const foreign = await get('message/confMsgId000001', {token: other.token, rid: other.rid});
    assert.deepEqual(foreign.body, {success: false, error: 'invalid-message'});
  });

  it('PUT and DELETE message/:_id on own messages only', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const {body: sent} = await post('message', {
      token: visitor.token,
      rid: visitor.rid,
      msg: 'Typo',
    });
    const path = `/api/v1/livechat/message/${sent.message._id}`;
    const edited = await api(server.url, path, {
      method: 'PUT',
      body: {token: visitor.token, rid: visitor.rid, msg: 'Fixed'},
    });
    assertShape(edited.body, {
      success: true,
      message: {
        _id: sent.message._id,
        msg: 'Fixed',
        editedAt: isoDate,
        editedBy: {_id: visitor.visitor._id, username: visitor.visitor.username},
      },
    });
    const history = await get(`messages.history/${visitor.rid}`, {token: visitor.token});
    const agentJoin = history.body.messages.find((m: {t?: string}) => m.t === 'uj');
    const notOwn = await api(server.url, `/api/v1/livechat/message/${agentJoin._id}`, {
      method: 'PUT',
      body: {token: visitor.token, rid: visitor.rid, msg: 'hijack'},
    });
    assert.deepEqual(notOwn.body, {
      success: false,
      error: 'Message editing not allowed [error-action-not-allowed]',
      errorType: 'error-action-not-allowed',
    });
    const removed = await api(server.url, path, {
      method: 'DELETE',
      body: {token: visitor.token, rid: visitor.rid},
    });
    assertShape(
      removed.body,
      {success: true, message: {_id: sent.message._id, ts: isoDate}},
      {exact: true},
    );
    const gone = await get(`message/${sent.message._id}`, {token: visitor.token, rid: visitor.rid});
    assert.deepEqual(gone.body, {success: false, error: 'invalid-message'});
  });

  it('broadcasts an edit with editedAt as {$date} and a deletion on <rid>/deleteMessage', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connectDdp(server.url);
    try {
      await ddp.subscribe('stream-room-messages', [visitor.rid, visitorSubArgs(visitor.token)]);
      await ddp.subscribe('stream-notify-room', [
        `${visitor.rid}/deleteMessage`,
        visitorSubArgs(visitor.token),
      ]);
      const {body: sent} = await post('message', {
        token: visitor.token,
        rid: visitor.rid,
        msg: 'v1',
        _id: 'confEditLive0001',
      });
      await ddp.next((f) => f.fields?.args?.[0]?.msg === 'v1');
      const path = `/api/v1/livechat/message/${sent.message._id}`;
      const edited = ddp.next((f) => f.fields?.args?.[0]?.msg === 'v2');
      await api(server.url, path, {
        method: 'PUT',
        body: {token: visitor.token, rid: visitor.rid, msg: 'v2'},
      });
      assertShape((await edited).fields.args[0], {
        _id: 'confEditLive0001',
        editedAt: ejsonDate,
        editedBy: {_id: visitor.visitor._id},
        ts: ejsonDate,
      });
      const deleted = ddp.nextEvent('stream-notify-room', `${visitor.rid}/deleteMessage`);
      await api(server.url, path, {
        method: 'DELETE',
        body: {token: visitor.token, rid: visitor.rid},
      });
      assert.deepEqual((await deleted).fields, {
        eventName: `${visitor.rid}/deleteMessage`,
        args: [{_id: 'confEditLive0001'}],
      });
    } finally {
      ddp.close();
    }
  });

  it('room.close, then room-closed; survey with agentResposiveness; invalid-data', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const closed = await post('room.close', {token: visitor.token, rid: visitor.rid});
    assert.deepEqual(closed.body, {rid: visitor.rid, comment: 'Closed by visitor', success: true});
    const twice = await post('room.close', {token: visitor.token, rid: visitor.rid});
    assert.deepEqual(twice.body, {success: false, error: 'room-closed'});
    const {body: history} = await get(`messages.history/${visitor.rid}`, {token: visitor.token});
    assertShape(history.messages.slice(0, 2), [
      {t: 'command', msg: 'promptTranscript'},
      {
        t: 'livechat-close',
        msg: 'Closed by visitor',
        token: visitor.token,
        groupable: false,
        transcriptRequested: false,
        u: {_id: visitor.visitor._id},
      },
    ]);
    const data = [
      {name: 'satisfaction', value: '5'},
      {name: 'agentResposiveness', value: '4'},
      {name: 'agentKnowledge', value: '9'},
      {name: 'madeUp', value: '1'},
      {name: 'additionalFeedback', value: 'Great help'},
    ];
    const survey = await post('room.survey', {token: visitor.token, rid: visitor.rid, data});
    assert.deepEqual(survey.body, {
      rid: visitor.rid,
      success: true,
      data: {
        satisfaction: '5',
        agentResposiveness: '4',
        additionalFeedback: 'Great help',
      },
    });
    const none = await post('room.survey', {
      token: visitor.token,
      rid: visitor.rid,
      data: [{name: 'madeUp', value: '5'}],
    });
    assert.deepEqual(none.body, {success: false, error: 'invalid-data'});
    const badToken = await post('room.survey', {token: 'nobody', rid: visitor.rid, data});
    assert.deepEqual(badToken.body, INVALID_TOKEN);
  });

  it('transcript, offline.message, page.visited and custom.field(s) with capital Key', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const transcript = await post('transcript', {
      token: visitor.token,
      rid: visitor.rid,
      email: 'me@example.com',
    });
    assert.deepEqual(transcript.body, {message: 'Livechat transcript sent', success: true});
    const offline = await post('offline.message', {
      name: 'Di',
      email: 'di@example.com',
      message: 'Do you rent tandems?',
      department: 'sales',
    });
    assert.deepEqual(offline.body, {message: 'Livechat offline message sent', success: true});
    const pageInfo = {change: 'url', title: 'Bikes', location: {href: 'https://shop.example/b'}};
    const page = await post('page.visited', {token: visitor.token, rid: visitor.rid, pageInfo});
    assert.deepEqual(page.body, {
      success: true,
      page: {
        msg: 'Bikes - https://shop.example/b',
        navigation: {page: pageInfo, token: visitor.token},
      },
    });
    const titleOnly = await post('page.visited', {
      token: visitor.token,
      pageInfo: {...pageInfo, change: 'title'},
    });
    assert.deepEqual(titleOnly.body, {success: true});
    const one = await post('custom.field', {
      token: visitor.token,
      key: 'orderNumber',
      value: '42',
      overwrite: true,
    });
    assert.deepEqual(one.body, {
      field: {key: 'orderNumber', value: '42', overwrite: true},
      success: true,
    });
    const many = await post('custom.fields', {
      token: visitor.token,
      customFields: [
        {key: 'orderNumber', value: '43', overwrite: false},
        {key: 'unknown', value: 'x', overwrite: true},
      ],
    });
    assert.deepEqual(many.body, {
      fields: [{Key: 'orderNumber', value: '43', overwrite: false}],
      success: true,
    });
    const unknown = await post('custom.field', {
      token: visitor.token,
      key: 'unknown',
      value: 'x',
      overwrite: true,
    });
    assert.deepEqual(unknown.body, {success: false, error: 'invalid-custom-field'});
    const stored = await get(`visitor/${visitor.token}`);
    assert.deepEqual(stored.body.visitor.livechatData, {orderNumber: '42'});
  });

  it('room.transfer moves the room and logs livechat_transfer_history', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const moved = await post('room.transfer', {
      token: visitor.token,
      rid: visitor.rid,
      department: 'workshop',
    });
    assertShape(moved.body, {
      success: true,
      room: {_id: visitor.rid, departmentId: 'workshop', open: true, servedBy: {_id: agent.userId}},
    });
    const history = await get(`messages.history/${visitor.rid}`, {token: visitor.token});
    const log = history.body.messages.find(
      (m: {t?: string}) => m.t === 'livechat_transfer_history',
    );
    assertShape(log, {
      transferData: {
        scope: 'department',
        nextDepartment: {_id: 'workshop', name: 'Workshop'},
        transferredBy: {_id: visitor.visitor._id, type: 'visitor'},
      },
    });
  });

  it('agent.info and agent.next; an empty success while a room is open', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const info = await get(`agent.info/${visitor.rid}/${visitor.token}`);
    assert.deepEqual(info.body, {
      success: true,
      agent: {
        _id: agent.userId,
        username: TEST_AGENT.username,
        name: TEST_AGENT.name,
        status: 'online',
      },
    });
    assert.deepEqual((await get(`agent.next/${visitor.token}`)).body, {success: true});
    const next = await get('agent.next/a-visitor-who-has-not-registered-yet');
    assertShape(next.body, {success: true, agent: {_id: agent.userId}});
  });

  it('uses both error forms and RC statuses for unknown tokens and rooms', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    for (const path of ['room.close', 'transcript', 'room.survey']) {
      const res = await post(path, {
        token: visitor.token,
        rid: 'someoneElsesRoom1',
        email: 'a@b.c',
        data: [{name: 'satisfaction', value: '1'}],
      });
      assert.equal(res.status, 400, path);
      assert.deepEqual(res.body, INVALID_ROOM, path);
    }
    const unknown = await post('message', {token: 'nobody', rid: visitor.rid, msg: 'hi'});
    assert.deepEqual(unknown.body, INVALID_TOKEN);
  });
});

describe('queue conformance with Rocket.Chat frames', () => {
  it('queueData and queueInfo carry spot, message and estimatedWaitTimeSeconds', async () => {
    const server = await startTestServer({settings: {routing: 'manual', queueMessage: 'Hold on'}});
    const ddp = await connectDdp(server.url);
    try {
      const ahead = await createVisitorWithRoom(server.url);
      const {token, rid} = await createVisitorWithRoom(server.url);
      const at = (spot: number) => ({
        spot,
        estimatedWaitTimeSeconds: anyNumber,
        message: {text: 'Hold on', user: QUEUE_DATA.data.message.user},
      });
      const config = await api(server.url, '/api/v1/livechat/config', {query: {token}});
      assertShape(config.body.config.queueInfo, at(2), {exact: true});
      await ddp.subscribe('stream-livechat-room', [rid, visitorSubArgs(token)]);
      // The sub is told its spot at once, then each change.
      const [replayed] = (await ddp.nextEvent('stream-livechat-room', rid)).fields.args;
      assertShape(replayed, {type: QUEUE_DATA.type, data: at(2)}, {exact: true});
      const frame = ddp.nextEvent('stream-livechat-room', rid);
      // The chat ahead leaves the line: this one moves up, and hears so.
      await api(server.url, '/api/v1/livechat/room.close', {
        body: {token: ahead.token, rid: ahead.rid},
      });
      const [event] = (await frame).fields.args;
      assertShape(event, {type: QUEUE_DATA.type, data: at(1)}, {exact: true});
      assert.deepEqual(Object.keys(event.data).sort(), Object.keys(QUEUE_DATA.data).sort());
    } finally {
      ddp.close();
      await server.close();
    }
  });
});
