import {expect} from '@open-wc/testing';
import type {LiveChatClient} from '../../src/core/index.js';
import {rejection, setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

describe('LiveChatClient requests besides messages', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  beforeEach(async () => {
    ({client, server} = setupClient());
    await client.ready;
  });
  afterEach(() => client.destroy());

  const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

  it('register() sends the visitor at once, then its custom fields', async () => {
    const visitor = await client.register({
      name: ' Ann ',
      email: 'ann@example.com',
      department: 'sales',
      customFields: {address: 'Main street 1', plan: 'gold'},
    });
    expect(visitor).to.include({name: 'Ann', email: 'ann@example.com', department: 'sales'});
    const expected = ['POST livechat/visitor', 'POST livechat/custom.fields'];
    expect(paths().slice(1)).to.deep.equal(expected);
    const [, visitorCall, fieldsCall] = server.requests;
    const {locale, timeZone} = Intl.DateTimeFormat().resolvedOptions();
    expect(visitorCall.body).to.deep.equal({
      visitor: {
        token: visitor.token,
        name: 'Ann',
        email: 'ann@example.com',
        department: 'sales',
        language: locale,
        timezone: timeZone,
      },
    });
    expect(fieldsCall.body).to.deep.equal({
      token: visitor.token,
      customFields: [
        {key: 'address', value: 'Main street 1', overwrite: true},
        {key: 'plan', value: 'gold', overwrite: true},
      ],
    });
  });

  it('updateVisitor() changes only what it is given', async () => {
    await client.register({name: 'Ann', email: 'ann@example.com'});
    const updated = await client.updateVisitor({email: 'ann@work.example'});
    expect(updated).to.include({name: 'Ann', email: 'ann@work.example'});
    expect(server.calls(/POST livechat\/visitor$/)).to.have.length(2);
  });

  it('rate() sends every answer in one room.survey, in Rocket.Chat spelling', async () => {
    await startLive(client, server);
    await client.end();
    await client.rate({
      satisfaction: 5,
      agentKnowledge: '4',
      agentResponsiveness: 3,
      agentFriendliness: 5,
      comment: '  Quick and kind  ',
    });
    expect(server.received.surveys).to.deep.equal([
      {
        rid: client.room!._id,
        token: client.visitor!.token,
        data: [
          {name: 'satisfaction', value: '5'},
          {name: 'agentKnowledge', value: '4'},
          {name: 'agentResposiveness', value: '3'},
          {name: 'agentFriendliness', value: '5'},
          {name: 'additionalFeedback', value: 'Quick and kind'},
        ],
      },
    ]);
    expect(client.getSnapshot().surveySent).to.equal(true);
  });

  it('rate() refuses values outside 1–5 and empty ratings before any request', async () => {
    await startLive(client, server);
    const before = server.requests.length;
    expect((await rejection(client.rate({satisfaction: 6}))).code).to.equal('invalid-input');
    expect((await rejection(client.rate({comment: '   '}))).code).to.equal('invalid-input');
    expect(server.requests.length).to.equal(before);
    expect(client.getSnapshot().surveySent).to.equal(false);
  });

  it('rate() and requestTranscript() need a chat', async () => {
    expect((await rejection(client.rate({satisfaction: 5}))).code).to.equal('no-active-chat');
    const transcript = client.requestTranscript('ann@example.com');
    expect((await rejection(transcript)).code).to.equal('no-active-chat');
  });

  it('requestTranscript() posts the email for the chat, also after it ended', async () => {
    await startLive(client, server);
    expect((await rejection(client.requestTranscript('not-an-email'))).code).to.equal(
      'invalid-input',
    );
    await client.end();
    await client.requestTranscript(' ann@example.com ');
    const rid = client.room!._id;
    const token = client.visitor!.token;
    expect(server.received.transcripts).to.deep.equal([{token, rid, email: 'ann@example.com'}]);
    expect(client.getSnapshot().transcriptSent).to.equal(true);
  });

  it('leaveMessage() sends the offline form without creating a visitor', async () => {
    const input = {name: 'Ann', email: 'ann@example.com', message: 'Call me', department: 'd1'};
    await client.leaveMessage(input);
    expect(server.received.offlineMessages).to.deep.equal([input]);
    expect(client.visitor).to.equal(null);
    expect(paths()).to.deep.equal(['GET livechat/config', 'POST livechat/offline.message']);
    expect(client.getSnapshot().offlineMessageSent).to.equal(true);
  });

  it('leaveMessage() refuses a missing name, a bad email and an empty message', async () => {
    const base = {name: 'Ann', email: 'ann@example.com', message: 'Hi'};
    for (const bad of [{name: ' '}, {email: 'ann@'}, {message: '\n'}]) {
      const error = await rejection(client.leaveMessage({...base, ...bad}));
      expect(error.code).to.equal('invalid-input');
    }
    expect(server.received.offlineMessages).to.deep.equal([]);
  });

  it('setDepartment() sets the visitor before a chat and transfers during one', async () => {
    await client.setDepartment('sales');
    const sent = server.calls(/POST livechat\/visitor$/).at(-1)!.body as {visitor: object};
    expect(sent.visitor).to.include({token: client.visitor!.token, department: 'sales'});
    expect(client.visitor?.department).to.equal('sales');
    await startLive(client, server);
    await client.setDepartment('support');
    const transfer = server.calls(/POST livechat\/room\.transfer/);
    const rid = client.room!._id;
    expect(transfer.map((r) => r.body)).to.deep.equal([
      {token: client.visitor!.token, rid, department: 'support'},
    ]);
    expect(client.room?.departmentId).to.equal('support');
    expect(client.visitor?.department).to.equal('support');
  });

  it('pageVisited() waits for a visitor, then reports url and title', async () => {
    await client.pageVisited({url: 'https://shop.example/a', title: 'A'});
    expect(server.received.pages).to.deep.equal([]);
    const rid = await startLive(client, server);
    await client.pageVisited({url: 'https://shop.example/b', title: 'B'});
    expect(server.received.pages).to.deep.equal([
      {
        token: client.visitor!.token,
        rid,
        pageInfo: {change: 'url', title: 'B', location: {href: 'https://shop.example/b'}},
      },
    ]);
    expect((await rejection(client.pageVisited({url: ''}))).code).to.equal('invalid-input');
  });

  it('start() after an ended chat opens a new room for the same visitor', async () => {
    const first = await startLive(client, server);
    await client.send('first chat');
    await client.rate({satisfaction: 5});
    server.agentCloses();
    expect(client.state).to.equal('ended');
    const token = client.visitor!.token;
    const second = await client.start();
    expect(second._id).to.not.equal(first);
    expect(client.visitor!.token).to.equal(token);
    expect(client.getSnapshot()).to.include({state: 'connecting', surveySent: false});
    expect(client.getTranscript()).to.deep.equal([]);
    expect(server.calls(/POST livechat\/visitor$/)).to.have.length(1);
  });
});
