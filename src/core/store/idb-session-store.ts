import {del, get, set, update, type UseStore} from 'idb-keyval';
import {foundDatabases} from '../session-probe.js';
import {noteKept} from './kept-note.js';
import {memoryFallback, type MemorySessionStore} from './memory-session-store.js';
import {readSessionRecord, type SessionRecord, type SessionStore} from './session-store.js';

/** The widget's own IndexedDB database (never idb-keyval's default one). */
export const IDB_DATABASE_NAME = 'live-chat';
/** The object store inside it. */
export const IDB_STORE_NAME = 'session';
// Set by the build (vite.config.ts, `LIVE_CHAT_IDB_VERSION`), so that a test can make the
// "next" widget build that a tab of this one meets (D5); unset in source runs.
declare const __LIVE_CHAT_IDB_VERSION__: number | undefined;

/** Schema version: a newer widget raises it, and tabs still running this one step aside (D5). */
export const IDB_SCHEMA_VERSION =
  typeof __LIVE_CHAT_IDB_VERSION__ === 'number' ? __LIVE_CHAT_IDB_VERSION__ : 1;

/** Options of an `IdbSessionStore`; tests pass a unique `databaseName`. */
export interface IdbSessionStoreOptions {
  databaseName?: string;
  storeName?: string;
  version?: number;
}

const errorName = (error: unknown) => (error instanceof DOMException ? error.name : '');

// WebKit reports a dropped connection as UnknownError ("Connection to Indexed Database server
// lost"); a transaction on a database the browser closed throws InvalidStateError.
const isConnectionLost = (error: unknown) =>
  ['UnknownError', 'InvalidStateError'].includes(errorName(error));

/**
 * Persists the session in IndexedDB under `session:<siteId>`, through idb-keyval's `get`, `set`,
 * `update` and `del`. The database is opened here rather than with idb-keyval's `createStore`, which
 * cannot see `blocked` or `versionchange` (D5). IndexedDB is a cache, never the only copy:
 *
 * - reading never creates the database (`indexedDB.databases()` is asked first);
 * - a lost connection is reopened once (D3); a full disk first drops the older half of the
 *   cached messages and tries once more (D2);
 * - a newer widget in another tab upgrading the database (`versionchange`) closes it at once
 *   and keeps the session in memory from its last known state (D5);
 * - any other failure, a second one, a missing `indexedDB` (D1) or an upgrade blocked by an
 *   older tab (D5) moves the session to memory for the rest of the page, with one warning.
 */
export class IdbSessionStore implements SessionStore {
  readonly #key: string;
  readonly #databaseName: string;
  readonly #storeName: string;
  readonly #version: number;
  #database: Promise<IDBDatabase> | null = null;
  #fallback: MemorySessionStore | null = null;
  #hasReopened = false;
  /** The record as last read or written: what memory starts from if the database goes. */
  #latest: SessionRecord | null = null;
  #isNoted = false;

  readonly #siteId: string;

  constructor(siteId = 'default', options: IdbSessionStoreOptions = {}) {
    this.#siteId = siteId;
    this.#key = `session:${siteId}`;
    this.#databaseName = options.databaseName ?? IDB_DATABASE_NAME;
    this.#storeName = options.storeName ?? IDB_STORE_NAME;
    this.#version = options.version ?? IDB_SCHEMA_VERSION;
  }

  /** Whether IndexedDB failed and the session now lives in memory only. */
  get isInMemory(): boolean {
    return this.#fallback !== null;
  }

