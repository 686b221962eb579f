import type {OutboxEntry, SessionRecord, SessionStore} from './store/session-store.js';
import {LiveChatError} from './types.js';

/**
 * The outbox to store: ours, plus the entries another tab of the same session stored and we
 * have not seen settled, so a tab that saves never wipes a message another tab still owes. Of
 * two versions of one entry the later claim wins: a tab that has not noticed yet that another
 * took its entry over must not write itself back as the owner.
 */
export function mergeOutbox(mine: SessionRecord, stored: SessionRecord | null): OutboxEntry[] {
  if (!stored || stored.token !== mine.token) return mine.outbox;
  const theirs = new Map(stored.outbox.map((entry) => [entry.id, entry]));
  const outbox = mine.outbox.map((entry) => {
    const other = theirs.get(entry.id);
    return other && (other.claim ?? 0) > (entry.claim ?? 0) ? {...other} : entry;
  });
  const known = new Set(mine.outbox.map((entry) => entry.id));
  const settled = new Set(mine.messages.filter((m) => m.status !== 'pending').map((m) => m.id));
  // An entry still waiting for the room (no rid) goes to whichever room the session gets.
  const isOurs = (entry: OutboxEntry) => !entry.rid || entry.rid === mine.rid;
  const foreign = stored.outbox.filter(
    (entry) => isOurs(entry) && !known.has(entry.id) && !settled.has(entry.id),
  );
  return [...outbox, ...foreign];
}

/**
 * The record to store over `stored` (another tab's, maybe): ours, keeping their pending outbox
 * entries (`mergeOutbox`). A tab that took the visitor up before the room existed, and has not
 * heard of the room yet, keeps the room and transcript stored and writes only its view: a
 * record without a room must never replace one with a room, or the tab that reads it next (this
 * one following the room, or a reload) would never show the chat.
 */
export function mergeRecord(mine: SessionRecord, stored: SessionRecord | null): SessionRecord {
  const {view, lastActivity, outbox} = mine;
  const isBehind = !mine.rid && stored?.rid && stored.token === mine.token;
  const base = isBehind ? {...stored, view, lastActivity, outbox} : mine;
  return {...base, outbox: mergeOutbox(base, stored)};
}

/** How `SessionSync` shares the store with other tabs. */
export interface SessionSyncOptions {
  /** Other tabs use the same store: each write keeps their pending outbox entries. */
  isShared?: boolean;
  /** Runs a read-merge-write so that no other tab writes in between (a Web Lock). */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  onSaved?: (record: SessionRecord) => void;
}

/**
 * Serialises saves of the session record: one write at a time, each built from the latest
 * state when it starts, and repeated requests while one waits share it. Disabled (writes
 * nothing) until the visitor interacts or an earlier session is restored. With `isShared`
 * (other tabs use the same store) each write keeps their pending outbox entries.
 */
export class SessionSync {
  #isEnabled = false;
  #chain: Promise<void> = Promise.resolve();
  #queued: Promise<void> | null = null;
  /** The stored record as of the last read or write (what `flush()` merges with). */
  #lastStored: SessionRecord | null = null;

  readonly #store: SessionStore;
  readonly #build: () => SessionRecord | null;
  readonly #onError: (error: LiveChatError) => void;
  readonly #options: SessionSyncOptions;

  constructor(
    store: SessionStore,
    build: () => SessionRecord | null,
    onError: (error: LiveChatError) => void,
    options: SessionSyncOptions = {},
  ) {
    this.#store = store;
    this.#build = build;
    this.#onError = onError;
    this.#options = options;
  }

  /** Allows writes from now on. */
  enable(): void {
    this.#isEnabled = true;
  }

  /** Stops writing (after `destroy()`, another page may own the session). */
  disable(): void {
    this.#isEnabled = false;
  }

  /** Saves the latest state; resolves when it is written (errors go to `onError`). */
  save(): Promise<void> {
    if (!this.#isEnabled) return Promise.resolve();
    if (this.#queued) return this.#queued;
    const {isShared, exclusive} = this.#options;
    const run = this.#chain.then(() => {
      this.#queued = null;
      return isShared && exclusive ? exclusive(() => this.#write()) : this.#write();
    });
    this.#queued = run.catch((error: unknown) => this.#report(error));
    this.#chain = this.#queued;
    return this.#queued;
  }

  async #write(): Promise<void> {
    const record = this.#isEnabled ? this.#build() : null;
    if (!record) return;
    const saved = await this.#put(record, () => this.#store.load());
    this.#lastStored = saved;
    this.#options.onSaved?.(saved);
  }

  /**
   * Writes the latest state at once, in this task, without waiting for queued saves: on
   * `pagehide` a write that starts later may never start (IndexedDB still completes the
   * transactions a closing page already opened).
   */
  flush(): void {
    const record = this.#isEnabled ? this.#build() : null;
    if (!record) return;
    this.#put(record, async () => this.#lastStored).then(
      (saved) => this.#options.onSaved?.(saved),
      (error: unknown) => this.#report(error),
    );
  }

  /**
   * Stores `record`. Shared, it is merged with the stored record (`mergeRecord`) inside the
   * store's one read-and-write step, so a tab writing between our read and our write cannot
   * lose its entries or its room (no Web Locks needed); a store without that step is read
   * with `stored` first.
   */
  #put(record: SessionRecord, stored: () => Promise<SessionRecord | null>): Promise<SessionRecord> {
    const store = this.#store;
    const merge = (current: SessionRecord | null) => mergeRecord(record, current);
    if (!this.#options.isShared) return store.save(record).then(() => record);
    if (store.update) return store.update(merge);
    return stored().then((current) => {
      const next = merge(current);
      return store.save(next).then(() => next);
    });
  }

  #report(error: unknown): void {
    const text = error instanceof Error ? error.message : 'Storage failed';
    const wrapped = new LiveChatError('storage', text);
    wrapped.cause = error;
    this.#onError(wrapped);
  }
}
