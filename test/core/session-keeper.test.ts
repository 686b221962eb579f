import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, MemorySessionStore, type SessionRecord} from '../../src/core/index.js';
import {ACK_TIMEOUT_MS} from '../../src/core/outbox.js';
import {RESTORE_TIMEOUT_MS} from '../../src/core/chat-context.js';
import {mergeOutbox} from '../../src/core/session-sync.js';
import {IDB_DATABASE_NAME, IdbSessionStore} from '../../src/core/store/idb-session-store.js';
import {siteIdFor} from '../../src/core/site-id.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeRcServer} from '../helpers/fake-rc-server.js';
import {ROOM_SUBS} from '../helpers/client-fixture.js';
import {nextEvent, record} from '../helpers/events.js';

describe('session keeping (restore, view, outbox timeout, tabs)', () => {
  let server: FakeRcServer;
  let clock: FakeClock;
  let store: MemorySessionStore;
  let clients: LiveChatClient[];

  const newClient = (options: {restoreTimeout?: number; shared?: boolean} = {}) => {
    const {url, fetch, hub} = server;
    const client = new LiveChatClient({
      server: url,
      fetch,
      socketFactory: hub.factory,
      clock,
      restoreTimeout: options.restoreTimeout,
      ...(options.shared ? {} : {store}),
    });
    clients.push(client);
    return client;
  };
  const isLive = (client: LiveChatClient) =>
    client.connection === 'connected' && server.hub.last.framesOf('sub').length === ROOM_SUBS;
  const texts = (client: LiveChatClient) => client.getTranscript().map((m) => m.text);

  beforeEach(() => {
    server = new FakeRcServer();
    clock = new FakeClock();
    store = new MemorySessionStore();
    clients = [];
  });
  afterEach(() => clients.forEach((c) => c.destroy()));

  it('brings the view and the unread count back within restore-timeout', async () => {
    const first = newClient();
    await first.send('Hello');
    await waitUntil(() => isLive(first));
    first.setWindowOpen(true);
    first.saveView({draft: 'and another', scrollTop: 80, reading: {id: 'm9', offset: 12}});
    first.setWindowOpen(false);
    server.agentSays('one');
    server.agentSays('two');
    await waitUntil(() => first.getSnapshot().unread === 2);
    first.saveView({draft: 'and another thing'});
    await waitUntil(async () => (await store.load())?.view?.draft === 'and another thing');
    first.destroy();

    clock.advance(RESTORE_TIMEOUT_MS - 1000);
    const second = newClient();
    const restored = nextEvent(second, 'restored');
    await second.restore();
    const {view, messages} = await restored;
    expect(view).to.deep.equal({
      open: false,
      draft: 'and another thing',
      scrollTop: 80,
      reading: {id: 'm9', offset: 12},
    });
    expect(messages).to.equal(3);
    expect(second.getSnapshot().unread).to.equal(2);
  });

  it('keeps only a well-formed reading position, and none with a save of pixels alone', async () => {
    const client = newClient();
    await client.send('Hello');
    const stored = async () => (await store.load())?.view?.reading;
    client.saveView({scrollTop: 30, reading: {id: 'm1', offset: 4}});
    await waitUntil(async () => (await stored())?.id === 'm1');
    client.saveView({scrollTop: 30, reading: {id: 'm2', offset: Number.NaN}});
    await waitUntil(async () => (await stored()) === null);
    client.saveView({scrollTop: 30, reading: {id: 'm1', offset: 4}});
    await waitUntil(async () => (await stored())?.id === 'm1');
    client.saveView({scrollTop: 31});
    await waitUntil(async () => (await stored()) === null);
  });

  it('fires restore-timeout past restore-timeout: the window starts closed', async () => {
    const first = newClient({restoreTimeout: 5});
    await first.send('Hello');
    first.setWindowOpen(true);
    first.saveView({draft: 'unsent'});
    await waitUntil(async () => (await store.load())?.view?.draft === 'unsent');
    first.destroy();

    clock.advance(6_000);
    const second = newClient({restoreTimeout: 5});
    const restored = record(second, 'restored');
    const timedOut = nextEvent(second, 'restore-timeout');
    expect(await second.restore()).to.equal(true);
    expect((await timedOut).idleSeconds).to.equal(6);
    expect(restored).to.deep.equal([]);
    expect(texts(second)).to.deep.equal(['Hello']);
  });

  it('keeps the chat of a page left again before the server described its room', async () => {
    const first = newClient();
    await first.send('Hello');
    await waitUntil(() => isLive(first));
    const rid = first.getSnapshot().room!._id;
    first.destroy();
    // As an older widget stored it: without how the chat stood, the next page cannot show the
    // room before the server describes it.
    const older = (await store.load())!;
    delete older.chatState;
    delete older.agent;
    await store.save(older);

    // The next page shows the cached chat, and is left while its config requests (the early
    // one, then the one with the visitor's token) are on their way.
    server.failNext(/^livechat\/config$/, 'hang');
    server.failNext(/^livechat\/config$/, 'hang');
    const second = newClient();
    void second.restore();
    await waitUntil(() => texts(second).includes('Hello'));
    expect(second.getSnapshot().room).to.equal(null);
    second.destroy();
    expect((await store.load())?.rid).to.equal(rid);

    const third = newClient();
    await third.restore();
    await waitUntil(() => isLive(third));
    expect(third.getSnapshot().room?._id).to.equal(rid);
    server.agentSays('Still there?');
    await waitUntil(() => texts(third).includes('Still there?'));
  });

  it('fails a message after 30 s without an answer; retry sends the same id once', async () => {
    const client = newClient();
    await client.start();
    await waitUntil(() => isLive(client));
    server.failNext(/^livechat\/message$/, 'hang');
    const failed = nextEvent(client, 'message-failed');
    const sending = client.send('into the void').catch((error: unknown) => error);
    await waitUntil(() => server.calls(/POST livechat\/message$/).length === 1);
    clock.advance(ACK_TIMEOUT_MS - 1);
    expect(client.getTranscript()[0].status).to.equal('pending');
    clock.advance(1);
    const {message} = await failed;
    expect(message.status).to.equal('failed');
    expect((await sending) as {code: string}).to.include({code: 'network'});
    const retried = await client.retry(message.id);
    expect(retried).to.include({id: message.id, status: 'sent'});
    const ids = server.calls(/POST livechat\/message$/).map((r) => r.body?._id);
    expect(new Set(ids)).to.deep.equal(new Set([message.id]));
    expect(server.stored().filter((m) => m._id === message.id)).to.have.length(1);
  });

  it('T13: a client clock hours behind never files the pending message in the past', async () => {
    const client = newClient();
    await client.send('first');
    server.agentSays('reply');
    await waitUntil(() => client.getTranscript().length === 2);
    clock.advance(-5 * 3600_000);
    server.failNext(/^livechat\/message$/, 'hang');
    void client.send('second').catch(() => undefined);
    expect(texts(client)).to.deep.equal(['first', 'reply', 'second']);
  });

  /** A client whose `livechat/config` requests wait until `release()`. */
  const heldConfigClient = () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (String(input).includes('livechat/config')) await held;
      return server.fetch(input, init);
    };
    const client = new LiveChatClient({
      server: server.url,
      fetch,
      socketFactory: server.hub.factory,
      clock,
      store,
    });
    clients.push(client);
    return {client, release};
  };

  it('shows the chat as the visitor left it at once, then as the server says it stands', async () => {
    const first = newClient();
    await first.send('Hello');
    await waitUntil(() => isLive(first));
    server.agentJoins();
    await waitUntil(() => first.getSnapshot().agent?.name === 'Agent Smith');
    await waitUntil(async () => (await store.load())?.agent?.name === 'Agent Smith');
    first.destroy();

    // The server has not answered yet: the header, the agent and "End chat" are already right.
    const {client: second, release} = heldConfigClient();
    const restored = nextEvent(second, 'restored');
    const resumed = second.restore();
    await restored;
    expect(second.state).to.equal('active');
    expect(second.getSnapshot().agent?.name).to.equal('Agent Smith');
    expect(second.room?._id).to.equal(server.room._id);

    // Meanwhile the agent closed the chat: the server's answer ends it here too.
    server.agentCloses();
    release();
    await resumed;
    expect(second.state).to.equal('ended');
  });

  it('shows a chat that had ended as ended at once, not as a new one', async () => {
    const first = newClient();
    await first.send('Hello');
    await waitUntil(() => isLive(first));
    server.agentCloses();
    await waitUntil(async () => (await store.load())?.chatState === 'ended');
    first.destroy();

    const {client: second, release} = heldConfigClient();
    const states = record(second, 'state-change');
    const restored = nextEvent(second, 'restored');
    const resumed = second.restore();
    await restored;
    expect(second.state).to.equal('ended');
    release();
    await resumed;
    const shown = new Set(states.map((e) => e.state));
    expect([...shown]).to.deep.equal(['ended'], 'never shown as a chat going on');
  });

  it('keeps another tab’s unsettled outbox entries when saving', () => {
    const base: SessionRecord = {
      v: 1,
      token: 't',
      rid: 'r',
      messages: [],
      outbox: [{id: 'mine', rid: 'r', text: 'a', ts: 1, attempts: 1}],
      lastActivity: 1,
    };
    const theirs = {id: 'theirs', rid: 'r', text: 'b', ts: 2, attempts: 1};
    const stored = {...base, outbox: [theirs]};
    expect(mergeOutbox(base, stored).map((e) => e.id)).to.deep.equal(['mine', 'theirs']);
    const settled = {...base, messages: [{...sentMessage('theirs')}]};
    expect(mergeOutbox(settled, stored).map((e) => e.id)).to.deep.equal(['mine']);
    const foreign = mergeOutbox(base, {...stored, token: 'other'});
    expect(foreign.map((e) => e.id)).to.deep.equal(['mine']);
  });

  describe('tabs (IndexedDB, BroadcastChannel)', () => {
    afterEach(async () => {
      clients.forEach((c) => c.destroy());
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(IDB_DATABASE_NAME);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    });

    it('T11: a second tab joins the first tab’s chat and ends with it, in one room', async () => {
      const a = newClient({shared: true});
      const b = newClient({shared: true});
      await a.ready;
      await b.ready;
      await a.send('from tab A');
      await waitUntil(() => b.room?._id === a.room?._id, 'tab B follows');
      await waitUntil(() => texts(b).includes('from tab A'), 'tab B shows the chat');
      await b.send('from tab B');
      await waitUntil(() => texts(a).includes('from tab B'));
      expect(server.calls(/POST livechat\/visitor$/)).to.have.length(1);
      expect(b.room!._id).to.equal(a.room!._id);
      const ended = nextEvent(b, 'chat-ended');
      await a.end();
      expect((await ended).rid).to.equal(a.room!._id);
      expect(b.state).to.equal('ended');
    });

    it('T11: a tab in a chat keeps it when told to read a session stored before its room', async () => {
      const a = newClient({shared: true});
      await a.ready;
      await a.send('Hello');
      await waitUntil(() => isLive(a));
      const rid = a.room!._id;
      // The record as it stood before this tab's save of the room landed, read on news that
      // comes late (another tab relays what woke its engine: client-loader.ts). Written under
      // the tabs' store lock, which keeps this tab's own saves out until it has read it.
      const siteId = siteIdFor(server.url);
      const idb = new IdbSessionStore(siteId);
      await navigator.locks.request(`live-chat:${siteId}:store`, async () => {
        const stored = (await idb.load())!;
        await idb.save({...stored, rid: undefined, messages: [], chatState: undefined});
        const reads = countReads();
        const otherTab = new BroadcastChannel(`live-chat:${siteId}`);
        otherTab.postMessage({type: 'session', token: stored.token, rid: null});
        otherTab.close();
        try {
          await waitUntil(() => reads.count > 0, 'the tab reads the session');
        } finally {
          reads.stop();
        }
      });
      server.agentSays('Still here');
      await waitUntil(() => texts(a).includes('Still here'), 'the room still streams');
      expect(a.room?._id).to.equal(rid);
      expect(texts(a)).to.deep.equal(['Hello', 'Still here']);
    });

    it('T11: two tabs that start at the same moment share one visitor', async () => {
      const a = newClient({shared: true});
      const b = newClient({shared: true});
      await Promise.all([a.ready, b.ready]);
      await Promise.all([a.send('A'), b.send('B')]);
      expect(a.visitor!.token).to.equal(b.visitor!.token);
      expect(a.room!._id).to.equal(b.room!._id);
      expect(server.calls(/POST livechat\/visitor$/)).to.have.length(1);
    });
  });
});

/** Counts the IndexedDB loads (reads outside a save) completed from now on, until `stop()`. */
function countReads() {
  const get = IDBObjectStore.prototype.get;
  const reads = {
    count: 0,
    stop: () => void (IDBObjectStore.prototype.get = get),
  };
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    const request = get.call(this, query);
    // A save reads in a readwrite transaction. Heard before the reader's own `onsuccess`,
    // whose continuation runs right after it.
    const isLoad = this.transaction.mode === 'readonly';
    if (isLoad) request.addEventListener('success', () => reads.count++);
    return request;
  };
  return reads;
}

function sentMessage(id: string) {
  return {
    id,
    rid: 'r',
    text: 'b',
    ts: 2,
    author: {id: 'v', username: 'v', name: 'v', role: 'visitor' as const},
    status: 'sent' as const,
  };
}
