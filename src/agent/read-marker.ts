import type {AgentApi} from './api.js';
import type {ConsoleStore} from './console-store.js';
import type {ConsoleSnapshot} from './types.js';

/**
 * Marks the open chat read (`subscriptions.read`) while the agent can see it: when it opens,
 * when the visitor writes into it, and when the tab becomes visible again. One call per new
 * visitor message; the visitor's widget then shows "Seen".
 */
export class ReadMarker {
  /** The newest visitor message already reported per room. */
  private readonly marked = new Map<string, string>();
  private readonly off: () => void;

  constructor(
    private readonly api: AgentApi,
    private readonly store: ConsoleStore,
  ) {
    this.off = store.subscribe((snapshot) => this.check(snapshot));
    globalThis.document?.addEventListener('visibilitychange', this.handleVisibility);
  }

  /** Stops listening. */
  dispose(): void {
    this.off();
    globalThis.document?.removeEventListener('visibilitychange', this.handleVisibility);
  }

  private handleVisibility = (): void => this.check(this.store.snapshot);

  private check(snapshot: ConsoleSnapshot): void {
    const room = snapshot.selected;
    if (!room?.isOpen || globalThis.document?.visibilityState === 'hidden') return;
    const newest = [...snapshot.messages]
      .reverse()
      .find((m) => m.role === 'visitor' && m.rid === room.rid);
    if (!newest || this.marked.get(room.rid) === newest.id) return;
    const rid = room.rid;
    this.marked.set(rid, newest.id);
    // A failed call (offline) is tried again with the visitor's next message or the next visit.
    this.api.markRead(rid).catch(() => {
      if (this.marked.get(rid) === newest.id) this.marked.delete(rid);
    });
  }
}
