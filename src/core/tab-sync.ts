import {TabChannel} from './tab-channel.js';

export type {TabMessage} from './tab-channel.js';

const locks = () => (globalThis.navigator as Navigator | undefined)?.locks ?? null;

/**
 * Keeps the tabs of one site (one server) in step: the `TabChannel` carries `TabMessage`s, and
 * Web Locks named after the site make "find or create the visitor" and "read, merge and write
 * the session" one tab at a time, so two tabs never open two rooms or undo each other's
 * writes. Both degrade to no-ops where the browser lacks them.
 */
export class TabSync extends TabChannel {
  /** Whether the browser has Web Locks (without them tabs cannot tell who is alive). */
  get hasLocks(): boolean {
    return locks() !== null;
  }

  /**
   * Runs `task` holding this site's lock `part` (no other tab holds it meanwhile); without Web
   * Locks it runs at once. `options.signal` gives up waiting (the promise rejects `AbortError`).
   */
  exclusive<T>(task: () => Promise<T>, part = 'visitor', options: LockOptions = {}): Promise<T> {
    const manager = locks();
    if (!manager) return task();
    return manager.request(`${this.name}:${part}`, options, task) as Promise<T>;
  }
}
