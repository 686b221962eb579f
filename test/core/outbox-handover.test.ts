import {expect, waitUntil as waitFor} from '@open-wc/testing';
import {LiveChatClient, type SessionRecord} from '../../src/core/index.js';
import {mergeOutbox} from '../../src/core/session-sync.js';
import {IdbSessionStore, IDB_DATABASE_NAME} from '../../src/core/store/idb-session-store.js';
import type {OutboxEntry} from '../../src/core/store/session-store.js';
import type {SocketFactory} from '../../src/core/transport/socket.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeRcServer} from '../helpers/fake-rc-server.js';
import {FakeSocket} from '../helpers/fake-socket.js';

/** One tab's own view of the network: it can lose it while the other tabs keep theirs. */
function network(server: FakeRcServer) {
  let isOffline = false;
  const sockets: FakeSocket[] = [];
  const socketFactory: SocketFactory = (url) => {
    if (!isOffline) {
      const socket = server.hub.factory(url) as FakeSocket;
      sockets.push(socket);
      return socket;
    }
    const refused = new FakeSocket(url);
    queueMicrotask(() => refused.drop());
    return refused;
  };
  const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    isOffline ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(input, init);
  return {
    socketFactory,
    fetch: fetch as typeof globalThis.fetch,
    goOffline() {
      isOffline = true;
      for (const socket of sockets) socket.drop();
    },
    goOnline() {
      isOffline = false;
    },
  };
}

/** `waitUntil` with room for IndexedDB, Web Locks and BroadcastChannel round trips. */
const waitUntil = (predicate: () => unknown, message?: string) =>
  waitFor(predicate, message, {timeout: 5000});

/** Whether a Web Lock of this name is held or asked for (by any client of the origin). */
async function isLockBusy(name: string): Promise<boolean> {
  const {held = [], pending = []} = await navigator.locks.query();
  return [...held, ...pending].some((lock) => lock.name === name);
}

const entry = (id: string, owner: string, claim?: number): OutboxEntry => ({
  id,
  rid: 'r',
  text: id,
  ts: 1,
  attempts: 1,
  owner,
  ...(claim === undefined ? {} : {claim}),
});

