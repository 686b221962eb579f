import {expect} from '@open-wc/testing';
import {IdbSessionStore} from '../../src/core/store/idb-session-store.js';
import type {SessionRecord} from '../../src/core/store/session-store.js';
import type {Message} from '../../src/core/types.js';

const message = (id: string, ts = 1): Message => ({
  id,
  rid: 'r1',
  text: `text ${id}`,
  ts,
  author: {id: 'v1', username: 'guest-1', name: 'Guest', role: 'visitor'},
  status: 'sent',
});

const record = (count = 2): SessionRecord => ({
  v: 1,
  token: 'token-123',
  rid: 'r1',
  visitor: {token: 'token-123', id: 'v1', username: 'guest-1'},
  messages: Array.from({length: count}, (_, i) => message(`m${i}`, i)),
  outbox: [],
  lastActivity: 1234,
});

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A raw connection, as another tab (or another widget version) would hold it. */
async function rawOpen(name: string, version = 1): Promise<IDBDatabase> {
  const req = indexedDB.open(name, version);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains('session')) req.result.createObjectStore('session');
  };
  return request(req);
}

async function rawPut(name: string, key: string, value: unknown): Promise<void> {
  const db = await rawOpen(name);
  const tx = db.transaction('session', 'readwrite');
  tx.objectStore('session').put(value, key);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

async function rawGet(name: string, key: string): Promise<unknown> {
  const db = await rawOpen(name);
  const value = await request(db.transaction('session').objectStore('session').get(key));
  db.close();
  return value;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

/** Replaces `object[key]` until the returned function runs. */
function stub<T extends object, K extends keyof T>(object: T, key: K, value: T[K]): () => void {
  const had = Object.prototype.hasOwnProperty.call(object, key);
  const original = object[key];
  Object.defineProperty(object, key, {value, configurable: true, writable: true});
  return () => {
    if (had) Object.defineProperty(object, key, {value: original, configurable: true});
    else delete object[key];
  };
}

describe('IdbSessionStore', () => {
  let databaseName: string;
  let warnings: unknown[];
  let restores: (() => void)[];

  beforeEach(() => {
    databaseName = `live-chat-test-${Math.random().toString(36).slice(2)}`;
    warnings = [];
    restores = [stub(console, 'warn', (...args: unknown[]) => void warnings.push(args[0]))];
  });
  afterEach(async () => {
    for (const undo of restores.reverse()) undo();
    await deleteDatabase(databaseName);
  });

  const newStore = (siteId = 'site', version?: number) =>
    new IdbSessionStore(siteId, {databaseName, version});

  it('reads nothing without creating the database, then saves and loads per site', async () => {
    const store = newStore('https://a.test');
    expect(await store.load()).to.equal(null);
    expect(await databaseNames()).to.not.include(databaseName);
    await store.save(record());
    expect(await databaseNames()).to.include(databaseName);
    expect(await rawGet(databaseName, 'session:https://a.test')).to.deep.equal(record());
    expect(await newStore('https://a.test').load()).to.deep.equal(record());
    expect(await newStore('https://b.test').load()).to.equal(null);
    await store.clear();
    expect(await store.load()).to.equal(null);
    expect(warnings).to.deep.equal([]);
  });

  it('D1: without indexedDB the session lives in memory, with one warning', async () => {
    restores.push(stub(globalThis, 'indexedDB', undefined as unknown as IDBFactory));
    const store = newStore();
    expect(await store.load()).to.equal(null);
    await store.save(record());
    await store.save(record(3));
    expect((await store.load())!.messages).to.have.length(3);
    expect(store.isInMemory).to.equal(true);
    expect(warnings).to.have.length(1);
  });

  it('D1: an open() that throws moves to memory once; the session still works', async () => {
    let opens = 0;
    restores.push(
      stub(indexedDB, 'open', () => {
        opens++;
        throw new DOMException('The user denied permission', 'SecurityError');
      }),
    );
    const store = newStore();
    await store.save(record());
    await store.save(record(4));
    expect((await store.load())!.messages).to.have.length(4);
    expect(opens).to.equal(1);
    expect(warnings).to.have.length(1);
  });

  it('D2: a full disk drops the older half of the cache and tries once more', async () => {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    restores.push(
      stub(IDBObjectStore.prototype, 'put', function (this: IDBObjectStore, ...args) {
        calls++;
        if (calls === 1) throw new DOMException('full', 'QuotaExceededError');
        return put.apply(this, args as Parameters<typeof put>);
      }),
    );
    const store = newStore();
    await store.save(record(10));
    expect(calls).to.equal(2);
    expect(store.isInMemory).to.equal(false);
    const stored = (await newStore().load())!;
    expect(stored.messages.map((m) => m.id)).to.deep.equal(['m5', 'm6', 'm7', 'm8', 'm9']);
    expect(warnings).to.deep.equal([]);
  });

  it('D2: still full after the eviction: memory, with everything kept', async () => {
    let calls = 0;
    restores.push(
      stub(IDBObjectStore.prototype, 'put', () => {
        calls++;
        throw new DOMException('full', 'QuotaExceededError');
      }),
    );
    const store = newStore();
    await store.save(record(10));
    await store.save(record(11));
    expect(calls).to.equal(2);
    expect((await store.load())!.messages).to.have.length(11);
    expect(warnings).to.have.length(1);
  });

  it('D3: a lost connection is reopened once', async () => {
    const store = newStore();
    await store.save(record());
    const transaction = IDBDatabase.prototype.transaction;
    let lost = 1;
    restores.push(
      stub(IDBDatabase.prototype, 'transaction', function (this: IDBDatabase, ...args) {
        if (lost-- > 0) throw new DOMException('Connection to server lost', 'UnknownError');
        return transaction.apply(this, args as Parameters<typeof transaction>);
      }),
    );
    await store.save(record(3));
    expect(store.isInMemory).to.equal(false);
    const stored = (await rawGet(databaseName, 'session:site')) as SessionRecord;
    expect(stored.messages).to.have.length(3);
    expect(warnings).to.deep.equal([]);
  });

  it('D3: a connection lost again goes to memory, without a retry loop', async () => {
    const store = newStore();
    await store.save(record());
    let transactions = 0;
    restores.push(
      stub(IDBDatabase.prototype, 'transaction', () => {
        transactions++;
        throw new DOMException('Connection to server lost', 'UnknownError');
      }),
    );
    await store.save(record(3));
    await store.save(record(4));
    await store.save(record(5));
    expect(transactions).to.equal(2);
    expect((await store.load())!.messages).to.have.length(5);
    expect(warnings).to.have.length(1);
  });

  it('D5: a newer version elsewhere makes this store step aside, not block it', async () => {
    const store = newStore();
    await store.save(record());
    const newer = await rawOpen(databaseName, 2);
    newer.close();
    expect(store.isInMemory).to.equal(true);
    expect(await store.load()).to.deep.equal(record(), 'memory starts where the database was');
    await store.save(record(3));
    expect(store.isInMemory).to.equal(true);
    expect((await store.load())!.messages).to.have.length(3);
    expect(warnings).to.have.length(1);
  });

  it('a deleted database (site data cleared) is made again on the next write', async () => {
    const store = newStore();
    await store.save(record());
    await deleteDatabase(databaseName);
    await store.save(record(3));
    expect(store.isInMemory).to.equal(false);
    const stored = (await rawGet(databaseName, 'session:site')) as SessionRecord;
    expect(stored.messages).to.have.length(3);
    expect(warnings).to.deep.equal([]);
  });

  it('D5: an upgrade blocked by an old tab runs in memory instead of hanging', async () => {
    const old = await rawOpen(databaseName, 1);
    old.onversionchange = null;
    const store = newStore('site', 2);
    await store.save(record());
    expect(store.isInMemory).to.equal(true);
    expect((await store.load())!.messages).to.have.length(2);
    expect(warnings).to.have.length(1);
    old.close();
  });

  it('D7: a tampered record is ignored, a tampered message dropped', async () => {
    await rawPut(databaseName, 'session:a', {v: 1, token: 42, messages: []});
    expect(await newStore('a').load()).to.equal(null);
    const evil = {...message('x'), text: 5, author: {role: 'admin'}};
    await rawPut(databaseName, 'session:b', {...record(), messages: [message('ok'), evil]});
    expect((await newStore('b').load())!.messages.map((m) => m.id)).to.deep.equal(['ok']);
  });

  it('a failing read rejects (restore-failed) and moves the store to memory', async () => {
    await rawPut(databaseName, 'session:site', record());
    restores.push(
      stub(indexedDB, 'databases', () => Promise.reject(new DOMException('x', 'UnknownError'))),
    );
    const store = newStore();
    const failure = await store.load().then(
      () => null,
      (error: DOMException) => error.name,
    );
    expect(failure).to.equal('UnknownError');
    expect(store.isInMemory).to.equal(true);
    await store.save(record(3));
    expect((await store.load())!.messages).to.have.length(3);
    expect(warnings).to.have.length(1);
  });
});
