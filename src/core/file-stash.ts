import {createStore, del, entries, get, set, type UseStore} from 'idb-keyval';

/** A file kept for a retry on a later page. */
export interface StashedFile {
  file: Blob;
  name: string;
}

/** Where files on their way to the server wait, so that the next page can send them again. */
export interface FileStash {
  put(id: string, file: StashedFile): Promise<void>;
  /** The file kept under `id`, or `null` (also when the stash cannot be read). */
  get(id: string): Promise<StashedFile | null>;
  delete(id: string): Promise<void>;
}

/** The stash's own IndexedDB database, apart from the session's (whose records stay small). */
export const FILE_STASH_DATABASE = 'live-chat-files';
/** A file nobody retried within a day is dropped on the next `put`. */
export const FILE_STASH_MAX_AGE_MS = 24 * 3600_000;

interface StashRecord {
  v: 1;
  file: Blob;
  name: string;
  savedAt: number;
}

const isRecord = (v: unknown): v is StashRecord =>
  typeof v === 'object' &&
  v !== null &&
  (v as StashRecord).v === 1 &&
  (v as StashRecord).file instanceof Blob &&
  typeof (v as StashRecord).name === 'string';

/**
 * Files in IndexedDB (which stores a `Blob` as it is), keyed `<siteId>:<message id>`. Used only
 * once the visitor sends a file. Every failure is swallowed: without the stash, a file that
 * did not make it before the page changed is shown as failed, and the visitor picks it again.
 */
export class IdbFileStash implements FileStash {
  #store: UseStore | null = null;

  readonly #siteId: string;
  readonly #databaseName: string;
  readonly #now: () => number;

  constructor(siteId: string, databaseName = FILE_STASH_DATABASE, now: () => number = Date.now) {
    this.#siteId = siteId;
    this.#databaseName = databaseName;
    this.#now = now;
  }

  async put(id: string, file: StashedFile): Promise<void> {
    const record: StashRecord = {v: 1, file: file.file, name: file.name, savedAt: this.#now()};
    await this.#quietly(async (store) => {
      await this.#prune(store);
      await set(this.#key(id), record, store);
    });
  }

  async get(id: string): Promise<StashedFile | null> {
    const value = await this.#quietly((store) => get<unknown>(this.#key(id), store));
    return isRecord(value) ? {file: value.file, name: value.name} : null;
  }

  async delete(id: string): Promise<void> {
    await this.#quietly((store) => del(this.#key(id), store));
  }

  #key(id: string): string {
    return `${this.#siteId}:${id}`;
  }

  async #prune(store: UseStore): Promise<void> {
    const oldest = this.#now() - FILE_STASH_MAX_AGE_MS;
    for (const [key, value] of await entries(store)) {
      const isStale = !isRecord(value) || value.savedAt < oldest;
      if (isStale && String(key).startsWith(`${this.#siteId}:`)) await del(key, store);
    }
  }

  async #quietly<T>(operation: (store: UseStore) => Promise<T>): Promise<T | undefined> {
    try {
      if (!globalThis.indexedDB) return undefined;
      this.#store ??= createStore(this.#databaseName, 'files');
      return await operation(this.#store);
    } catch {
      return undefined;
    }
  }
}
