import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, MemorySessionStore, type SessionRecord} from '../../src/core/index.js';
import {CATCH_UP_MAX_PAGES, CATCH_UP_PAGE_SIZE} from '../../src/core/catch-up.js';
import {RECONNECT_MAX_MS} from '../../src/core/transport/backoff.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {AGENT, FakeRcServer} from '../helpers/fake-rc-server.js';
import {nextEvent, record} from '../helpers/events.js';

class SpyStore extends MemorySessionStore {
  saves = 0;
  loads = 0;
  override async save(value: SessionRecord): Promise<void> {
    this.saves++;
    return super.save(value);
  }
  override async load(): Promise<SessionRecord | null> {
    this.loads++;
    return super.load();
  }
}

function makeClient(server: FakeRcServer, clock: FakeClock, store: SpyStore) {
  const {url, fetch, hub} = server;
  return new LiveChatClient({server: url, fetch, socketFactory: hub.factory, clock, store});
}

describe('LiveChatClient reliability', () => {
  let server: FakeRcServer;
  let clock: FakeClock;
  let store: SpyStore;
  let clients: LiveChatClient[];
  const newClient = () => {
    const client = makeClient(server, clock, store);
    clients.push(client);
    return client;
  };

  /**
   * The agent says `away` messages after 'Before the gap' while the visitor is gone; back, the
   * newest `caughtUp` of them show (the cached message above them would hide the hole), and
   * paging back brings every one, once, in order.
   */
  async function returnAcrossGap(away: number, caughtUp: number) {
    for (let i = 1; i <= away; i++) server.agentSays(`Away ${i}`);
    const second = newClient();
    await second.restore();
    const texts = () => second.getTranscript().map((m) => m.text);
    await waitUntil(() => texts().at(-1) === `Away ${away}`, 'caught up');
    expect(texts()[0]).to.equal(`Away ${away - caughtUp + 1}`);
    for await (const page of second.history()) expect(page.length).to.be.greaterThan(0);
    const all = Array.from({length: away}, (_, i) => `Away ${i + 1}`);
    expect(texts()).to.deep.equal(['Before the gap', ...all]);
  }

  beforeEach(() => {
    server = new FakeRcServer();
    clock = new FakeClock();
    store = new SpyStore();
    clients = [];
  });
  afterEach(() => clients.forEach((c) => c.destroy()));

  const isLive = (client: LiveChatClient) =>
    client.connection === 'connected' && server.hub.last.framesOf('sub').length === 5;

  async function connected(client: LiveChatClient) {
    await client.start();
    await waitUntil(() => isLive(client));
  }

  /** Drops the link, lets the backoff run out, and waits for the re-sent subscriptions. */
  async function reconnect(client: LiveChatClient) {
    const sockets = server.hub.sockets.length;
    server.dropAll();
    expect(client.connection).to.equal('reconnecting');
    clock.advance(RECONNECT_MAX_MS);
    expect(server.hub.sockets.length).to.equal(sockets + 1);
    await waitUntil(() => isLive(client));
  }

  it('writes nothing before the visitor interacts; restore() finds no session', async () => {
    const client = newClient();
    await client.ready;
    expect(await client.restore()).to.equal(false);
    expect(store.saves).to.equal(0);
    expect(client.state).to.equal('idle');
  });

  it('fires restore-failed when the store cannot be read, and carries on', async () => {
    store.load = () => Promise.reject(new Error('disk on fire'));
    const client = newClient();
    const failed = nextEvent(client, 'restore-failed');
    expect(await client.restore()).to.equal(false);
    expect((await failed).error.code).to.equal('storage');
    expect((await client.send('still works')).status).to.equal('sent');
  });

  it('keeps a message whose answer was lost pending and confirms the refused resend', async () => {
    const client = newClient();
    await connected(client);
    server.echoes = false;
    server.failNext(/^livechat\/message$/, 'lost');
    const sending = client.send('did it arrive?');
    await waitUntil(() => server.calls(/POST livechat\/message$/).length === 1);
    expect(client.getTranscript()[0].status).to.equal('pending');
    const failed = record(client, 'message-failed');
    await reconnect(client);
    const message = await sending;
    expect(message.status).to.equal('sent');
    expect(failed).to.have.length(0);
    const posts = server.calls(/POST livechat\/message$/).map((r) => r.body?._id);
    expect(posts).to.deep.equal([message.id, message.id]);
    expect(server.stored().filter((m) => m._id === message.id)).to.have.length(1);
    expect(client.getTranscript().filter((m) => m.id === message.id)).to.have.length(1);
  });

  it('asks GET message/:_id when a resend is refused with a bare 400', async () => {
    const client = newClient();
    await connected(client);
    server.echoes = false;
    server.failNext(/^livechat\/message$/, 'lost');
    server.failNext(/^livechat\/messages\.history/, 'network');
    const sending = client.send('lookup');
    await waitUntil(() => server.calls(/POST livechat\/message$/).length === 1);
    await reconnect(client);
    await sending;
    expect(server.calls(/GET livechat\/message\//)).to.have.length(1);
  });

  it('resends with the same id after a send times out (10 s)', async () => {
    const client = newClient();
    await connected(client);
    server.failNext(/^livechat\/message$/, 'hang');
    const sending = client.send('slow network');
    await waitUntil(() => server.calls(/POST livechat\/message$/).length === 1);
    clock.advance(10_000);
    expect(client.getTranscript()[0].status).to.equal('pending');
    await waitUntil(() => {
      clock.advance(1_000);
      return server.calls(/POST livechat\/message$/).length === 2;
    }, 'resent');
    const message = await sending;
    expect(message.status).to.equal('sent');
    const ids = server.calls(/POST livechat\/message$/).map((r) => r.body?._id);
    expect(ids).to.deep.equal([message.id, message.id]);
  });

  it('sends quick messages one at a time, so the server files them in the order written', async () => {
    const client = newClient();
    await connected(client);
    server.failNext(/^livechat\/message$/, 'hang');
    const sends = ['one', 'two', 'three'].map((text) => client.send(text));
    await waitUntil(() => server.calls(/POST livechat\/message$/).length === 1);
    await Promise.resolve();
    expect(server.calls(/POST livechat\/message$/).length).to.equal(1, 'two waits for one');
    clock.advance(10_000);
    await waitUntil(() => {
      clock.advance(1_000);
      return client.getTranscript().every((m) => m.status === 'sent');
    }, 'all sent after the retry');
    await Promise.all(sends);
    const posted = server.calls(/POST livechat\/message$/).map((r) => r.body?.msg);
    expect(posted).to.deep.equal(['one', 'one', 'two', 'three']);
    expect(
      server
        .stored()
        .filter((m) => !m.t)
        .map((m) => m.msg),
    ).to.deep.equal(['one', 'two', 'three']);
  });

  it('catches up after a reconnect with what the agent said meanwhile, once', async () => {
    const client = newClient();
    await client.send('Hello');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    server.agentSays('seen live');
    const received = record(client, 'message-received');
    server.dropAll();
    server.agentSays('said while you were away');
    clock.advance(RECONNECT_MAX_MS);
    await waitUntil(() => received.length === 1, 'caught up');
    expect(received[0].message.text).to.equal('said while you were away');
    const history = server.calls(/GET livechat\/messages\.history/);
    expect(history.at(-1)!.path).to.equal(`livechat/messages.history/${server.room._id}`);
    const transcript = client.getTranscript().map((m) => m.text);
    expect(transcript).to.deep.equal(['Hello', 'seen live', 'said while you were away']);
  });

  // A server swamped by a reconnect wave answers some catch-ups after the REST timeout; the link
  // is up, so no later reconnect would bring what the agent said meanwhile.
  it('tries a catch-up that got no answer again while the link stays up', async () => {
    const client = newClient();
    await client.send('Hello');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const received = record(client, 'message-received');
    const fetches = () => server.calls(/GET livechat\/messages\.history/).length;
    const before = fetches();
    server.dropAll();
    server.agentSays('said while you were away');
    server.failNext(/^livechat\/messages\.history/, 'network');
    clock.advance(RECONNECT_MAX_MS);
    await waitUntil(() => fetches() === before + 1, 'the catch-up that fails');
    await waitUntil(() => isLive(client));
    expect(received).to.have.length(0);
    clock.advance(RECONNECT_MAX_MS);
    await waitUntil(() => received.length === 1, 'caught up on the next try');
    expect(received[0].message.text).to.equal('said while you were away');
    expect(fetches()).to.equal(before + 2);
  });

  it('after a reconnect, catches up only once the new subscriptions are ready', async () => {
    const client = newClient();
    await client.send('Hello');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    const socket = server.hub.last;
    server.holdsReadyOf = 'stream-room-messages';
    server.dropAll();
    clock.advance(RECONNECT_MAX_MS);
    await waitUntil(
      () => server.hub.last !== socket && server.hub.last.framesOf('sub').length === 5,
    );
    await waitUntil(() => client.connection === 'connected');
    // Stored before the server had taken the new subscription on: only a catch-up brings it
    // (the tabs' shared link adds a hop, so a busy leader tab widens this gap).
    server.store({rid: server.room._id, msg: 'Said as you resubscribed', u: AGENT}, true);
    server.releaseReady();
    await waitUntil(() => client.getTranscript().length === 2, 'caught up');
    const texts = client.getTranscript().map((m) => m.text);
    expect(texts).to.deep.equal(['Hello', 'Said as you resubscribed']);
  });

  it('catches up from where it stood when it subscribed, not past what the link brought since', async () => {
    server.filtersLs = true;
    server.holdsReadyOf = 'stream-livechat-room';
    const client = newClient();
    await client.send('Hello');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    // Said before the subscriptions were all ready, so the link never brought it (an agent
    // joining a new room); then a newer message comes live and moves the cursor past it.
    server.store({rid: server.room._id, msg: 'Joined before you subscribed', u: AGENT}, true);
    server.agentSays('Said live');
    await waitUntil(() => client.getTranscript().length === 2, 'the live message');
    server.releaseReady();
    await waitUntil(() => client.getTranscript().length === 3, 'caught up');
    const texts = client.getTranscript().map((m) => m.text);
    expect(texts).to.deep.equal(['Hello', 'Joined before you subscribed', 'Said live']);
  });

  it('restores the conversation in a new client: cached first, then caught up', async () => {
    const first = newClient();
    await first.send('Before reload');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    server.agentSays('Agent answer');
    await waitUntil(() => first.getTranscript().length === 2);
    first.destroy();
    server.agentSays('While reloading');

    const second = newClient();
    const restored = nextEvent(second, 'restored');
    const found = second.restore();
    expect((await restored).messages).to.equal(2);
    const texts = () => second.getTranscript().map((m) => m.text);
    expect(texts()).to.deep.equal(['Before reload', 'Agent answer']);
    expect(await found).to.equal(true);
    await waitUntil(() => second.getTranscript().length === 3, 'caught up');
    expect(texts()).to.deep.equal(['Before reload', 'Agent answer', 'While reloading']);
    expect(second.visitor!.token).to.equal(first.visitor!.token);
    expect(server.calls(/GET livechat\/room/)).to.have.length(1);
  });

  it('after a gap longer than one catch-up, shows the newest and pages back through it', async () => {
    const first = newClient();
    await first.send('Before the gap');
    // The page was left once caught up (its first catch-up may answer after the send).
    await waitUntil(async () => (await store.load())?.lastSeen !== undefined, 'cursor stored');
    first.destroy();
    const fetched = CATCH_UP_PAGE_SIZE * CATCH_UP_MAX_PAGES;
    await returnAcrossGap(fetched + 30, fetched);
  });

  it('restored without a catch-up cursor (left at once), pages back through what came since', async () => {
    const first = newClient();
    await first.send('Before the gap');
    first.destroy();
    // The page was left before its first catch-up marked anything seen: only the newest page.
    const stored = (await store.load())!;
    delete stored.lastSeen;
    await store.save(stored);
    await returnAcrossGap(CATCH_UP_PAGE_SIZE + 30, CATCH_UP_PAGE_SIZE);
  });

  it('asks for the config once when the window opens as a session resumes', async () => {
    const first = newClient();
    await first.send('Before reload');
    first.destroy();
    const configs = () => server.calls(/GET livechat\/config$/).length;
    const before = configs();

    const second = newClient();
    // As `<live-chat>` does: the restored window opens, which refreshes the config.
    let refreshed: Promise<unknown> = Promise.resolve();
    second.on('restored', () => (refreshed = second.refreshConfig()));
    await second.restore();
    await refreshed;
    expect(configs() - before).to.equal(2, 'the page’s first, then one with the token');
  });

  it('resends the stored outbox after a reload with the same id', async () => {
    const first = newClient();
    await connected(first);
    server.failNext(/^livechat\/message$/, 'hang');
    void first.send('unsent when the page closed').catch(() => undefined);
    await waitUntil(() => server.calls(/POST livechat\/message$/).length === 1);
    const id = first.getTranscript()[0].id;
    first.destroy();

    const second = newClient();
    const sent = nextEvent(second, 'message-sent');
    await second.restore();
    expect((await sent).message).to.include({id, status: 'sent'});
    expect(server.stored().filter((m) => m._id === id)).to.have.length(1);
  });

  /**
   * A client whose `GET livechat/room` waits until `release()`: a page that goes away while
   * the server makes the room (a slow network).
   */
  function clientWithRoomHeld() {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let isAsked = false;
    const fetch: typeof server.fetch = async (input, init) => {
      if (!/\/livechat\/room\b/.test(String(input))) return server.fetch(input, init);
      isAsked = true;
      await held;
      return server.fetch(input, init);
    };
    const {url, hub} = server;
    const client = new LiveChatClient({
      server: url,
      fetch,
      socketFactory: hub.factory,
      clock,
      store,
    });
    clients.push(client);
    return {client, release, isAsked: () => isAsked};
  }

  it('T9: a first message sent as the page goes, before the room exists, is delivered once', async () => {
    const first = clientWithRoomHeld();
    void first.client.send('Hello, anyone there?').catch(() => undefined);
    await waitUntil(first.isAsked, 'room asked for');
    const id = first.client.getTranscript()[0].id;
    const kept = await store.load();
    expect(kept?.rid, 'no room yet').to.equal(undefined);
    expect(kept?.outbox.map((entry) => [entry.id, entry.rid])).to.deep.equal([[id, '']]);
    first.client.destroy();

    const second = newClient();
    const sent = nextEvent(second, 'message-sent');
    const restoring = second.restore();
    // The first page's request still reaches the server: it finds the same visitor's room.
    first.release();
    expect(await restoring).to.equal(true);
    expect((await sent).message).to.include({id, text: 'Hello, anyone there?', status: 'sent'});
    expect(server.rooms.size).to.equal(1);
    expect(server.visitors.size).to.equal(1);
    expect(server.stored().filter((m) => m._id === id)).to.have.length(1);
    const posts = server.calls(/POST livechat\/message$/);
    expect(posts.map((r) => [r.body?._id, r.body?.rid])).to.deep.equal([[id, server.room._id]]);
    expect(second.getTranscript().filter((m) => m.id === id)).to.have.length(1);
  });

  it('T9: a first message the page keeps goes out once the room exists, with its id', async () => {
    const first = clientWithRoomHeld();
    const sending = first.client.send('Still here');
    await waitUntil(first.isAsked, 'room asked for');
    const id = first.client.getTranscript()[0].id;
    expect(first.client.getTranscript()[0].status).to.equal('pending');
    expect(server.calls(/POST livechat\/message$/)).to.have.length(0);
    first.release();
    expect(await sending).to.include({id, status: 'sent', rid: server.room._id});
    expect(server.stored().filter((m) => m._id === id)).to.have.length(1);
  });

  it('T9: a first message kept before the room fails clearly when the next page finds no agent', async () => {
    const first = clientWithRoomHeld();
    void first.client.send('Anyone?').catch(() => undefined);
    await waitUntil(first.isAsked, 'room asked for');
    const id = first.client.getTranscript()[0].id;
    first.client.destroy();
    server.online = false;

    const second = newClient();
    const failed = nextEvent(second, 'message-failed');
    await second.restore();
    const {message, error} = await failed;
    expect(message).to.include({id, status: 'failed'});
    expect(error.code).to.equal('offline');
    expect(server.calls(/POST livechat\/message$/)).to.have.length(0);
    await waitUntil(async () => (await store.load())?.outbox.length === 0, 'nothing left to send');
  });

  it('restores a chat closed while the visitor was away as ended', async () => {
    const first = newClient();
    await first.send('Hello');
    await waitUntil(() => server.hub.last?.framesOf('sub').length === 5);
    first.destroy();
    server.agentCloses();

    const second = newClient();
    expect(await second.restore()).to.equal(true);
    expect(second.state).to.equal('ended');
    await waitUntil(() => second.getTranscript().some((m) => m.type === 'livechat-close'));
  });
});
