import {expect} from '@open-wc/testing';
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

/** A Web Storage area in a Map. */
function fakeStorage() {
  const data = new Map<string, string>();
  const storage = {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
  return {data, storage};
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

  it('readSessionRecord keeps a valid view, read marker and cursor, and drops a bad view', () => {
    const view = {
      open: true,
      draft: 'half a sentence',
      scrollTop: 120,
      reading: {id: 'b', offset: -8},
    };
    const read = readSessionRecord({...record(), view, lastReadId: 'a', lastSeen: 5})!;
    expect(read).to.deep.include({view, lastReadId: 'a', lastSeen: 5});
    const bad = readSessionRecord({...record(), view: {open: 'yes', draft: 1}})!;
    expect(bad.view).to.equal(undefined);
    const negative = readSessionRecord({...record(), view: {...view, scrollTop: -4}})!;
    expect(negative.view!.scrollTop).to.equal(null);
  });

  it('readSessionRecord reads a view of pixels only (an older record) as at the bottom', () => {
    const old = readSessionRecord({...record(), view: {open: true, draft: '', scrollTop: 640}})!;
    expect(old.view).to.deep.equal({open: true, draft: '', scrollTop: 640, reading: null});
  });

  it('readSessionRecord takes a malformed reading position as at the bottom', () => {
    const view = {open: true, draft: '', scrollTop: 10};
    for (const reading of [
      {id: '', offset: 3},
      {id: 7, offset: 3},
      {id: 'b', offset: Number.NaN},
      {id: 'b', offset: '3'},
      {id: 'b'},
      'b',
      [],
    ]) {
      const read = readSessionRecord({...record(), view: {...view, reading}})!;
      expect(read.view!.reading, JSON.stringify(reading)).to.equal(null);
    }
  });

  it('readSessionRecord keeps how the chat stood and its agent, and drops what is malformed', () => {
    const agent = {id: 'a1', username: 'ann', name: 'Ann', avatarUrl: 'https://chat.example/a'};
    const read = readSessionRecord({...record(), chatState: 'active', agent})!;
    expect(read).to.deep.include({chatState: 'active', agent});
    const odd = readSessionRecord({...record(), chatState: 'dancing', agent})!;
    expect([odd.chatState, odd.agent]).to.deep.equal([undefined, undefined]);
    const badAgent = readSessionRecord({...record(), chatState: 'ended', agent: {id: 1}})!;
    expect([badAgent.chatState, badAgent.agent]).to.deep.equal(['ended', undefined]);
    const noRoom = readSessionRecord({...record(), rid: undefined, chatState: 'active', agent})!;
    expect(noRoom.chatState, 'a state without its room means nothing').to.equal(undefined);
  });

  it('WebStorageSessionStore round-trips through JSON and ignores corrupt values', async () => {
    const {data, storage} = fakeStorage();
    const store = new WebStorageSessionStore(storage, 'site');
    await store.save(record());
    expect([...data.keys()]).to.deep.equal(['live-chat:session:site']);
    expect(await store.load()).to.deep.equal(record());
    data.set('live-chat:session:site', '{not json');
    expect(await store.load()).to.equal(null);
  });

  it('update hands the stored record to the change and stores what it returns', async () => {
    const {storage} = fakeStorage();
    for (const store of [new MemorySessionStore(), new WebStorageSessionStore(storage, 'site')]) {
      const seen: (SessionRecord | null)[] = [];
      const addEntry = (stored: SessionRecord | null) => {
        seen.push(stored);
        const base = stored ?? record();
        return {...base, outbox: [...base.outbox, {...base.outbox[0], id: `o${seen.length}`}]};
      };
      await store.update(addEntry);
      const written = await store.update(addEntry);
      expect(seen[0], store.constructor.name).to.equal(null);
      expect(written.outbox.map((e) => e.id)).to.deep.equal(['b', 'o1', 'o2']);
      expect(await store.load()).to.deep.equal(written);
    }
  });
});
