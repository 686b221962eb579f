import type {AgentApi} from './api.js';
import type {ConsoleStore} from './console-store.js';
import type {ConsoleSnapshot} from './types.js';

/**
 * Marks the open chat read (`subscriptions.read`) while the agent can see it: when it opens,
 * when the visitor writes into it, and when the tab or the Chats section shows it again. One call per new
 * visitor message; the visitor's widget then shows "Seen", and the agent's other console tabs
 * clear that chat's unread count.
 */
export class ReadMarker {
  /** The newest visitor message already reported per room. */
  private readonly marked = new Map<string, string>();
  private readonly off: () => void;
  /** The agent's other console tabs in this browser, which clear their unread count too. */
  private readonly tabs: BroadcastChannel | null;

  constructor(
    private readonly api: AgentApi,
    private readonly store: ConsoleStore,
    userId = '',
  ) {
    this.off = store.subscribe((snapshot) => this.check(snapshot));
    globalThis.document?.addEventListener('visibilitychange', this.handleVisibility);
    const canShare = typeof BroadcastChannel === 'function' && userId !== '';
    this.tabs = canShare ? new BroadcastChannel(`live-chat-agent:read:${userId}`) : null;
    this.tabs?.addEventListener('message', this.handleTabRead);
  }

  /** Stops listening. */
  dispose(): void {
    this.off();
    globalThis.document?.removeEventListener('visibilitychange', this.handleVisibility);
    this.tabs?.close();
  }

  private handleVisibility = (): void => this.check(this.store.snapshot);

  private handleTabRead = (event: MessageEvent): void => {
    const rid: unknown = (event.data as {rid?: unknown} | null)?.rid;
    if (typeof rid === 'string') this.store.markSeen(rid);
  };

  private check(snapshot: ConsoleSnapshot): void {
    const room = snapshot.selected;
    const isHidden = globalThis.document?.visibilityState === 'hidden';
    if (!room?.isOpen || !snapshot.isChatShown || isHidden) return;
    const newest = [...snapshot.messages]
      .reverse()
      .find((m) => m.role === 'visitor' && m.rid === room.rid);
    // Before its messages arrive a chat opened is read as the list showed it, as its unread
    // count went: an agent who moves on at once must not find it unread after a reload.
    const key = newest?.id ?? (room.lastTs > 0 ? `listed:${room.lastTs}` : null);
    if (!key || this.marked.get(room.rid) === key || (!newest && this.marked.has(room.rid))) {
      return;
    }
    const rid = room.rid;
    const listed = this.marked.get(rid)?.match(/^listed:(\d+)$/)?.[1];
    this.marked.set(rid, key);
    if (newest && listed && newest.ts <= Number(listed)) return;
    this.tabs?.postMessage({rid});
    // A failed call (offline) is tried again with the visitor's next message or the next visit.
    this.api.markRead(rid).catch(() => {
      if (this.marked.get(rid) === key) this.marked.delete(rid);
    });
  }
}
