import {expect, waitUntil} from '@open-wc/testing';
// Not from core/index.ts, which carries the engine: here the client has to load it.
import {LiveChatClient, type EngineModule} from '../../src/core/chat-client.js';
import type {LiveChatClientOptions} from '../../src/core/client-options.js';
import type {RcTrigger} from '../../src/core/protocol/index.js';
import {noteKept} from '../../src/core/store/kept-note.js';
import {siteIdFor} from '../../src/core/site-id.js';
import {MemorySessionStore} from '../../src/core/store/memory-session-store.js';
import type {LiveChatError} from '../../src/core/types.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeRcServer} from '../helpers/fake-rc-server.js';

/** A client whose engine arrives only once the test opens the gate. */
class GatedClient extends LiveChatClient {
  loads = 0;
  private readonly gate: Promise<void>;
  private release!: () => void;

  constructor(options: LiveChatClientOptions) {
    super(options);
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  /** Lets the engine arrive. */
  open(): void {
    this.release();
  }

  protected override loadEngine(): Promise<EngineModule> {
    this.loads++;
    // Imported here rather than through the client's own loader, which would keep the module
    // for every later client of this page and so skip the lazy path in the other tests.
    return this.gate.then(() => import('../../src/core/chat-engine.js'));
  }
}

function setup(options: Partial<LiveChatClientOptions> = {}, configure = (_: FakeRcServer) => {}) {
  const server = new FakeRcServer();
  configure(server);
  const clock = new FakeClock();
  const store = new MemorySessionStore();
  const client = new GatedClient({
    server: server.url,
    fetch: server.fetch,
    socketFactory: server.hub.factory,
    clock,
    store,
    ...options,
  });
  return {server, clock, store, client};
}

const greeting: RcTrigger = {
  _id: 'later',
  enabled: true,
  runOnce: false,
  conditions: [{name: 'time-on-site', value: 30}],
  actions: [{name: 'send-message', params: {sender: 'custom', name: 'Sam', msg: 'Need help?'}}],
};

describe('LiveChatClient before its engine is loaded', () => {
  it('answers ready from one config request and loads nothing more', async () => {
    const {client, server} = setup();
    const ready: unknown[] = [];
    client.on('ready', (detail) => ready.push(detail));
    const config = await client.ready;
    expect(config.theme.title).to.equal('Fake chat');
    expect(client.getSnapshot().config).to.equal(config);
    expect(ready).to.deep.equal([{config}]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'GET livechat/config',
    ]);
    expect(client.loads).to.equal(0);
    client.destroy();
  });

  it('drops typing, has no agents or stats, and lets history() wait for the engine', async () => {
    const {client} = setup();
    await client.ready;
    client.setTyping(true);
    client.setSneakPeek('draft');
    expect(client.getAgents()).to.deep.equal([]);
    const noStats = {startTime: null, endTime: null, duration: 0, agents: []};
    expect(client.getStats()).to.deep.equal(noStats);
    let page: IteratorResult<unknown> | null = null;
    const next = client
      .history()
      .next()
      .then((result) => (page = result));
    await waitUntil(() => client.loads === 1, 'history() asks for the engine');
    expect(page).to.equal(null);
    client.open();
    await next;
    expect(page).to.deep.equal({done: true, value: undefined});
    client.destroy();
  });

  it('loads the engine for the first message, which then goes out as usual', async () => {
    const {client, server} = setup();
    await client.ready;
    const sending = client.send('Hello');
    expect(client.loads).to.equal(1);
    client.open();
    const message = await sending;
    expect(message).to.include({text: 'Hello', status: 'sent'});
    expect(client.getTranscript().map((m) => m.text)).to.deep.equal(['Hello']);
    expect(server.stored().map((m) => m.msg)).to.include('Hello');
    client.destroy();
  });

  it('restore() looks for a session without the engine, and loads it for one', async () => {
    const empty = setup();
    expect(await empty.client.restore()).to.equal(false);
    expect(empty.client.loads).to.equal(0);
    empty.client.destroy();

    const stored = setup();
    const token = 'a-visitor-token-that-is-long-enough';
    await stored.store.save({v: 1, token, messages: [], outbox: [], lastActivity: Date.now()});
    const restored: unknown[] = [];
    stored.client.on('restored', (detail) => restored.push(detail));
    const found = stored.client.restore();
    await waitUntil(() => stored.client.loads === 1, 'the stored session asks for the engine');
    stored.client.open();
    expect(await found).to.equal(true);
    expect(stored.client.visitor?.token).to.equal(token);
    expect(restored).to.have.length(1);
    stored.client.destroy();
  });

  it('reads the stored chat while the window loads, and shows it once the window is there', async () => {
    let windowLoaded = () => {};
    const windowLoad = new Promise<void>((resolve) => (windowLoaded = resolve));
    /** The element's client: what shows the chat (its window) loads along with the engine. */
    class WindowedClient extends GatedClient {
      protected override load() {
        return Promise.all([super.load(), windowLoad]).then(([engine]) => engine);
      }
    }
    const store = new MemorySessionStore();
    const author = {id: 'a1', username: 'ada', name: 'Ada Agent', role: 'agent' as const};
    const kept = {id: 'm1', rid: 'r1', text: 'Kept from the last page', ts: 1, author};
    const token = 'a-visitor-token-that-is-long-enough';
    const record = {v: 1 as const, token, outbox: [], lastActivity: Date.now()};
    await store.save({...record, messages: [{...kept, status: 'sent' as const}]});
    let reads = 0;
    const load = store.load.bind(store);
    store.load = () => (reads++, load());
    const server = new FakeRcServer();
    const clock = new FakeClock();
    const client = new WindowedClient({server: server.url, fetch: server.fetch, clock, store});
    const restored: unknown[] = [];
    client.on('restored', (detail) => restored.push(detail.messages));
    const found = client.restore();
    client.open();
    // The probe's look, then the engine's read: both before the window is there.
    await waitUntil(() => reads === 2, 'the stored chat is read while the window loads');
    expect(restored, 'nothing shows without the window').to.deep.equal([]);
    expect(client.getTranscript()).to.deep.equal([]);
    windowLoaded();
    expect(await found).to.equal(true);
    expect(restored).to.deep.equal([1]);
    expect(client.getTranscript().map((m) => m.text)).to.deep.equal(['Kept from the last page']);
    client.destroy();
  });

  it('loads the engine at once when the chat was kept on an earlier page or in another tab; the store still decides', async () => {
    const server = new FakeRcServer();
    const siteId = `kept-${Math.random()}`;
    const newClient = (site: string) =>
      new GatedClient({
        server: server.url,
        fetch: server.fetch,
        clock: new FakeClock(),
        siteId: site,
      });
    const databases = indexedDB.databases;
    const answers: ((list: IDBDatabaseInfo[]) => void)[] = [];
    // IndexedDB is slow to answer (cold, in a new tab): the engine need not wait for it.
    indexedDB.databases = () => new Promise((resolve) => answers.push(resolve));
    try {
      const fresh = newClient(`never-${siteId}`);
      void fresh.restore();
      noteKept(siteId, true);
      const returning = newClient(siteId);
      const found = returning.restore();
      // In the page's own task: a later task of its own waited behind the page's loading and
      // first paint.
      await Promise.resolve();
      expect(returning.loads, 'downloading before IndexedDB answers').to.equal(1);
      expect(fresh.loads, 'a tab that never chatted waits for the probe').to.equal(0);
      expect(answers, 'only the tab that never chatted asked').to.have.length(1);
      fresh.destroy();
      // The note is a hint: here the database was cleared since, and the store finds no session.
      returning.open();
      await waitUntil(() => answers.length === 2, 'the store looks for the database');
      for (const answer of answers) answer([]);
      expect(await found, 'the store decides').to.equal(false);
      returning.destroy();
    } finally {
      indexedDB.databases = databases;
      noteKept(siteId, false);
    }
  });

  it('runs triggers with their own code, and loads the engine only to greet', async () => {
    const {client, clock} = setup({}, (server) => {
      server.configPatch = {triggers: [greeting]};
    });
    await client.ready;
    const engine = await client.runTriggers({
      pageUrl: () => 'https://shop.example/',
      runOnceStore: {get: () => [], set: () => undefined},
      clock,
    });
    const fired: string[] = [];
    engine.onFire(({message}) => fired.push(message.text));
    expect(client.loads).to.equal(0);
    clock.advance(30_000);
    await waitUntil(() => client.loads === 1, 'the greeting asks for the engine');
    client.open();
    await waitUntil(() => fired.length === 1, 'the trigger fires');
    expect(fired).to.deep.equal(['Need help?']);
    expect(client.getTranscript().map((m) => m.text)).to.deep.equal(['Need help?']);
    client.destroy();
  });

  it('follows a chat that another tab of the site starts', async () => {
    const server = new FakeRcServer();
    const client = new GatedClient({server: server.url, fetch: server.fetch, persist: 'local'});
    await client.ready;
    const name = `live-chat:${siteIdFor(server.url)}`;
    const otherTab = new BroadcastChannel(name);
    const listener = new BroadcastChannel(name);
    const heard: unknown[] = [];
    listener.onmessage = (event) => heard.push(event.data);
    const news = {type: 'session', token: 'the-other-tab-token', rid: 'room-9'};
    otherTab.postMessage(news);
    await waitUntil(() => client.loads === 1, 'the news asks for the engine');
    client.open();
    // Relayed once the engine listens, so that its own channel hears it too.
    await waitUntil(() => heard.length === 2, 'the news is relayed');
    expect(heard).to.deep.equal([news, news]);
    for (const channel of [otherTab, listener]) channel.close();
    client.destroy();
  });

  it('rejects every call after destroy(), without loading the engine', async () => {
    const {client} = setup();
    client.destroy();
    const codes = await Promise.all(
      [client.send('Hi'), client.start(), client.restore()].map((p) =>
        p.then(
          () => 'resolved',
          (error: LiveChatError) => error.code,
        ),
      ),
    );
    expect(codes).to.deep.equal(['destroyed', 'destroyed', 'destroyed']);
    expect(client.loads).to.equal(0);
  });

  // Last: the REST client it falls back to comes from the engine's module, which the page then
  // keeps for every later client.
  it('reports a failed config request as the REST client does, without an engine', async () => {
    const {client} = setup({}, (server) => {
      const fault = {status: 500, body: {success: false, error: 'Boom'}};
      for (let i = 0; i < 2; i++) server.failNext(/config/, fault);
    });
    const errors: string[] = [];
    client.on('error', ({error}) => errors.push(error.code));
    const failure = await client.ready.then(
      () => null,
      (error: LiveChatError) => error,
    );
    expect(failure?.code).to.equal('server');
    expect(errors).to.deep.equal(['server']);
    expect(client.loads).to.equal(0);
    client.destroy();
  });
});
