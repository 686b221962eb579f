import {memoryFallback, type MemorySessionStore} from './memory-session-store.js';
import {readSessionRecord, type SessionRecord, type SessionStore} from './session-store.js';

/** The `getItem`/`setItem`/`removeItem` subset of the Web Storage API. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Persists the session as JSON in a Web Storage area (`sessionStorage` for `persist="session"`)
 * under `live-chat:session:<siteId>`; falls back to memory on the first failure (quota, blocked).
 */
export class WebStorageSessionStore implements SessionStore {
  readonly #key: string;
  #fallback: MemorySessionStore | null = null;

  readonly #storage: StorageLike;

  constructor(storage: StorageLike, siteId = 'default') {
    this.#storage = storage;
    this.#key = `live-chat:session:${siteId}`;
  }

  /** The stored, validated record, or `null`. */
  async load(): Promise<SessionRecord | null> {
    return this.#fallback ? this.#fallback.load() : this.#read();
  }

  #read(): SessionRecord | null {
    try {
      const text = this.#storage.getItem(this.#key);
      return text === null ? null : readSessionRecord(JSON.parse(text));
    } catch {
      // A corrupt value is as good as none.
      return null;
    }
  }

  /** Writes the record. */
  async save(record: SessionRecord): Promise<void> {
    if (this.#fallback) return this.#fallback.save(record);
    try {
      this.#storage.setItem(this.#key, JSON.stringify(record));
    } catch (error) {
      this.#fallback = memoryFallback(error);
      await this.#fallback.save(record);
    }
  }

  /**
   * Reads, changes and writes: Web Storage calls are synchronous, so no other script of this
   * page writes in between (and `sessionStorage` belongs to this tab alone).
   */
  async update(change: (stored: SessionRecord | null) => SessionRecord): Promise<SessionRecord> {
    if (this.#fallback) return this.#fallback.update(change);
    const record = change(this.#read());
    await this.save(record);
    return record;
  }

  /** Removes the record. */
  async clear(): Promise<void> {
    if (this.#fallback) return this.#fallback.clear();
    try {
      this.#storage.removeItem(this.#key);
    } catch {
      // Nothing stored that we could still reach.
    }
  }
}
