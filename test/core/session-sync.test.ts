import {expect} from '@open-wc/testing';
import {SessionSync} from '../../src/core/session-sync.js';
import {IdbSessionStore} from '../../src/core/store/idb-session-store.js';
import type {OutboxEntry, SessionRecord} from '../../src/core/store/session-store.js';
import type {LiveChatError} from '../../src/core/types.js';

const entry = (id: string): OutboxEntry => ({id, rid: 'r', text: id, ts: 1, attempts: 1});

/** What one tab of the chat would store: the shared session plus its own unsent messages. */
const tabRecord = (ids: string[]): SessionRecord => ({
  v: 1,
  token: 't',
  rid: 'r',
  messages: [],
  outbox: ids.map(entry),
  lastActivity: 1,
});

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

// Each tab has its own connection to the shared database, and no Web Lock orders their saves
// (browsers without them, or the lock lost with a crashed tab): the store alone must make a
// save's read-merge-write one step, or the tab that writes last wipes the others' messages.
describe('SessionSync between tabs without Web Locks', () => {
  let databaseName: string;
  let errors: LiveChatError[];

  beforeEach(() => {
    databaseName = `live-chat-sync-${Math.random().toString(36).slice(2)}`;
    errors = [];
  });
  afterEach(() => deleteDatabase(databaseName));

  const tab = (ids: string[], build = () => tabRecord(ids), onSaved?: () => void) => {
    const store = new IdbSessionStore('site', {databaseName});
    const sync = new SessionSync(store, build, (e) => errors.push(e), {isShared: true, onSaved});
    sync.enable();
    return sync;
  };
  const storedIds = async () =>
    ((await new IdbSessionStore('site', {databaseName}).load())?.outbox ?? []).map((e) => e.id);

  it('two tabs saving at the same moment both keep their unsent messages', async () => {
    const a = tab(['from-a']);
    const b = tab(['from-b']);
    await Promise.all([a.save(), b.save()]);
    expect((await storedIds()).sort()).to.deep.equal(['from-a', 'from-b']);
    expect(errors).to.deep.equal([]);
  });

  it('five tabs saving at once, three times over, lose nothing', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const tabs = names.map((name) => tab([`from-${name}`]));
    for (let round = 0; round < 3; round++) {
      await Promise.all(tabs.map((sync) => sync.save()));
      expect((await storedIds()).sort(), `round ${round}`).to.deep.equal(
        names.map((name) => `from-${name}`),
      );
    }
    expect(errors).to.deep.equal([]);
  });

  it('a tab that took the visitor up before the room existed never erases the room', async () => {
    const author = {id: 'v', username: 'v', name: 'v', role: 'visitor' as const};
    const sent = {id: 'hello', rid: 'r', text: 'Hello', ts: 2, author, status: 'sent' as const};
    const a = tab(['from-a'], () => ({...tabRecord(['from-a']), messages: [sent], lastSeen: 2}));
    await a.save();
    // Tab B followed the visitor when it had no room yet, and has not heard of the room: it
    // writes its window as it opens (flush) and later (save).
    const behind = {
      ...tabRecord([]),
      rid: undefined,
      view: {open: true, draft: '', scrollTop: null, reading: null},
    };
    let flushed = () => {};
    const written = new Promise<void>((resolve) => (flushed = resolve));
    const b = tab(
      [],
      () => ({...behind}),
      () => flushed(),
    );
    b.flush();
    await written;
    await b.save();
    const stored = await new IdbSessionStore('site', {databaseName}).load();
    expect(stored).to.deep.include({rid: 'r', lastSeen: 2, view: behind.view});
    expect(stored!.messages.map((m) => m.id)).to.deep.equal(['hello']);
    expect(stored!.outbox.map((e) => e.id)).to.deep.equal(['from-a']);
    expect(errors).to.deep.equal([]);
  });

  it('T9: a first message waiting for the room survives the saves of the other tabs', async () => {
    // Tab A kept its first message before the room existed (no rid); tab B, on the same
    // session, saves without it, first before the room and then with it.
    const waiting = {...entry('first'), rid: ''};
    const a = tab([], () => ({...tabRecord([]), rid: undefined, outbox: [waiting]}));
    await a.save();
    await tab([], () => ({...tabRecord([]), rid: undefined})).save();
    expect(await storedIds()).to.deep.equal(['first']);
    await tab(['from-b']).save();
    expect(await storedIds()).to.deep.equal(['from-b', 'first']);
    expect(errors).to.deep.equal([]);
  });
});