  /**
   * The stored, validated record (`null` without touching IndexedDB if there is no database).
   * A failing read moves the store to memory and rejects, so the caller can say so.
   */
  async load(): Promise<SessionRecord | null> {
    if (this.#fallback) return this.#fallback.load();
    if (!globalThis.indexedDB) return this.#fail(new Error('IndexedDB is not available')).load();
    try {
      if (!(await this.#databaseExists())) return null;
      const record = readSessionRecord(await this.#run((store) => get(this.#key, store)));
      if (record) this.#latest = record;
      return record;
    } catch (error) {
      this.#fail(error);
      throw error;
    }
  }

  /** Writes the record (creating the database on first use). */
  async save(record: SessionRecord): Promise<void> {
    await this.#write(() => record, false);
  }

  /**
   * Reads, changes and writes the record in ONE readwrite transaction (idb-keyval's `update`):
   * IndexedDB runs overlapping readwrite transactions one after another, so a write by another
   * tab lands before the read or after the write, never in between, and is not lost.
   */
  update(change: (stored: SessionRecord | null) => SessionRecord): Promise<SessionRecord> {
    return this.#write(change, true);
  }

  async #write(
    change: (stored: SessionRecord | null) => SessionRecord,
    reads: boolean,
  ): Promise<SessionRecord> {
    if (this.#fallback) return this.#fallback.update(change);
    let written: SessionRecord | null = null;
    const put = (shrink: (record: SessionRecord) => SessionRecord) =>
      this.#run((store) => {
        const next = (value: unknown) => {
          written = change(reads ? readSessionRecord(value) : null);
          this.#latest = written;
          return shrink(written);
        };
        return reads ? update(this.#key, next, store) : set(this.#key, next(undefined), store);
      });
    try {
      await put((record) => record);
      if (!this.#isNoted) {
        this.#isNoted = true;
        noteKept(this.#siteId, true);
      }
    } catch (error) {
      const record = written as SessionRecord | null;
      if (errorName(error) !== 'QuotaExceededError' || !record?.messages.length) {
        return this.#fail(error).update(change);
      }
      // A full disk: drop the older half of the cached messages and try once more (D2).
      const halve = (r: SessionRecord) => ({
        ...r,
        messages: r.messages.slice(Math.ceil(r.messages.length / 2)),
      });
      try {
        await put(halve);
      } catch (again) {
        return this.#fail(again).update(change);
      }
    }
    return written!;
  }

  /** Deletes the record (the database stays; it may hold other sites' sessions). */
  async clear(): Promise<void> {
    if (this.#fallback) return this.#fallback.clear();
    try {
      this.#isNoted = false;
      noteKept(this.#siteId, false);
      if (await this.#databaseExists()) await this.#run((store) => del(this.#key, store));
    } catch (error) {
      await this.#fail(error).clear();
    }
  }

  async #databaseExists(): Promise<boolean> {
    const idb = globalThis.indexedDB;
    if (!idb) throw new Error('IndexedDB is not available');
    if (this.#database || typeof idb.databases !== 'function') return true;
    // Found a moment ago by the probe that made the page load this code (taken once: a later
    // look must not trust a database the visitor may have cleared since).
    if (foundDatabases.delete(this.#databaseName)) return true;
    const databases = await idb.databases();
    return databases.some((db) => db.name === this.#databaseName);
  }

  async #run<T>(operation: (store: UseStore) => Promise<T>): Promise<T> {
    try {
      return await operation(this.#useStore());
    } catch (error) {
      if (!isConnectionLost(error) || this.#hasReopened) throw error;
      this.#hasReopened = true;
      this.#forget();
      return operation(this.#useStore());
    }
  }

  #useStore(): UseStore {
    const name = this.#storeName;
    return (mode, callback) =>
      this.#open().then((db) => callback(db.transaction(name, mode).objectStore(name)));
  }

  #open(): Promise<IDBDatabase> {
    if (this.#database) return this.#database;
    const request = indexedDB.open(this.#databaseName, this.#version);
    const opened = new Promise<IDBDatabase>((resolve, reject) => {
      let isBlocked = false;
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(this.#storeName)) db.createObjectStore(this.#storeName);
      };
      request.onsuccess = () => {
        const db = request.result;
        // Blocked earlier: we already gave up on it, so let the other tab have it.
        if (isBlocked) return db.close();
        db.onversionchange = (event) => {
          db.close();
          this.#forget(opened);
          // Deleted (site data cleared): the next write makes a new one.
          if (event.newVersion === null) return;
          // Reopening would fail (VersionError) or hold the newer tab up: memory from here on.
          const error = new DOMException('A newer widget upgraded the database', 'VersionError');
          const memory = this.#fail(error);
          if (this.#latest) void memory.save(this.#latest);
        };
        db.onclose = () => this.#forget(opened);
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
      // An older tab keeps the database open and ignores `versionchange`: waiting could take
      // forever, so this page runs in memory instead.
      request.onblocked = () => {
        isBlocked = true;
        reject(new DOMException('Another tab blocks the database upgrade', 'AbortError'));
      };
    });
    this.#database = opened;
    return opened;
  }

  #forget(database: Promise<IDBDatabase> | null = this.#database): void {
    if (database && this.#database === database) this.#database = null;
  }

  #fail(error: unknown): MemorySessionStore {
    if (!this.#fallback) {
      this.#fallback = memoryFallback(error);
      void this.#database?.then((db) => db.close()).catch(() => undefined);
      this.#database = null;
    }
    return this.#fallback;
  }
}
