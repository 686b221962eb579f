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

/**
 * The messages between the tabs of one site (one server): a BroadcastChannel named after the
 * site carries `TabMessage`s; a no-op where the browser lacks it. Before its engine is loaded
 * a client only listens and tells; the engine's `TabSync` adds the tabs' locks.
 */
export class TabChannel {
  protected readonly name: string;
  private readonly channel: BroadcastChannel | null;

  constructor(siteId: string, onMessage: (message: TabMessage) => void) {
    this.name = `live-chat:${siteId}`;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.name) : null;
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

  /** Stops listening. */
  close(): void {
    this.channel?.close();
  }
}
