import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, MemorySessionStore} from '../../src/core/index.js';
import {startRefServer, type RefServer} from '../helpers/ref-server.js';

const ADDRESS_FIELD = {
  _id: 'address',
  label: 'Address',
  scope: 'visitor',
  visibility: 'visible',
  type: 'input',
  required: false,
  regexp: '',
};

describe('LiveChatClient requests against the reference server', () => {
  let server: RefServer;
  const clients: LiveChatClient[] = [];
  const newClient = () => {
    const client = new LiveChatClient({server: server.url, store: new MemorySessionStore()});
    clients.push(client);
    return client;
  };

  before(async () => {
    server = await startRefServer({
      agents: [{username: 'agent', password: 'pw', name: 'Agent Smith'}],
      rateLimit: false,
      settings: {customFields: [ADDRESS_FIELD], transcript: true, fileUpload: true},
    });
  });
  after(async () => {
    clients.forEach((c) => c.destroy());
    await server.stop();
  });

  it('registers with custom fields, which the server stores on the visitor', async () => {
    const client = newClient();
    await client.ready;
    expect(client.state).to.equal('registering');
    const visitor = await client.register({
      name: 'Ann Visitor',
      email: 'ann@example.com',
      customFields: {address: 'Main street 1'},
    });
    expect(client.state).to.equal('idle');
    const response = await fetch(`${server.url}/api/v1/livechat/visitor/${visitor.token}`);
    const body = (await response.json()) as {visitor: Record<string, unknown>};
    expect(body.visitor).to.deep.include({
      name: 'Ann Visitor',
      livechatData: {address: 'Main street 1'},
    });
  });

  it('rates the ended chat and asks for its transcript; the agent sees both', async () => {
    const client = newClient();
    await client.register({name: 'Bob', email: 'bob@example.com'});
    await client.send('Hello');
    await waitUntil(() => client.state === 'active', 'an agent took the chat', {timeout: 5000});
    const rid = client.room!._id;
    await client.end();
    await client.rate({satisfaction: 5, agentResponsiveness: 4, comment: 'Great'});
    await client.requestTranscript('bob@example.com');
    expect(client.getSnapshot()).to.include({surveySent: true, transcriptSent: true});
    const feedback = await server.agentGet(`livechat/room.feedback?rid=${rid}`);
    expect(feedback.surveyFeedback).to.deep.include({
      satisfaction: '5',
      agentResposiveness: '4',
      additionalFeedback: 'Great',
    });
    const requests = feedback.transcriptRequests as {email: string}[];
    expect(requests.map((r) => r.email)).to.deep.equal(['bob@example.com']);
  });

  it('leaves an offline message that the agent console lists', async () => {
    const client = newClient();
    await client.ready;
    const input = {name: 'Cy', email: 'cy@example.com', message: 'Please call me back'};
    await client.leaveMessage(input);
    expect(client.visitor).to.equal(null);
    const inbox = await server.agentGet('livechat/offline.messages');
    const messages = inbox.messages as Record<string, unknown>[];
    expect(messages.some((m) => m.message === input.message && m.email === input.email)).to.equal(
      true,
    );
  });

  it('uploads a file with progress, and the server shows it in the room', async () => {
    const client = newClient();
    await client.register({name: 'Dee'});
    await client.start();
    const progress: number[] = [];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const file = new File([png], 'dot.png', {type: 'image/png'});
    const message = await client.sendFile(file, {onProgress: (f) => progress.push(f)});
    expect(message.status).to.equal('sent');
    expect(message.attachments?.[0]?.title).to.equal('dot.png');
    expect(progress.at(-1)).to.equal(1);
    const files = client.getTranscript().filter((m) => m.attachments?.length);
    expect(files.map((m) => m.id)).to.deep.equal([message.id]);
  });
});
