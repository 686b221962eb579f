import {readSessionRecord, type SessionRecord, type SessionStore} from './session-store.js';

/** Keeps the session for the page's lifetime only (`persist="none"`, and the fallback). */
export class MemorySessionStore implements SessionStore {
  #value: unknown = null;

  /** Loads a validated copy. */
  async load(): Promise<SessionRecord | null> {
    return readSessionRecord(this.#value);
  }

  /** Stores a deep copy, so later changes to `record` do not leak in. */
  async save(record: SessionRecord): Promise<void> {
    this.#value = structuredClone(record);
  }

  /** Reads, changes and stores in one step (nothing else runs in between). */
  async update(change: (stored: SessionRecord | null) => SessionRecord): Promise<SessionRecord> {
    const record = change(readSessionRecord(this.#value));
    this.#value = structuredClone(record);
    return record;
  }

  /** Forgets the session. */
  async clear(): Promise<void> {
    this.#value = null;
  }
}

/**
 * A store's own storage failed: the session lives in a `MemorySessionStore` from here on, said
 * once in the console (the same words for every kind of store).
 */
export function memoryFallback(error: unknown): MemorySessionStore {
  console.warn(
    'live-chat: the browser storage failed, so this chat is kept only until the page closes.',
    error,
  );
  return new MemorySessionStore();
}
