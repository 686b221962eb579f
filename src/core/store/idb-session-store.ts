import {createStore, del, get, set, type UseStore} from 'idb-keyval';
import {MemorySessionStore} from './memory-session-store.js';
import {readSessionRecord, type SessionRecord, type SessionStore} from './session-store.js';

/** The widget's own IndexedDB database (never idb-keyval's default one). */
export const IDB_DATABASE_NAME = 'live-chat';
/** The object store inside it. */
export const IDB_STORE_NAME = 'session';

/** Options of an `IdbSessionStore`; tests pass a unique `databaseName`. */
export interface IdbSessionStoreOptions {
  databaseName?: string;
  storeName?: string;
}

/**
 * Persists the session in IndexedDB under `session:<siteId>`. Reading never creates the
 * database (it checks `indexedDB.databases()` first where the browser has it); any IndexedDB
 * failure switches the store to memory for the rest of the page, with one console warning.
 */
export class IdbSessionStore implements SessionStore {
  private readonly key: string;
  private readonly databaseName: string;
  private readonly storeName: string;
  private store: UseStore | null = null;
  private fallback: MemorySessionStore | null = null;

  constructor(siteId = 'default', options: IdbSessionStoreOptions = {}) {
    this.key = `session:${siteId}`;
    this.databaseName = options.databaseName ?? IDB_DATABASE_NAME;
    this.storeName = options.storeName ?? IDB_STORE_NAME;
  }

  /** Whether IndexedDB failed and the session now lives in memory only. */
  get isInMemory(): boolean {
    return this.fallback !== null;
  }

  /** The stored, validated record; `null` without touching IndexedDB if the database is absent. */
  async load(): Promise<SessionRecord | null> {
    if (this.fallback) return this.fallback.load();
    try {
      if (!(await this.databaseExists())) return null;
      return readSessionRecord(await get(this.key, this.open()));
    } catch (error) {
      return this.fail(error).load();
    }
  }

  /** Writes the record (creating the database on first use). */
  async save(record: SessionRecord): Promise<void> {
    if (this.fallback) return this.fallback.save(record);
    try {
      await set(this.key, record, this.open());
    } catch (error) {
      await this.fail(error).save(record);
    }
  }

  /** Deletes the record (the database stays; it may hold other sites' sessions). */
  async clear(): Promise<void> {
    if (this.fallback) return this.fallback.clear();
    try {
      if (await this.databaseExists()) await del(this.key, this.open());
    } catch (error) {
      await this.fail(error).clear();
    }
  }

  private async databaseExists(): Promise<boolean> {
    const idb = globalThis.indexedDB;
    if (!idb) throw new Error('IndexedDB is not available');
    if (this.store || typeof idb.databases !== 'function') return true;
    const databases = await idb.databases();
    return databases.some((db) => db.name === this.databaseName);
  }

  private open(): UseStore {
    // idb-keyval opens (and so creates) the database as soon as the store is made: do it late.
    const store = (this.store ??= createStore(this.databaseName, this.storeName));
    return (mode, callback) =>
      store(mode, (objectStore) => {
        const db = objectStore.transaction.db;
        // Let an upgrade or a delete elsewhere proceed; the next call opens the database again.
        db.onversionchange ??= () => {
          db.close();
          if (this.store === store) this.store = null;
        };
        return callback(objectStore);
      });
  }

  private fail(error: unknown): MemorySessionStore {
    if (!this.fallback) {
      console.warn('live-chat: IndexedDB failed, the chat session is kept in memory only.', error);
      this.fallback = new MemorySessionStore();
    }
    return this.fallback;
  }
}