describe('outbox take-over between tabs (shared IndexedDB, Web Locks)', () => {
  let server: FakeRcServer;
  let clock: FakeClock;
  let clients: LiveChatClient[];
  let siteId: string;
  let reader: IdbSessionStore;

  // Each tab has a network of its own here, so each keeps its own socket (no shared link).
  const newTab = (net = network(server)) => {
    const client = new LiveChatClient({
      server: server.url,
      ...net,
      clock,
      siteId,
      shareLink: false,
    });
    clients.push(client);
    return client;
  };
  const texts = (client: LiveChatClient) => client.getTranscript().map((m) => m.text);
  const statuses = (client: LiveChatClient) => client.getTranscript().map((m) => m.status);
  const posts = (text: string) =>
    server.calls(/POST livechat\/message$/).filter((r) => r.body?.msg === text).length;
  /** The room's messages on the server (not its system messages), in order. */
  const serverTexts = () =>
    server
      .stored()
      .filter((m) => !m.t)
      .map((m) => m.msg);
  const storedOutbox = async () => (await reader.load())?.outbox.map((e) => e.text) ?? [];

  beforeEach(() => {
    server = new FakeRcServer();
    clock = new FakeClock();
    clients = [];
    siteId = `handover-${Math.random().toString(36).slice(2)}`;
    reader = new IdbSessionStore(siteId);
  });
  afterEach(async () => {
    clients.forEach((c) => c.destroy());
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(IDB_DATABASE_NAME);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  /** Two tabs on one chat, both live, after tab A said `first`. */
  async function twoTabs(netA = network(server)) {
    const a = newTab(netA);
    const b = newTab();
    await Promise.all([a.ready, b.ready]);
    await a.send('first');
    await waitUntil(() => texts(b).includes('first'), 'tab B follows the chat');
    await waitUntil(() => a.connection === 'connected' && b.connection === 'connected');
    return {a, b};
  }

  it('a closed tab leaves its unsent messages to the other, sent once and in order', async () => {
    const {a, b} = await twoTabs();
    // The server stores 'second' but its answer (and echo) never come back to tab A.
    server.echoes = false;
    server.failNext(/^livechat\/message$/, 'lost');
    // A's resend of 'second' hangs, and the newer messages wait behind it.
    server.failNext(/^livechat\/message$/, 'hang');
    void a.send('second').catch(() => undefined);
    await waitUntil(() => server.stored().some((m) => m.msg === 'second'));
    server.echoes = true;
    void a.send('third').catch(() => undefined);
    void a.send('fourth').catch(() => undefined);
    await waitUntil(async () => (await storedOutbox()).length === 3, 'stored before sending');

    a.destroy();
    await waitUntil(() => statuses(b).every((s) => s === 'sent') && texts(b).length === 4);
    expect(texts(b)).to.deep.equal(['first', 'second', 'third', 'fourth']);
    expect(serverTexts()).to.deep.equal(['first', 'second', 'third', 'fourth']);
    // 'second': lost, A's stalled resend, B's (found already there); the others only B's.
    expect(['second', 'third', 'fourth'].map(posts)).to.deep.equal([3, 1, 1]);
    await waitUntil(async () => (await storedOutbox()).length === 0, 'the outbox empties');
  });

  it('an offline tab’s messages go out through the online tab, and never twice', async () => {
    const netA = network(server);
    const {a, b} = await twoTabs(netA);
    netA.goOffline();
    await waitUntil(() => a.connection === 'reconnecting');
    const sending = a.send('written offline');
    const inB = () => b.getTranscript().find((m) => m.text === 'written offline');
    await waitUntil(() => inB()?.status === 'sent', 'B sends it for A');
    expect(a.getTranscript().at(-1)).to.include({text: 'written offline', status: 'pending'});

    netA.goOnline();
    clock.advance(clock.nextDelay() ?? 0);
    expect((await sending).status).to.equal('sent');
    expect(texts(a)).to.deep.equal(['first', 'written offline']);
    expect(posts('written offline')).to.equal(1);
    expect(serverTexts()).to.deep.equal(['first', 'written offline']);
  });

  it('a tab that follows the chat shows another live tab’s unsent message once it is sent', async () => {
    const a = newTab();
    const b = newTab();
    await Promise.all([a.ready, b.ready]);
    server.failNext(/^livechat\/message$/, 'hang');
    void a.send('first').catch(() => undefined);
    await waitUntil(() => b.connection === 'connected', 'tab B follows the new chat');
    // Not offered for a retry in B: it is A's to send, and A is still trying.
    expect(texts(b)).to.deep.equal([]);
    await waitUntil(() => {
      clock.advance(1_000);
      return statuses(b).join() === 'sent';
    }, 'A resends it after its try timed out, and B hears of it from the server');
    expect(texts(b)).to.deep.equal(['first']);
    expect(posts('first')).to.equal(2);
  });

  it('only the owner sends while it lives; when it goes, exactly one other tab does', async () => {
    const {a, b} = await twoTabs();
    server.failNext(/^livechat\/message$/, 'hang');
    void a.send('slow').catch(() => undefined);
    await waitUntil(async () => (await storedOutbox()).includes('slow'));
    const owner = (await reader.load())!.outbox[0].owner!;
    const c = newTab();
    expect(await c.restore()).to.equal(true);
    await waitUntil(() => c.connection === 'connected');
    await b.send('from B');
    await waitUntil(() => texts(c).includes('from B'));
    expect(posts('slow')).to.equal(1, 'nobody sends what a live tab owes');

    a.destroy();
    const isSent = (tab: LiveChatClient) =>
      tab.getTranscript().some((m) => m.text === 'slow' && m.status === 'sent');
    await waitUntil(() => isSent(b) && isSent(c));
    // Both tabs queued for A's lease: once neither waits any more, both had their turn.
    await waitUntil(async () => !(await isLockBusy(`live-chat:${siteId}:tab:${owner}`)));
    expect(posts('slow')).to.equal(2, 'A’s stalled try and one take-over');
    expect(serverTexts()).to.deep.equal(['first', 'from B', 'slow']);
  });

  it('a later claim wins when two tabs write the same entry', () => {
    const base: SessionRecord = {
      v: 1,
      token: 't',
      rid: 'r',
      messages: [],
      outbox: [entry('m', 'tab-a')],
      lastActivity: 1,
    };
    const claimed = {...base, outbox: [entry('m', 'tab-b', 1)]};
    expect(mergeOutbox(base, claimed)).to.deep.equal([entry('m', 'tab-b', 1)]);
    const older = {...base, outbox: [entry('m', 'tab-c')]};
    expect(mergeOutbox({...base, outbox: [entry('m', 'tab-b', 1)]}, older)).to.deep.equal([
      entry('m', 'tab-b', 1),
    ]);
  });

  describe('without Web Locks', () => {
    let undo: () => void;
    beforeEach(() => {
      Object.defineProperty(navigator, 'locks', {value: undefined, configurable: true});
      undo = () => delete (navigator as {locks?: unknown}).locks;
    });
    afterEach(() => undo());

    it('a live tab leaves another tab’s messages alone; the next page sends them', async () => {
      const {a, b} = await twoTabs();
      server.failNext(/^livechat\/message$/, 'hang');
      void a.send('unsent').catch(() => undefined);
      await waitUntil(async () => (await storedOutbox()).includes('unsent'));
      a.destroy();
      await b.send('still here');
      expect(posts('unsent')).to.equal(1);

      const next = newTab();
      await next.restore();
      await waitUntil(() => server.stored().some((m) => m.msg === 'unsent'));
      expect(serverTexts()).to.deep.equal(['first', 'still here', 'unsent']);
    });
  });
});
