import {expect} from '@open-wc/testing';
import {keptHere, mayHaveSession, PROBED_DATABASE_NAME} from '../../src/core/session-probe.js';
import {IDB_DATABASE_NAME, IdbSessionStore} from '../../src/core/store/idb-session-store.js';
import type {SessionRecord} from '../../src/core/store/session-store.js';
import {WebStorageSessionStore} from '../../src/core/store/web-storage-session-store.js';

const record: SessionRecord = {
  v: 1,
  token: 'a-visitor-token-that-is-long-enough',
  messages: [],
  outbox: [],
  lastActivity: 0,
};

const databaseNames = async () => (await indexedDB.databases()).map((db) => db.name);

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('mayHaveSession', () => {
  it('looks for the database IdbSessionStore writes, without creating it', async () => {
    expect(PROBED_DATABASE_NAME).to.equal(IDB_DATABASE_NAME);
    const name = `probe-${Math.random().toString(36).slice(2)}`;
    expect(await mayHaveSession('local', 'https://chat.example', name)).to.equal(false);
    expect(await databaseNames()).to.not.include(name);
    const store = new IdbSessionStore('https://chat.example', {databaseName: name});
    await store.save(record);
    expect(await mayHaveSession('local', 'https://chat.example', name)).to.equal(true);
    await store.clear();
    await deleteDatabase(name);
  });

  it('notes for every tab that IdbSessionStore keeps the site’s session, until it is cleared', async () => {
    const site = `https://chat.example/${Math.random().toString(36).slice(2)}`;
    const name = `probe-${Math.random().toString(36).slice(2)}`;
    const store = new IdbSessionStore(site, {databaseName: name});
    expect(keptHere(site)).to.equal(false);
    await store.save(record);
    expect(keptHere(site)).to.equal(true);
    // In localStorage: a new tab of the site sees it too.
    expect(localStorage.getItem(`live-chat:kept:${site}`)).to.equal('1');
    expect(keptHere(`${site}/other`)).to.equal(false);
    await store.clear();
    expect(keptHere(site)).to.equal(false);
    await deleteDatabase(name);
  });

  it('finds the session WebStorageSessionStore keeps for this site only', async () => {
    const site = `https://chat.example/${Math.random().toString(36).slice(2)}`;
    expect(await mayHaveSession('session', site)).to.equal(false);
    const store = new WebStorageSessionStore(sessionStorage, site);
    await store.save(record);
    expect(await mayHaveSession('session', site)).to.equal(true);
    expect(await mayHaveSession('session', `${site}/other`)).to.equal(false);
    await store.clear();
  });

  it('never finds one when nothing is kept', async () => {
    expect(await mayHaveSession('none', 'https://chat.example')).to.equal(false);
  });
});
