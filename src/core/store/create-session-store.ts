import {IdbSessionStore} from './idb-session-store.js';
import {MemorySessionStore} from './memory-session-store.js';
import type {PersistMode} from '../persist-mode.js';
import type {SessionStore} from './session-store.js';
import {WebStorageSessionStore} from './web-storage-session-store.js';

// It lives apart so that the client can name its site before the stores are loaded.
export {siteIdFor} from '../site-id.js';

export type {PersistMode} from '../persist-mode.js';

function sessionStorageArea(): Storage | null {
  try {
    // Reading the property itself throws when the page blocks storage.
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The store for a `persist` mode; anything unavailable falls back to memory. */
export function createSessionStore(persist: PersistMode, siteId = 'default'): SessionStore {
  if (persist === 'none') return new MemorySessionStore();
  if (persist === 'session') {
    const area = sessionStorageArea();
    return area ? new WebStorageSessionStore(area, siteId) : new MemorySessionStore();
  }
  return new IdbSessionStore(siteId);
}
