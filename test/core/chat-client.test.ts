import {expect, waitUntil} from '@open-wc/testing';
import type {Message} from '../../src/core/index.js';
import {rejection, setupClient} from '../helpers/client-fixture.js';
import {nextEvent, record} from '../helpers/events.js';

const texts = (messages: readonly Message[]) =>
  messages.map((m) => `${m.author.role}:${m.text}:${m.status}`);

describe('LiveChatClient', () => {
  let ctx: ReturnType<typeof setupClient>;
  beforeEach(() => {
    ctx = setupClient();
  });
  afterEach(() => ctx.client.destroy());

  it('only loads the config until the visitor interacts', async () => {
    const {client, server, store} = ctx;
    const config = await client.ready;
    expect(config.theme.title).to.equal('Fake chat');
    expect(client.state).to.equal('idle');
    expect(server.requests.map((r) => r.path)).to.deep.equal(['livechat/config']);
    expect(server.hub.sockets).to.have.length(0);
    expect(await store.load()).to.equal(null);
  });

  it('shows a message as pending at once, then sent, creating visitor and room', async () => {
    const {client, server} = ctx;
    await client.ready;
    const snapshots: string[][] = [];
    client.on('state-change', () => snapshots.push(texts(client.getSnapshot().messages)));
    const sent = nextEvent(client, 'message-sent');
    const sending = client.send('  Hello there  ');
    expect(texts(client.getTranscript())).to.deep.equal(['visitor:Hello there:pending']);
    const message = await sending;
    expect((await sent).message).to.deep.equal(message);
    expect(message).to.include({text: 'Hello there', status: 'sent', rid: server.room._id});
    expect(snapshots[0]).to.deep.equal(['visitor:Hello there:pending']);
    expect(texts(client.getTranscript())).to.deep.equal(['visitor:Hello there:sent']);
    const calls = server.calls(/^(POST|GET) livechat\/(visitor|room|message)$/);
    expect(calls.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'POST livechat/visitor',
      'GET livechat/room',
      'POST livechat/message',
    ]);
    expect(
      server
        .stored()
        .filter((m) => !m.t)
        .map((m) => m._id),
    ).to.deep.equal([message.id]);
    expect(client.state).to.equal('connecting');
  });

  it('subscribes to the room streams with both token keys', async () => {
    const {client, server} = ctx;
    await client.start();
    await waitUntil(() => server.hub.sockets[0]?.framesOf('sub').length === 5, 'five subs');
    const token = client.visitor!.token;
    const rid = server.room._id;
    const subs = server.hub.last.framesOf('sub').map((f) => [f.name, ...(f.params as unknown[])]);
    const extra = {useCollection: false, args: [{token, visitorToken: token}]};
    expect(subs).to.deep.equal([
      ['stream-room-messages', rid, extra],
      ['stream-livechat-room', rid, extra],
      ['stream-notify-room', `${rid}/user-activity`, extra],
      ['stream-notify-room', `${rid}/deleteMessage`, extra],
      ['stream-notify-room', `${rid}/messagesRead`, extra],
    ]);
    expect(token.length).to.be.at.least(32);
  });

  it('refuses empty and oversized messages before any request', async () => {
    const {client, server} = ctx;
    await client.ready;
    for (const text of ['', '   ', '\n\t', '\u200B\u200D']) {
      expect((await rejection(client.send(text))).code).to.equal('empty-message');
    }
    const tooLong = '😀'.repeat(5001);
    expect((await rejection(client.send(tooLong))).code).to.equal('too-large');
    expect(server.requests).to.have.length(1);
    expect(client.getTranscript()).to.deep.equal([]);
    const exact = await client.send('😀'.repeat(5000));
    expect(exact.status).to.equal('sent');
  });

  it('sends a lone surrogate as U+FFFD, so the server takes the message; shows one it receives', async () => {
    const {client, server} = ctx;
    const message = await client.send('a\ud800b');
    expect(message).to.include({text: 'a\ufffdb', status: 'sent'});
    const [request] = server.calls(/^POST livechat\/message$/);
    expect((request!.body as {msg: string}).msg).to.equal('a\ufffdb');
    // A server that keeps one (a Rocket.Chat older than its check) still gets it shown.
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    server.agentSays('x\udc00y');
    await waitUntil(() => client.getTranscript().length === 2, 'the reply shows');
    expect(texts(client.getTranscript())).to.deep.equal([
      'visitor:a\ufffdb:sent',
      'agent:x\udc00y:sent',
    ]);
  });

  it('never duplicates its own echo, whichever arrives first, nor calls it received', async () => {
    const {client, server} = ctx;
    const received = record(client, 'message-received');
    await client.start();
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    await client.send('echoed first');
    server.echoes = false;
    const second = await client.send('answered first');
    server.store({...server.stored().find((m) => m._id === second.id)!}, false);
    expect(texts(client.getTranscript())).to.deep.equal([
      'visitor:echoed first:sent',
      'visitor:answered first:sent',
    ]);
    expect(received).to.have.length(0);
  });

  it('receives the agent: join, typing and replies', async () => {
    const {client, server} = ctx;
    await client.send('Hi');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const agentChanged = nextEvent(client, 'agent-changed');
    server.agentJoins();
    expect((await agentChanged).agent).to.include({name: 'Agent Smith', username: 'agent.smith'});
    expect(client.state).to.equal('active');
    const typing = record(client, 'typing');
    server.agentTypes(true);
    expect(client.getSnapshot().agentTyping).to.equal(true);
    server.agentTypes(false);
    expect(typing).to.deep.equal([
      {isTyping: true, username: 'agent.smith'},
      {isTyping: false, username: 'agent.smith'},
    ]);
    const received = nextEvent(client, 'message-received');
    server.agentSays('How can I help?');
    expect((await received).message).to.include({text: 'How can I help?'});
    expect(texts(client.getTranscript())).to.deep.equal([
      'visitor:Hi:sent',
      'system::sent',
      'agent:How can I help?:sent',
    ]);
  });

  it('reports the queue position and the agent status from the room stream', async () => {
    const {client, server} = ctx;
    await client.send('Anyone?');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const queue = nextEvent(client, 'queue-changed');
    server.roomEvent({type: 'queueData', data: {spot: 3, estimatedWaitTimeSeconds: 120}});
    expect(await queue).to.deep.equal({position: 3, estimatedWaitSeconds: 120});
    server.agentJoins();
    const status = nextEvent(client, 'agent-status');
    server.roomEvent({type: 'agentStatus', status: 'away'});
    expect(await status).to.deep.equal({status: 'away'});
    expect(client.agent?.status).to.equal('away');
  });

  it('marks a refused message failed, and retry() sends it again under the same id', async () => {
    const {client, server} = ctx;
    await client.start();
    server.failNext(/^livechat\/message$/, {
      status: 400,
      body: {
        success: false,
        error: 'Not allowed [error-not-allowed]',
        errorType: 'error-not-allowed',
      },
    });
    const failed = nextEvent(client, 'message-failed');
    const error = await rejection(client.send('try me'));
    expect(error.code).to.equal('server');
    const {message} = await failed;
    expect(message.status).to.equal('failed');
    expect(texts(client.getTranscript())).to.deep.equal(['visitor:try me:failed']);
    const retried = await client.retry(message.id);
    expect(retried).to.include({id: message.id, status: 'sent'});
    expect(server.stored().filter((m) => !m.t)).to.have.length(1);
  });

  it('keeps a rate-limited message pending and resends it, once, after the time the 429 names', async () => {
    const {client, server, clock} = ctx;
    await client.start();
    const wait = 'You must wait 3 seconds before trying this endpoint again.';
    server.failNext(/^livechat\/message$/, {
      status: 429,
      body: {
        success: false,
        error: `Error, too many requests. Please slow down. ${wait} ` + '[error-too-many-requests]',
      },
    });
    const failures = record(client, 'message-failed');
    const sending = client.send('slow down?');
    const posts = () => server.calls(/^POST livechat\/message$/).length;
    await waitUntil(() => posts() === 1, 'first try');
    // Time moves in small steps, each after the client had its turn, until it tries again.
    let waited = 0;
    while (posts() < 2) {
      expect(texts(client.getTranscript())).to.deep.equal(['visitor:slow down?:pending']);
      await new Promise((resolve) => setTimeout(resolve));
      clock.advance(250);
      waited += 250;
    }
    expect(waited).to.be.at.least(3_000);
    const sent = await sending;
    expect(sent).to.include({text: 'slow down?', status: 'sent'});
    const attempts = server.calls(/^POST livechat\/message$/);
    expect(attempts.map((r) => (r.body as {_id: string})._id)).to.deep.equal([sent.id, sent.id]);
    expect(server.stored().filter((m) => !m.t)).to.have.length(1);
    expect(failures).to.deep.equal([]);
  });

  it('sends nothing more while a 429 waits, then each message written meanwhile, in order', async () => {
    const {client, server, clock} = ctx;
    await client.start();
    server.failNext(/^livechat\/message$/, {
      status: 429,
      body: {success: false, error: 'You must wait 3 seconds. [error-too-many-requests]'},
    });
    const posts = () => server.calls(/^POST livechat\/message$/).length;
    const first = client.send('one');
    await waitUntil(() => posts() === 1, 'first try');
    // Written during the wait: each would be one more refused request.
    const more = [client.send('two'), client.send('three')];
    let waited = 0;
    while (posts() < 2) {
      await new Promise((resolve) => setTimeout(resolve));
      clock.advance(250);
      waited += 250;
    }
    expect(waited).to.be.at.least(3_000);
    const sent = await Promise.all([first, ...more]);
    expect(sent.map((m) => m.status)).to.deep.equal(['sent', 'sent', 'sent']);
    const bodies = server
      .calls(/^POST livechat\/message$/)
      .map((r) => (r.body as {msg: string}).msg);
    expect(bodies).to.deep.equal(['one', 'one', 'two', 'three']);
    expect(
      server
        .stored()
        .filter((m) => !m.t)
        .map((m) => m.msg),
    ).to.deep.equal(['one', 'two', 'three']);
  });

  it('ends when the agent closes the chat', async () => {
    const {client, server} = ctx;
    await client.send('Bye?');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const ended = nextEvent(client, 'chat-ended');
    server.agentCloses();
    expect(await ended).to.deep.equal({rid: server.room._id, by: 'agent'});
    expect(client.state).to.equal('ended');
    expect(client.getTranscript().at(-1)).to.include({type: 'livechat-close'});
    expect((await rejection(client.send('still there?'))).code).to.equal('no-active-chat');
  });

  it('end() closes the room once, even when the close message echoes back', async () => {
    const {client, server} = ctx;
    await client.send('Thanks');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const ended = record(client, 'chat-ended');
    await client.end();
    expect(ended).to.deep.equal([{rid: server.room._id, by: 'visitor'}]);
    expect(client.state).to.equal('ended');
    expect((await rejection(client.end())).code).to.equal('no-active-chat');
  });

  it('goes offline when no agent is online, and a send is refused as offline', async () => {
    ctx.client.destroy();
    ctx = setupClient((server) => {
      server.online = false;
    });
    const {client} = ctx;
    await client.ready;
    expect(client.state).to.equal('offline');
    const error = await rejection(client.send('anyone?'));
    expect(error.code).to.equal('offline');
    expect(client.getTranscript()[0].status).to.equal('failed');
  });

  it('destroy() rejects pending work and leaves no timer', async () => {
    const {client, server, clock} = ctx;
    await client.start();
    server.failNext(/^livechat\/message$/, 'hang');
    const sending = client.send('never answered');
    await waitUntil(() => server.calls(/POST livechat\/message/).length === 1);
    client.destroy();
    expect((await rejection(sending)).code).to.equal('destroyed');
    expect((await rejection(client.send('x'))).code).to.equal('destroyed');
    clock.advance(10_000);
    expect(clock.pending).to.equal(0);
  });
});
