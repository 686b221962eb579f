import {expect} from '@open-wc/testing';
import {
  SNEAK_PEEK_THROTTLE_MS,
  TYPING_IDLE_MS,
  TYPING_THROTTLE_MS,
  type LiveChatClient,
  type Message,
} from '../../src/core/index.js';
import {record} from '../helpers/events.js';
import {rejection, setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeClock} from '../helpers/fake-clock.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

const AGENT = {_id: 'a', username: 'a'};
const texts = (messages: readonly Message[]) => messages.map((m) => m.text);

describe('LiveChatClient conversation features', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  let clock: FakeClock;
  let rid: string;
  beforeEach(async () => {
    ({client, server, clock} = setupClient());
    rid = await startLive(client, server);
  });
  afterEach(() => client.destroy());

  const writes = () =>
    server.activityWrites.map(([event, , activities, extra]) => [event, activities, extra]);

  it('sends typing at most every 4.5 s, stops after 5 s of silence and on send', async () => {
    const token = client.visitor!.token;
    const event = `${rid}/user-activity`;
    const typing = [event, ['user-typing'], {token}];
    const stopped = [event, [], {token}];
    client.setTyping(true);
    clock.advance(1000);
    client.setTyping(true);
    clock.advance(TYPING_THROTTLE_MS - 1000 - 1);
    client.setTyping(true);
    expect(writes()).to.deep.equal([typing]);
    clock.advance(1);
    client.setTyping(true);
    expect(writes()).to.deep.equal([typing, typing]);
    clock.advance(TYPING_IDLE_MS);
    expect(writes()).to.deep.equal([typing, typing, stopped]);
    client.setTyping(true);
    await client.send('hello');
    expect(writes()).to.deep.equal([typing, typing, stopped, typing, stopped]);
    expect(server.activityWrites[0][1]).to.equal(client.visitor!.username);
  });

  it('shares the draft as sneakPeek, at most every 2 s, the latest one last', async () => {
    client.destroy();
    ({client, server, clock} = setupClient((s) => (s.settings = {sneakPeek: true})));
    rid = await startLive(client, server);
    const token = client.visitor!.token;
    const event = `${rid}/user-activity`;
    client.setSneakPeek('H');
    client.setSneakPeek('He');
    client.setSneakPeek('Hel');
    expect(writes()).to.deep.equal([[event, ['user-typing'], {token, sneakPeek: 'H'}]]);
    clock.advance(SNEAK_PEEK_THROTTLE_MS);
    expect(writes().at(-1)).to.deep.equal([event, ['user-typing'], {token, sneakPeek: 'Hel'}]);
    expect(writes()).to.have.length(2);
    client.setSneakPeek('');
    expect(writes().at(-1)).to.deep.equal([event, [], {token}]);
  });

  it('sends no draft to a server that does not offer sneak peeks, only typing', async () => {
    const token = client.visitor!.token;
    const event = `${rid}/user-activity`;
    client.setSneakPeek('My order number is 12345');
    clock.advance(SNEAK_PEEK_THROTTLE_MS);
    client.setSneakPeek('');
    expect(writes()).to.deep.equal([
      [event, ['user-typing'], {token}],
      [event, [], {token}],
    ]);
  });

  it('does not send typing without a live chat', async () => {
    client.destroy();
    ({client, server, clock} = setupClient());
    await client.ready;
    client.setTyping(true);
    client.setSneakPeek('draft');
    clock.advance(TYPING_IDLE_MS);
    expect(server.activityWrites).to.deep.equal([]);
    expect(server.hub.sockets).to.have.length(0);
  });

  it('counts unread agent messages and markRead() clears them', async () => {
    const unread = record(client, 'unread-changed');
    const read = record(client, 'message-read');
    server.agentSays('one');
    server.agentSays('two');
    expect(client.getSnapshot().unread).to.equal(2);
    const [first] = client.getTranscript();
    await client.markRead(first.id);
    expect(client.getSnapshot()).to.include({unread: 1, lastReadId: first.id});
    await client.markRead();
    expect(client.getSnapshot().unread).to.equal(0);
    expect(unread.map((u) => u.count)).to.deep.equal([1, 2, 1, 0]);
    expect(read).to.have.length(2);
    await client.markRead(first.id);
    expect(read).to.have.length(2);
    expect((await rejection(client.markRead('nope'))).code).to.equal('invalid-input');
  });

  it('reads arriving messages at once while the window is open', async () => {
    client.setWindowOpen(true);
    const read = record(client, 'message-read');
    const unread = record(client, 'unread-changed');
    const agentMessage = server.agentSays('seen at once');
    expect(client.getSnapshot().unread).to.equal(0);
    expect(read).to.deep.equal([{messageId: agentMessage._id}]);
    expect(unread).to.deep.equal([]);
    client.setWindowOpen(false);
    server.agentSays('missed');
    expect(client.getSnapshot().unread).to.equal(1);
  });

  it('history() pages back from the oldest shown message, each page oldest first', async () => {
    for (let i = 1; i <= 45; i++) server.store({rid, msg: `old ${i}`, u: AGENT}, true);
    server.agentSays('newest');
    const pages = client.history();
    const first = await pages.next();
    expect(first.done).to.equal(false);
    expect(texts(first.value)).to.deep.equal(Array.from({length: 20}, (_, i) => `old ${i + 26}`));
    const second = await pages.next();
    expect(texts(second.value)).to.deep.equal(Array.from({length: 20}, (_, i) => `old ${i + 6}`));
    const third = await pages.next();
    expect(third.done).to.equal(false);
    expect(texts(third.value)).to.deep.equal(['old 1', 'old 2', 'old 3', 'old 4', 'old 5']);
    expect(await pages.next()).to.deep.equal({done: true, value: undefined});
    const history = server.calls(/messages\.history/).slice(-3);
    const path = `livechat/messages.history/${rid}`;
    expect(history.map((r) => r.path)).to.deep.equal([path, path, path]);
    expect(client.getTranscript().filter((m) => !m.type)).to.have.length(46);
    expect(texts(client.getTranscript().filter((m) => !m.type)).at(0)).to.equal('old 1');
  });

  it('history() works with for await and queues concurrent next() calls', async () => {
    for (let i = 1; i <= 25; i++) server.store({rid, msg: `m${i}`, u: AGENT}, true);
    const pages = client.history();
    const [a, b] = await Promise.all([pages.next(), pages.next()]);
    expect(texts(a.value).at(0)).to.equal('m6');
    expect(texts(b.value)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5']);
    let count = 0;
    for await (const page of client.history()) count += page.length;
    expect(count).to.equal(0);
  });

  it('lists the agents with their times, and the chat stats', async () => {
    const start = clock.now();
    server.agentJoins();
    clock.advance(60_000);
    server.agentCloses();
    const agents = client.getAgents();
    expect(agents).to.have.length(1);
    expect(agents[0]).to.include({name: 'Agent Smith', connected: false, supervisor: false});
    expect(agents[0].disconnectedTime! >= agents[0].connectedTime).to.equal(true);
    const stats = client.getStats();
    expect(stats).to.include({startTime: start, endTime: start + 60_000, duration: 60_000});
    expect(stats.agents).to.deep.equal(agents);
  });

  it('importHistory() shows entries as imported, never sends them, skips known ids', async () => {
    const before = server.requests.length;
    const transcript = client.importHistory([
      {id: 'bot-1', text: 'Hi, I am the bot', ts: 1000, author: {name: 'Bot'}},
      {id: 'me-1', text: 'A human?', ts: '1970-01-01T00:00:02.000Z', author: {role: 'visitor'}},
    ]);
    expect(transcript.map((m) => [m.id, m.author.role, m.imported, m.status])).to.deep.equal([
      ['bot-1', 'agent', true, 'sent'],
      ['me-1', 'visitor', true, 'sent'],
    ]);
    expect(client.importHistory([{id: 'bot-1', text: 'again'}])).to.have.length(2);
    expect(() => client.importHistory([{text: 'ok'}, {id: 'x'} as never])).to.throw('entry 1');
    expect(client.getTranscript()).to.have.length(2);
    expect(server.requests.length).to.equal(before);
  });
});
