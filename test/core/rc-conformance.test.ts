import {expect, waitUntil} from '@open-wc/testing';
import type {LiveChatClient} from '../../src/core/index.js';
import {record} from '../helpers/events.js';
import {rejection, setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';
import * as rc from '../helpers/rc-recordings.js';

const MESSAGES = 'stream-room-messages';
const ROOM = 'stream-livechat-room';
const NOTIFY = 'stream-notify-room';

describe('LiveChatClient against recorded Rocket.Chat frames and bodies', () => {
  let ctx: ReturnType<typeof setupClient>;
  let client: LiveChatClient;
  let server: FakeRcServer;
  let rid: string;
  const roomMessage = (frame: object) => server.emit(MESSAGES, rid, [rc.inRoom(frame, rid)]);

  beforeEach(async () => {
    ctx = setupClient();
    ({client, server} = ctx);
    rid = await startLive(client, server);
  });
  afterEach(() => client.destroy());

  it('ignores greeting frames without msg and keeps working', async () => {
    const errors = record(client, 'error');
    server.hub.last.receive(rc.GREETING_METEOR);
    server.hub.last.receive(rc.GREETING_STREAMER);
    roomMessage(rc.AGENT_TEXT);
    expect(client.connection).to.equal('connected');
    expect(errors).to.deep.equal([]);
    expect(client.getTranscript().map((m) => m.text)).to.deep.equal(['Hi, how can I help?']);
  });

  it('maps an agent message with an EJSON date, and a REST one with an ISO date', async () => {
    const received = record(client, 'message-received');
    roomMessage(rc.AGENT_TEXT);
    server.failNext(/messages\.history/, {
      status: 200,
      body: {messages: [rc.inRoom(rc.AGENT_TEXT_REST, rid)], success: true},
    });
    const pages = client.history();
    await pages.next();
    const [live, fromHistory] = [rc.AGENT_TEXT._id, rc.AGENT_TEXT_REST._id].map((id) =>
      client.getTranscript().find((m) => m.id === id),
    );
    expect(live).to.deep.include({ts: 1625862058755, text: 'Hi, how can I help?', rid});
    expect(live!.author).to.deep.equal({
      id: rc.RC_AGENT._id,
      username: 'livechat.agent',
      name: 'Livechat Agent',
      role: 'agent',
    });
    expect(fromHistory!.ts).to.equal(Date.parse('2021-07-09T20:20:50.000Z'));
    expect(received.map((r) => r.message.id)).to.deep.equal([rc.AGENT_TEXT._id]);
  });

  it('upserts an edit by _id and reports it with editedAt', async () => {
    roomMessage(rc.AGENT_TEXT);
    const updated = record(client, 'message-updated');
    roomMessage(rc.AGENT_TEXT_EDITED);
    expect(client.getTranscript()).to.have.length(1);
    expect(updated).to.have.length(1);
    expect(updated[0].message).to.deep.include({
      id: rc.AGENT_TEXT._id,
      text: 'Hi, how may I help?',
      editedAt: 1625862070000,
    });
  });

  it('removes a message on deleteMessage and says so with type rm', async () => {
    roomMessage(rc.AGENT_TEXT);
    const updated = record(client, 'message-updated');
    server.emit(NOTIFY, `${rid}/deleteMessage`, rc.DELETE_MESSAGE(rc.AGENT_TEXT._id));
    expect(client.getTranscript()).to.deep.equal([]);
    expect(updated[0].message).to.deep.include({id: rc.AGENT_TEXT._id, type: 'rm', text: ''});
  });

  it('becomes active on command connected and uj, showing only the join', async () => {
    expect(client.state).to.equal('connecting');
    roomMessage(rc.COMMAND_CONNECTED);
    roomMessage(rc.USER_JOINED);
    expect(client.state).to.equal('active');
    expect(client.agent).to.include({id: rc.RC_AGENT._id, name: 'Livechat Agent'});
    expect(client.getTranscript().map((m) => m.type)).to.deep.equal(['uj']);
    expect(client.getAgents().map((a) => [a.name, a.connected])).to.deep.equal([
      ['Livechat Agent', true],
    ]);
  });

  it('follows agentData, a hidden agent, agentStatus and queueData', async () => {
    const queue = record(client, 'queue-changed');
    server.emit(ROOM, rid, [rc.QUEUE_DATA]);
    expect(queue).to.deep.equal([{position: 3, estimatedWaitSeconds: 420}]);
    expect(client.getSnapshot().queue).to.deep.equal({position: 3, estimatedWaitSeconds: 420});
    server.emit(ROOM, rid, [rc.AGENT_DATA]);
    expect(client.agent).to.include({username: 'livechat.agent', status: 'online'});
    expect(client.state).to.equal('active');
    expect(client.getSnapshot().queue).to.equal(null);
    const status = record(client, 'agent-status');
    server.emit(ROOM, rid, [rc.AGENT_STATUS_AWAY]);
    expect(status).to.deep.equal([{status: 'away'}]);
    expect(client.agent?.status).to.equal('away');
    const changed = record(client, 'agent-changed');
    server.emit(ROOM, rid, [rc.AGENT_DATA_HIDDEN]);
    expect(changed).to.deep.equal([{agent: null}]);
    expect(client.getSnapshot()).to.include({agent: null, agentHidden: true, state: 'active'});
    server.emit(ROOM, rid, [rc.VISITOR_DATA]);
    expect(client.getSnapshot().agentHidden).to.equal(true);
  });

  it('reports agent typing from user-activity', async () => {
    const typing = record(client, 'typing');
    server.emit(NOTIFY, `${rid}/user-activity`, rc.TYPING_START);
    expect(client.getSnapshot().agentTyping).to.equal(true);
    server.emit(NOTIFY, `${rid}/user-activity`, rc.TYPING_STOP);
    expect(typing).to.deep.equal([
      {isTyping: true, username: 'livechat.agent'},
      {isTyping: false, username: 'livechat.agent'},
    ]);
    expect(client.getSnapshot().agentTyping).to.equal(false);
  });

  it('ends on livechat-close and offers the transcript on promptTranscript', async () => {
    const ended = record(client, 'chat-ended');
    roomMessage(rc.LIVECHAT_CLOSE_BY_AGENT);
    roomMessage(rc.PROMPT_TRANSCRIPT);
    expect(ended).to.deep.equal([{rid, by: 'agent'}]);
    expect(client.getSnapshot()).to.include({state: 'ended', transcriptOffered: true});
    expect(client.getTranscript().map((m) => m.type)).to.deep.equal(['livechat-close']);
  });

  it('hides the system messages Rocket.Chat hides, and those the config lists', async () => {
    let ts = 1625862000000;
    for (const t of rc.HIDDEN_TYPES) {
      roomMessage({...rc.LIVECHAT_STARTED, _id: `hidden-${t}`, t, ts: {$date: ts++}});
    }
    roomMessage(rc.USER_LEFT);
    roomMessage(rc.TRANSFER_HISTORY);
    expect(client.getTranscript().map((m) => m.type)).to.deep.equal([
      'livechat_transfer_history',
      'ul',
    ]);
    client.destroy();
    ctx = setupClient((s) => {
      s.settings = {hiddenSystemMessages: ['uj', 'ul']};
    });
    ({client, server} = ctx);
    rid = await startLive(client, server);
    roomMessage(rc.USER_JOINED);
    roomMessage(rc.USER_LEFT);
    expect(client.getTranscript()).to.deep.equal([]);
    expect(client.state).to.equal('active');
  });

  it('maps a file message to an attachment with an absolute URL and its dimensions', async () => {
    roomMessage(rc.FILE_MESSAGE);
    const attachments = () => client.getTranscript()[0].attachments;
    expect(attachments()![0].url, 'no link until the signed one is known').to.equal(undefined);
    await waitUntil(() => attachments()![0].url, 'the link');
    expect(attachments()).to.deep.equal([
      {
        title: 'a.png',
        url: `${server.url}/file-upload/fileId/a.png`,
        type: 'image/png',
        size: 1234,
        description: 'the screenshot',
        width: 1,
        height: 1,
      },
    ]);
  });

  it('maps both error body forms, 429 and the upload refusals to codes', async () => {
    const cases: [object, number, string][] = [
      [rc.ERROR_METEOR, 400, 'invalid-token'],
      [rc.ERROR_PLAIN, 400, 'invalid-room'],
      [rc.ERROR_BRACKET_ONLY, 400, 'invalid-token'],
      [rc.ERROR_ROOM_CLOSED, 400, 'room-closed'],
      [rc.ERROR_TOO_MANY, 429, 'rate-limited'],
      [rc.ERROR_NO_AGENT, 400, 'offline'],
    ];
    for (const [body, status, code] of cases) {
      server.failNext(/^livechat\/transcript$/, {status, body});
      const error = await rejection(client.requestTranscript('visitor@example.com'));
      expect([error.code, status]).to.deep.equal([code, status]);
    }
    for (const [body, code] of [
      [rc.ERROR_UPLOAD_SIZE, 'too-large'],
      [rc.ERROR_UPLOAD_TYPE, 'invalid-file'],
    ] as const) {
      server.failNext(/^livechat\/upload\//, {status: 400, body});
      const file = new File(['x'], 'x.txt', {type: 'text/plain'});
      expect((await rejection(client.sendFile(file))).code).to.equal(code);
    }
  });

  it('accepts custom.fields answers with the capital Key', async () => {
    server.failNext(/^livechat\/custom\.fields$/, {status: 200, body: rc.CUSTOM_FIELDS_ANSWER});
    const visitor = await client.register({name: 'Ann', customFields: {address: 'RC street'}});
    expect(visitor.name).to.equal('Ann');
  });
});

describe('LiveChatClient with the recorded config and room answers', () => {
  it('shows the registration form the sample config asks for, and its survey', async () => {
    const {client, server} = setupClient((s) => {
      s.failNext(/^livechat\/config$/, {status: 200, body: rc.CONFIG_SAMPLE});
    });
    await client.ready;
    expect(client.state).to.equal('registering');
    expect(client.config?.survey.items).to.include('agentResposiveness');
    await client.register({name: 'Ann', email: 'ann@example.com'});
    expect(client.state).to.equal('idle');
    // Rocket.Chat's fields, plus this project's language and time zone (which it ignores).
    const {locale, timeZone} = Intl.DateTimeFormat().resolvedOptions();
    expect(server.calls(/POST livechat\/visitor/)[0].body).to.deep.equal({
      visitor: {
        token: client.visitor!.token,
        name: 'Ann',
        email: 'ann@example.com',
        language: locale,
        timezone: timeZone,
      },
    });
    client.destroy();
  });

  it('takes the room id the server chose, whatever it is', async () => {
    const {client, server} = setupClient();
    await client.ready;
    await client.register({name: 'Ann'});
    const token = client.visitor!.token;
    const v = {_id: 'v', token, username: 'g'};
    const room = {_id: 'zRAeTszXor8CCPceB', t: 'l', open: true, v};
    server.failNext(/^livechat\/room$/, {status: 200, body: {room, newRoom: true, success: true}});
    const started = await client.start();
    expect(started._id).to.equal('zRAeTszXor8CCPceB');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const subs = server.hub.last.framesOf('sub').map((f) => (f.params as string[])[0]);
    expect(subs).to.deep.equal([
      'zRAeTszXor8CCPceB',
      'zRAeTszXor8CCPceB',
      'zRAeTszXor8CCPceB/user-activity',
      'zRAeTszXor8CCPceB/deleteMessage',
      'zRAeTszXor8CCPceB/messagesRead',
    ]);
    client.destroy();
  });

  it('goes offline when the room is refused with no-agent-online', async () => {
    const {client, server} = setupClient();
    await client.ready;
    server.failNext(/^livechat\/room$/, {status: 400, body: rc.ERROR_NO_AGENT});
    expect((await rejection(client.start())).code).to.equal('offline');
    expect(client.state).to.equal('offline');
    client.destroy();
  });
});
