import {expect, waitUntil as waitFor} from '@open-wc/testing';
import {LiveChatClient} from '../../src/core/index.js';
import {DdpConnection} from '../../src/core/transport/ddp.js';
import {IDB_DATABASE_NAME} from '../../src/core/store/idb-session-store.js';
import {createSharedLink, type SharedLink} from '../../src/core/transport/shared-link.js';
import {FakeRcServer} from '../helpers/fake-rc-server.js';
import {FakeSocketHub, type FakeSocket} from '../helpers/fake-socket.js';

const URL = 'ws://rc.test/websocket';

/** `waitUntil` with room for Web Locks and BroadcastChannel round trips on a busy machine. */
const waitUntil = (predicate: () => unknown, message?: string) =>
  waitFor(predicate, message, {timeout: 8000});

/**
 * A DDP server on fake sockets: answers the handshake, `echo` calls with their params, and
 * every sub with `ready`; `publish` sends a collection event to every socket subscribed to it.
 */
function scriptedServer() {
  const hub = new FakeSocketHub();
  const subs: {socket: FakeSocket; id: string; name: string}[] = [];
  hub.onSocket = (socket) => {
    queueMicrotask(() => socket.open());
    socket.onClientFrame = (frame) => {
      const {msg, id} = frame as {msg: string; id: string};
      if (msg === 'connect') socket.receive({msg: 'connected', session: `s${hub.sockets.length}`});
      if (msg === 'ping') socket.receive({msg: 'pong'});
      if (msg === 'method') {
        socket.receive({msg: 'result', id, result: frame.params});
        socket.receive({msg: 'updated', methods: [id]});
      }
      if (msg === 'sub' && frame.name === 'refused') {
        socket.receive({msg: 'nosub', id, error: {error: 'not-allowed', reason: 'Not allowed'}});
        return;
      }
      if (msg === 'sub') {
        subs.push({socket, id, name: String(frame.name)});
        socket.receive({msg: 'ready', subs: [id]});
      }
      if (msg === 'unsub') socket.receive({msg: 'nosub', id});
    };
  };
  const live = () => hub.sockets.filter((s) => s.readyState === 1 && !s.closedByClient);
  return {
    hub,
    live,
    /** `sub` frames the server got on its open sockets. */
    subFrames: () => live().flatMap((s) => s.framesOf('sub')),
    publish(collection: string, eventName: string, text: string) {
      for (const sub of subs) {
        if (sub.name !== collection || sub.socket.closedByClient) continue;
        sub.socket.receive({
          msg: 'changed',
          collection,
          id: 'id',
          fields: {eventName, args: [text]},
        });
      }
    },
  };
}

