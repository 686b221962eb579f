/** What one tab tells the others of the same site about the shared session. */
export type TabMessage =
  /** The stored session now has this token and room: read it again. */
  | {type: 'session'; token: string; rid: string | null}
  /** The chat `rid` ended (the server tells every tab too; this is the fast path). */
  | {type: 'ended'; rid: string; by: 'visitor' | 'agent'};

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'session') {
    return typeof m.token === 'string' && (m.rid === null || typeof m.rid === 'string');
  }
  const isBy = m.by === 'visitor' || m.by === 'agent';
  return m.type === 'ended' && typeof m.rid === 'string' && isBy;
}

/**
 * Keeps the tabs of one site (one server) in step: a BroadcastChannel named after the site
 * carries `TabMessage`s, and a Web Lock of the same name makes "find or create the visitor" one
 * tab at a time, so two tabs never open two rooms. Both degrade to no-ops where the browser
 * lacks them.
 */
export class TabSync {
  private readonly channel: BroadcastChannel | null;
  private readonly lockName: string;

  constructor(siteId: string, onMessage: (message: TabMessage) => void) {
    const name = `live-chat:${siteId}`;
    this.lockName = `${name}:visitor`;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent) => {
        if (isTabMessage(event.data)) onMessage(event.data);
      };
    }
  }

  /** Tells the other tabs (never this one). */
  post(message: TabMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A closed channel (page going away) has nobody left to tell.
    }
  }

  /** Runs `task` while no other tab of this site runs its own. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? (locks.request(this.lockName, task) as Promise<T>) : task();
  }

  /** Stops listening. */
  close(): void {
    this.channel?.close();
  }
}
