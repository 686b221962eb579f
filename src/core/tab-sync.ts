import {isObject} from './protocol/index.js';
import {isSessionNews, TabChannel, type TabMessage} from './tab-channel.js';
import {lockManager} from './transport/shared-link-lock.js';

export type {TabMessage} from './tab-channel.js';

function isTabMessage(value: unknown): value is TabMessage {
  if (!isObject(value)) return false;
  const m = value;
  if (m.type === 'session') return isSessionNews(m);
  if (m.type === 'outbox') return typeof m.owner === 'string' && m.owner !== '';
  const isBy = m.by === 'visitor' || m.by === 'agent';
  return m.type === 'ended' && typeof m.rid === 'string' && isBy;
}

/**
 * Keeps the tabs of one site (one server) in step: the `TabChannel` carries `TabMessage`s, and
 * Web Locks named after the site make "find or create the visitor" and "read, merge and write
 * the session" one tab at a time, so two tabs never open two rooms or undo each other's
 * writes. Both degrade to no-ops where the browser lacks them.
 */
export class TabSync extends TabChannel {
  constructor(siteId: string, onMessage: (message: TabMessage) => void) {
    super(siteId, (data) => {
      if (isTabMessage(data)) onMessage(data);
    });
  }

  /** Whether the browser has Web Locks (without them tabs cannot tell who is alive). */
  get hasLocks(): boolean {
    return lockManager() !== null;
  }

  /**
   * Runs `task` holding this site's lock `part` (no other tab holds it meanwhile); without Web
   * Locks it runs at once. `options.signal` gives up waiting (the promise rejects `AbortError`).
   */
  exclusive<T>(task: () => Promise<T>, part = 'visitor', options: LockOptions = {}): Promise<T> {
    const manager = lockManager();
    if (!manager) return task();
    return manager.request(`${this.name}:${part}`, options, task) as Promise<T>;
  }
}