describe('one live link per site (Web Locks + BroadcastChannel)', () => {
  let server: ReturnType<typeof scriptedServer>;
  let siteId: string;
  let tabs: {link: SharedLink; ddp: DdpConnection}[];

  /** A tab: its link and its connection, reconnecting quickly after a loss. */
  const newTab = () => {
    const link = createSharedLink(siteId, URL, {socketFactory: server.hub.factory})!;
    const backoff = {initialMs: 20, maxMs: 100};
    const ddp = new DdpConnection(URL, {socketFactory: link.socketFactory, backoff});
    const tab = {link, ddp};
    tabs.push(tab);
    return tab;
  };
  const heard = (ddp: DdpConnection, name = 'stream-room-messages', params: unknown[] = ['r1']) => {
    const texts: unknown[] = [];
    const sub = ddp.subscribe(name, params, (fields) => texts.push((fields.args as unknown[])[0]));
    return {texts, sub};
  };

  beforeEach(() => {
    server = scriptedServer();
    siteId = `link-${Math.random().toString(36).slice(2)}`;
    tabs = [];
  });
  afterEach(() => {
    for (const {link, ddp} of tabs) {
      ddp.close();
      link.dispose();
    }
  });

  it('three tabs hold one socket, get their own answers and one copy of each event', async () => {
    const a = newTab();
    await a.ddp.connect();
    expect(a.link.isLeader).to.equal(true);
    const [b, c] = [newTab(), newTab()];
    await Promise.all([b.ddp.connect(), c.ddp.connect()]);
    expect(server.hub.sockets).to.have.length(1);
    expect([b.link.isLeader, c.link.isLeader]).to.deep.equal([false, false]);

    const answers = await Promise.all([a, b, c].map(({ddp}, i) => ddp.call('echo', [`tab ${i}`])));
    expect(answers).to.deep.equal([['tab 0'], ['tab 1'], ['tab 2']]);

    const streams = [a, b, c].map(({ddp}) => heard(ddp));
    await Promise.all(streams.map(({sub}) => sub.ready));
    expect(server.subFrames(), 'one server sub for the three alike').to.have.length(1);
    const other = heard(c.ddp, 'stream-notify-room', ['r1/user-activity']);
    await other.sub.ready;
    expect(server.subFrames()).to.have.length(2);

    server.publish('stream-room-messages', 'r1', 'hello');
    server.publish('stream-notify-room', 'r1/user-activity', 'typing');
    await waitUntil(() => streams.every(({texts}) => texts.length === 1), 'every tab hears it');
    await waitUntil(() => other.texts.length === 1);
    expect(streams.map(({texts}) => texts)).to.deep.equal([['hello'], ['hello'], ['hello']]);
    expect(other.texts).to.deep.equal(['typing']);

    // The server sub stays while one tab still wants it.
    streams[0].sub.stop();
    streams[1].sub.stop();
    await b.ddp.call('echo', ['after the stops']);
    expect(server.live()[0].framesOf('unsub')).to.have.length(0);
    streams[2].sub.stop();
    await waitUntil(() => server.live()[0].framesOf('unsub').length === 1, 'the last one out');
  });

  it('when the leader goes, the next tab takes over and the others reconnect through it', async () => {
    const a = newTab();
    await a.ddp.connect();
    const [b, c] = [newTab(), newTab()];
    await Promise.all([b.ddp.connect(), c.ddp.connect()]);
    const streams = [b, c].map(({ddp}) => heard(ddp));
    await Promise.all(streams.map(({sub}) => sub.ready));
    const first = server.hub.sockets[0];

    a.ddp.close();
    a.link.dispose();
    await waitUntil(() => b.link.isLeader || c.link.isLeader, 'a follower leads');
    await waitUntil(() => b.ddp.isConnected && c.ddp.isConnected, 'both back');
    expect(first.closedByClient, 'the old leader closed its socket').to.not.equal(null);
    expect(server.live()).to.have.length(1);
    await Promise.all(streams.map(({sub}) => sub.ready));
    expect(server.subFrames(), 'the subs come back once').to.have.length(1);
    server.publish('stream-room-messages', 'r1', 'after the change');
    await waitUntil(() => streams.every(({texts}) => texts.length === 1));
    expect(await c.ddp.call('echo', ['still routed'])).to.deep.equal(['still routed']);
  });

  it('a refused sub and a refusal for good reach every tab that asked', async () => {
    const a = newTab();
    await a.ddp.connect();
    const b = newTab();
    await b.ddp.connect();
    const stops = [a, b].map(({ddp}) => {
      const sub = ddp.subscribe('refused', ['r1'], () => undefined);
      return sub.ready.then(
        () => 'ready',
        (error: {error: string}) => error.error,
      );
    });
    expect(await Promise.all(stops)).to.deep.equal(['not-allowed', 'not-allowed']);

    server.hub.sockets[0].drop(1008);
    await waitUntil(() => a.ddp.fatalError && b.ddp.fatalError, 'both stop for good');
    expect([a.ddp.status, b.ddp.status]).to.deep.equal(['disconnected', 'disconnected']);
    expect(server.hub.sockets).to.have.length(1);
  });

  it('a leader that holds the lock but says nothing (frozen) loses it to a follower', async () => {
    const name = `live-chat:${siteId}:link:${URL}`;
    let stolen = false;
    // The frozen tab: it holds the lock and announced itself, then went silent.
    const frozen = navigator.locks.request(name, () => new Promise(() => undefined));
    frozen.catch(() => (stolen = true));
    await waitUntil(async () => (await navigator.locks.query()).held?.some((l) => l.name === name));
    const channel = new BroadcastChannel(name);
    channel.postMessage({t: 'lead', from: 'frozen#1'});
    channel.close();

    const b = newTab();
    const connecting = b.ddp.connect();
    await waitUntil(() => b.link.isLeader, 'the follower takes the lock');
    await connecting;
    expect(stolen).to.equal(true);
    expect(server.hub.sockets).to.have.length(1);
  });

  /** Two tabs of one visitor (shared IndexedDB session) chatting; resolves their sockets. */
  async function twoClientTabs(): Promise<number> {
    const rc = new FakeRcServer();
    const clients = [0, 1].map(
      () =>
        new LiveChatClient({
          server: rc.url,
          fetch: rc.fetch,
          socketFactory: rc.hub.factory,
          siteId,
        }),
    );
    try {
      const [a, b] = clients;
      await Promise.all([a.ready, b.ready]);
      await a.send('from tab A');
      await waitUntil(() => b.room?._id === a.room?._id, 'tab B follows the chat');
      await waitUntil(() => clients.every((client) => client.connection === 'connected'));
      return rc.hub.sockets.filter((socket) => socket.readyState === 1).length;
    } finally {
      clients.forEach((client) => client.destroy());
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(IDB_DATABASE_NAME);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    }
  }

  it('two chatting tabs of one visitor hold one socket', async () => {
    expect(await twoClientTabs()).to.equal(1);
  });

  it('the tab that takes over binds the visitor again on its socket (setUpConnection)', async () => {
    const rc = new FakeRcServer();
    const newClient = () =>
      new LiveChatClient({server: rc.url, fetch: rc.fetch, socketFactory: rc.hub.factory, siteId});
    const setUps = (socket: FakeSocket) =>
      socket.framesOf('method').filter((f) => f.method === 'livechat:setUpConnection');
    // Tab A chats first, so it asks for the lock first and leads.
    const a = newClient();
    const b = newClient();
    try {
      await Promise.all([a.ready, b.ready]);
      await a.send('from tab A');
      await waitUntil(() => b.room?._id === a.room?._id, 'tab B follows the chat');
      await waitUntil(() => a.connection === 'connected' && b.connection === 'connected');
      expect(rc.hub.sockets).to.have.length(1);
      await waitUntil(() => setUps(rc.hub.sockets[0]!).length > 0, 'bound on the first socket');
      const token = a.visitor!.token;

      a.destroy();
      await waitUntil(() => rc.hub.sockets.length === 2, 'tab B opens the socket');
      const socket = rc.hub.sockets[1]!;
      await waitUntil(() => setUps(socket).length > 0, 'bound again on the new socket');
      expect(setUps(socket).map((f) => f.params)).to.deep.equal([[{token}]]);
    } finally {
      a.destroy();
      b.destroy();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(IDB_DATABASE_NAME);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    }
  });

  it('without Web Locks each tab opens its own socket', async () => {
    Object.defineProperty(navigator, 'locks', {value: undefined, configurable: true});
    try {
      expect(createSharedLink(siteId, URL)).to.equal(null);
      expect(await twoClientTabs()).to.equal(2);
    } finally {
      delete (navigator as {locks?: unknown}).locks;
    }
  });
});
