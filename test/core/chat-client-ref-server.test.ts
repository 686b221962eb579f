import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, MemorySessionStore} from '../../src/core/index.js';
import {receivedWhere} from '../helpers/events.js';
import {startRefServer, type RefServer} from '../helpers/ref-server.js';

describe('LiveChatClient against the reference server', () => {
  let server: RefServer;
  const clients: LiveChatClient[] = [];
  const newClient = (store: MemorySessionStore) => {
    const client = new LiveChatClient({server: server.url, store});
    clients.push(client);
    return client;
  };

  before(async () => {
    server = await startRefServer();
  });
  after(async () => {
    clients.forEach((c) => c.destroy());
    await server.stop();
  });

  it('sends, receives the agent reply, and restores the conversation in a new client', async () => {
    const store = new MemorySessionStore();
    const visitor = newClient(store);
    const config = await visitor.ready;
    expect(config.online).to.equal(true);

    const sent = await visitor.send('Hello from the browser');
    expect(sent.status).to.equal('sent');
    const rid = visitor.room!._id;
    await waitUntil(() => visitor.connection === 'connected', 'live link up');

    const received = receivedWhere(visitor, (m) => m.author.role === 'agent');
    await server.agentReply(rid, 'Hello, visitor!');
    const message = await received;
    expect(message).to.include({text: 'Hello, visitor!', rid});
    expect(message.author.role).to.equal('agent');
    expect(visitor.state).to.equal('active');
    const ownMessages = visitor.getTranscript().filter((m) => m.author.role === 'visitor');
    expect(ownMessages.map((m) => m.text)).to.deep.equal(['Hello from the browser']);
    visitor.destroy();

    const again = newClient(store);
    expect(await again.restore()).to.equal(true);
    const texts = () =>
      again
        .getTranscript()
        .filter((m) => !m.type)
        .map((m) => m.text);
    expect(texts()).to.deep.equal(['Hello from the browser', 'Hello, visitor!']);
    await waitUntil(() => again.connection === 'connected', 'restored link up');
    const later = receivedWhere(again, (m) => m.author.role === 'agent');
    await server.agentReply(rid, 'Still here');
    expect((await later).text).to.equal('Still here');
    expect(texts()).to.deep.equal(['Hello from the browser', 'Hello, visitor!', 'Still here']);
  });

  it('delivers exactly once when the answer to a send is lost', async () => {
    let isFirstSend = true;
    // The request reaches the server, but the page never hears back: the classic lost ack.
    const lossyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (isFirstSend && String(input).endsWith('/livechat/message') && init?.method === 'POST') {
        isFirstSend = false;
        throw new TypeError('Failed to fetch');
      }
      return response;
    };
    const store = new MemorySessionStore();
    const client = new LiveChatClient({server: server.url, store, fetch: lossyFetch});
    clients.push(client);
    await client.start();
    await waitUntil(() => client.connection === 'connected', 'live link up');
    const message = await client.send('exactly once, please');
    expect(message.status).to.equal('sent');
    const copies = client.getTranscript().filter((m) => m.text === 'exactly once, please');
    expect(copies).to.have.length(1);
    const path = `livechat/messages.history/${client.room!._id}?token=${client.visitor!.token}`;
    const response = await fetch(`${server.url}/api/v1/${path}`);
    const history = (await response.json()) as {messages: {_id: string}[]};
    expect(history.messages.filter((m) => m._id === message.id)).to.have.length(1);
  });

  it('registers again when the server no longer knows the stored visitor', async () => {
    const store = new MemorySessionStore();
    const first = newClient(store);
    await first.ready;
    const registered = await first.register({name: 'Ann', email: 'ann@example.com'});
    first.destroy();
    // What the server's sweep of visitors who never wrote does after a day.
    const removed = await fetch(`${server.url}/api/v1/livechat/visitor/${registered.token}`, {
      method: 'DELETE',
    });
    expect(removed.status).to.equal(200);

    const again = newClient(store);
    expect(await again.restore()).to.equal(true);
    const sent = await again.send('Back after a while');
    expect(sent.status).to.equal('sent');
    expect(again.visitor).to.include({token: registered.token, name: 'Ann'});
    expect(again.visitor!.id).to.not.equal(registered.id);
  });
});
