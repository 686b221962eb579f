import type {PersistMode} from './persist-mode.js';

// The names the stores use (IDB_DATABASE_NAME of idb-session-store.ts, and the key of
// web-storage-session-store.ts), repeated here because those modules belong to the engine;
// test/core/session-probe.test.ts checks that they agree.
/** The database the probe looks for by default. */
export const PROBED_DATABASE_NAME = 'live-chat';
const SESSION_KEY_PREFIX = 'live-chat:session:';

// Set in localStorage while the IndexedDB store keeps the site's session: a visitor also comes
// back in a new tab, whose sessionStorage starts empty (measured there: newest message of a
// long chat painted about 10 ms sooner with the note).
const KEPT_KEY_PREFIX = 'live-chat:kept:';

/** The localStorage key of the note that the IndexedDB store keeps a session of `siteId`. */
export const keptKey = (siteId: string): string => KEPT_KEY_PREFIX + siteId;

/**
 * Whether the IndexedDB store kept a session of `siteId` (on an earlier page or in another
 * tab): a hint, not an answer, since the database may have been cleared since.
 */
export function keptHere(siteId: string): boolean {
  try {
    return globalThis.localStorage.getItem(keptKey(siteId)) !== null;
  } catch {
    return false;
  }
}

/** The databases a probe of this page found: once there, the store need not look again. */
export const foundDatabases = new Set<string>();

/**
 * Whether this page may hold a stored session of `siteId`, found without creating storage and
 * without the stores' code: the widget's IndexedDB database exists (`indexedDB.databases()`; a
 * browser without it cannot tell, so the answer is yes and the store itself looks), or this
 * tab's sessionStorage has the site's session. `none` keeps nothing.
 */
export async function mayHaveSession(
  persist: PersistMode,
  siteId: string,
  databaseName = PROBED_DATABASE_NAME,
): Promise<boolean> {
  if (persist === 'none') return false;
  try {
    const key = SESSION_KEY_PREFIX + siteId;
    if (persist === 'session') return globalThis.sessionStorage.getItem(key) !== null;
    const idb = globalThis.indexedDB;
    if (!idb) return false;
    if (typeof idb.databases !== 'function') return true;
    const isThere = (await idb.databases()).some((db) => db.name === databaseName);
    if (isThere) foundDatabases.add(databaseName);
    return isThere;
  } catch {
    // Storage the page blocks: the store falls back to memory, where nothing is kept yet.
    return false;
  }
}
