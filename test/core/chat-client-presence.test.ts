import {expect, waitUntil} from '@open-wc/testing';
import {READ_SYNC_MS, type LiveChatClient} from '../../src/core/index.js';
import {record} from '../helpers/events.js';
import {setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeClock} from '../helpers/fake-clock.js';
import {AGENT, type FakeRcServer} from '../helpers/fake-rc-server.js';

describe('LiveChatClient presence on a Rocket.Chat server', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  let clock: FakeClock;
  let rid: string;
  beforeEach(async () => {
    ({client, server, clock} = setupClient());
    rid = await startLive(client, server);
  });
  afterEach(() => client.destroy());

  const roomReads = () => server.calls(/^POST livechat\/room\.read$/);

  it('fires agent-left once when the agent leaves (ul), not when the message comes again', async () => {
    server.agentJoins();
    await waitUntil(() => client.agent?.id === AGENT._id, 'agent known');
    const left = record(client, 'agent-left');
    const leave = server.store({rid, msg: '', t: 'ul', u: AGENT});
    await waitUntil(() => left.length === 1, 'agent-left');
    expect(left[0].agent).to.include({id: AGENT._id, username: AGENT.username});
    server.emit('stream-room-messages', rid, [{...leave, ts: {$date: leave.ts}}]);
    server.agentCloses();
    await waitUntil(() => client.state === 'ended', 'chat ended');
    expect(left).to.have.length(1);
  });

  it('fires agent-left when the agent closes the chat, before chat-ended', async () => {
    server.agentJoins();
    await waitUntil(() => client.agent?.id === AGENT._id, 'agent known');
    const order: string[] = [];
    client.on('agent-left', ({agent}) => order.push(`left ${agent.username}`));
    client.on('chat-ended', ({by}) => order.push(`ended by ${by}`));
    server.agentCloses();
    await waitUntil(() => order.length === 2, 'both events');
    expect(order).to.deep.equal([`left ${AGENT.username}`, 'ended by agent']);
  });

  it('shows the agent’s read receipt (messagesRead) as seenId and agent-read', async () => {
    server.agentJoins();
    const first = await client.send('First question');
    const second = await client.send('Second question');
    const reads = record(client, 'agent-read');
    const event = `${rid}/messagesRead`;
    const secondTs = server.stored().find((m) => m._id === second.id)!.ts;
    server.emit('stream-notify-room', event, [{until: {$date: secondTs}}]);
    await waitUntil(() => reads.length === 1, 'agent-read');
    expect(reads[0]).to.deep.equal({until: secondTs, messageId: first.id});
    expect(client.getSnapshot()).to.include({agentReadUntil: secondTs, seenId: first.id});
    server.emit('stream-notify-room', event, [{until: {$date: secondTs - 1}}]);
    server.emit('stream-notify-room', event, [{tmid: 'thread', until: {$date: secondTs + 5}}]);
    server.emit('stream-notify-room', event, [{until: {$date: secondTs + 1}}]);
    await waitUntil(() => reads.length === 2, 'second agent-read');
    expect(reads[1]).to.deep.equal({until: secondTs + 1, messageId: second.id});
    expect(client.getSnapshot().seenId).to.equal(second.id);
  });

  it('stops telling reads to a server without room.read, silently, for the session', async () => {
    const errors = record(client, 'error');
    const reply = server.agentSays('Hello!');
    await waitUntil(() => client.getTranscript().some((m) => m.id === reply._id), 'reply');
    await client.markRead();
    clock.advance(0);
    await waitUntil(() => roomReads().length === 1, 'one read sent');
    expect(roomReads()[0].body).to.deep.include({rid, messageId: reply._id});
    const later = server.agentSays('Anything else?');
    await waitUntil(() => client.getTranscript().some((m) => m.id === later._id), 'reply 2');
    await client.markRead();
    clock.advance(READ_SYNC_MS * 2);
    expect(client.getSnapshot().lastReadId).to.equal(later._id);
    expect(roomReads()).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });

  it('coalesces reads: the newest one goes out, then at most every 1.5 s', async () => {
    const ok = {status: 200, body: {success: true}};
    for (let i = 0; i < 2; i++) server.failNext(/room\.read/, ok);
    const replies = ['One', 'Two', 'Three'].map((text) => server.agentSays(text));
    await waitUntil(() => client.getTranscript().length >= 3, 'replies');
    await client.markRead(replies[0]._id);
    await client.markRead(replies[1]._id);
    clock.advance(0);
    await waitUntil(() => roomReads().length === 1, 'first read');
    expect(roomReads()[0].body).to.deep.include({messageId: replies[1]._id});
    await client.markRead(replies[2]._id);
    // The first answer is in once the next read waits for its turn.
    await waitUntil(() => clock.nextDelay() === READ_SYNC_MS, 'next read scheduled');
    clock.advance(READ_SYNC_MS - 1);
    expect(roomReads()).to.have.length(1);
    clock.advance(1);
    await waitUntil(() => roomReads().length === 2, 'second read');
    expect(roomReads()[1].body).to.deep.include({messageId: replies[2]._id});
  });

  it('tries a read that failed offline again after 15 s, once', async () => {
    server.failNext(/room\.read/, 'network');
    server.failNext(/room\.read/, {status: 200, body: {success: true}});
    const errors = record(client, 'error');
    const reply = server.agentSays('Still there?');
    await waitUntil(() => client.getTranscript().some((m) => m.id === reply._id), 'reply');
    await client.markRead();
    clock.advance(0);
    await waitUntil(() => clock.nextDelay() === 15_000, 'retry scheduled');
    expect(roomReads()).to.have.length(1);
    clock.advance(15_000);
    await waitUntil(() => roomReads().length === 2, 'retried');
    expect(roomReads()[1].body).to.deep.include({messageId: reply._id});
    clock.advance(60_000);
    expect(roomReads()).to.have.length(2);
    expect(errors).to.deep.equal([]);
  });
});
