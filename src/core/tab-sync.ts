/** What one tab tells the others of the same site about the shared session. */
export type TabMessage =
  /** The stored session now has this token and room: read it again. */
  | {type: 'session'; token: string; rid: string | null}
  /** The chat `rid` ended (the server tells every tab too; this is the fast path). */
  | {type: 'ended'; rid: string; by: 'visitor' | 'agent'}
  /** The tab `owner` stored outbox entries it means to send (watch it: outbox-handover.ts). */
  | {type: 'outbox'; owner: string};

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'session') {
    return typeof m.token === 'string' && (m.rid === null || typeof m.rid === 'string');
  }
  if (m.type === 'outbox') return typeof m.owner === 'string' && m.owner !== '';
  const isBy = m.by === 'visitor' || m.by === 'agent';
  return m.type === 'ended' && typeof m.rid === 'string' && isBy;
}

const locks = () => (globalThis.navigator as Navigator | undefined)?.locks ?? null;

/**
 * Keeps the tabs of one site (one server) in step: a BroadcastChannel named after the site
 * carries `TabMessage`s, and Web Locks named after it make "find or create the visitor" and
 * "read, merge and write the session" one tab at a time, so two tabs never open two rooms or
 * undo each other's writes. Both degrade to no-ops where the browser lacks them.
 */
export class TabSync {
  private readonly channel: BroadcastChannel | null;
  private readonly name: string;

  constructor(siteId: string, onMessage: (message: TabMessage) => void) {
    this.name = `live-chat:${siteId}`;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.name) : null;
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent) => {
        if (isTabMessage(event.data)) onMessage(event.data);
      };
    }
  }

  /** Whether the browser has Web Locks (without them tabs cannot tell who is alive). */
  get hasLocks(): boolean {
    return locks() !== null;
  }

  /** Tells the other tabs (never this one). */
  post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (page going away) has nobody left to tell.
    }
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

  /** Stops listening. */
  close(): void {
    this.channel?.close();
  }
}
