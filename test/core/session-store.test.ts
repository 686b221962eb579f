import {expect} from '@open-wc/testing';
import {IdbSessionStore} from '../../src/core/store/idb-session-store.js';
import {MemorySessionStore} from '../../src/core/store/memory-session-store.js';
import {
  MAX_CACHED_MESSAGES,
  readSessionRecord,
  type SessionRecord,
} from '../../src/core/store/session-store.js';
import {WebStorageSessionStore} from '../../src/core/store/web-storage-session-store.js';
import type {Message} from '../../src/core/types.js';

const message = (id: string, ts = 1): Message => ({
  id,
  rid: 'r1',
  text: `text ${id}`,
  ts,
  author: {id: 'v1', username: 'guest-1', name: 'Guest', role: 'visitor'},
  status: 'sent',
});

const record = (): SessionRecord => ({
  v: 1,
  token: 'token-123',
  rid: 'r1',
  visitor: {token: 'token-123', id: 'v1', username: 'guest-1'},
  messages: [message('a'), {...message('b', 2), status: 'pending'}],
  outbox: [{id: 'b', rid: 'r1', text: 'text b', ts: 2, attempts: 1}],
  lastActivity: 1234,
});

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('session stores', () => {
  it('readSessionRecord rejects foreign versions and drops bad entries one by one', () => {
    expect(readSessionRecord(null)).to.equal(null);
    expect(readSessionRecord({...record(), v: 2})).to.equal(null);
    expect(readSessionRecord({...record(), token: ''})).to.equal(null);
    const tampered = {
      ...record(),
      messages: [
        message('ok'),
        {id: 'x', text: '<img onerror=1>'},
        {...message('y'), author: {role: 'admin'}},
      ],
      outbox: [{id: 'o'}, ...record().outbox],
    };
    const read = readSessionRecord(tampered)!;
    expect(read.messages.map((m) => m.id)).to.deep.equal(['ok']);
    expect(read.outbox.map((e) => e.id)).to.deep.equal(['b']);
  });

  it('readSessionRecord keeps only the newest cached messages', () => {
    const many = Array.from({length: MAX_CACHED_MESSAGES + 5}, (_, i) => message(`m${i}`, i));
    const read = readSessionRecord({...record(), messages: many})!;
    expect(read.messages).to.have.length(MAX_CACHED_MESSAGES);
    expect(read.messages[0].id).to.equal('m5');
  });

  it('MemorySessionStore round-trips a copy', async () => {
    const store = new MemorySessionStore();
    expect(await store.load()).to.equal(null);
    const value = record();
    await store.save(value);
    value.messages.length = 0;
    expect((await store.load())!.messages).to.have.length(2);
    await store.clear();
    expect(await store.load()).to.equal(null);
  });

  it('WebStorageSessionStore round-trips through JSON and ignores corrupt values', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
      removeItem: (key: string) => void data.delete(key),
    };
    const store = new WebStorageSessionStore(storage, 'site');
    await store.save(record());
    expect([...data.keys()]).to.deep.equal(['live-chat:session:site']);
    expect(await store.load()).to.deep.equal(record());
    data.set('live-chat:session:site', '{not json');
    expect(await store.load()).to.equal(null);
  });

  describe('IdbSessionStore', () => {
    const databaseName = `live-chat-test-${Math.random().toString(36).slice(2)}`;
    afterEach(() => deleteDatabase(databaseName));

    it('reads nothing without creating the database, then saves and loads', async () => {
      const store = new IdbSessionStore('site-a', {databaseName});
      expect(await store.load()).to.equal(null);
      expect(await databaseNames()).to.not.include(databaseName);
      await store.save(record());
      expect(await databaseNames()).to.include(databaseName);
      expect(await new IdbSessionStore('site-a', {databaseName}).load()).to.deep.equal(record());
      expect(await new IdbSessionStore('site-b', {databaseName}).load()).to.equal(null);
      await store.clear();
      expect(await store.load()).to.equal(null);
    });

    it('falls back to memory with one warning when IndexedDB fails', async () => {
      const warnings: unknown[] = [];
      const originalWarn = console.warn;
      const originalDatabases = indexedDB.databases;
      console.warn = (...args: unknown[]) => warnings.push(args[0]);
      indexedDB.databases = () => Promise.reject(new DOMException('blocked', 'UnknownError'));
      try {
        const store = new IdbSessionStore('site-c', {databaseName});
        expect(await store.load()).to.equal(null);
        await store.save(record());
        expect(await store.load()).to.deep.equal(record());
        expect(store.isInMemory).to.equal(true);
        expect(warnings).to.have.length(1);
      } finally {
        console.warn = originalWarn;
        indexedDB.databases = originalDatabases;
      }
    });
  });
});
