/** What one tab tells the others of the same site about the shared session. */
export type TabMessage =
  /** The stored session now has this token and room: read it again. */
  | {type: 'session'; token: string; rid: string | null}
  /** The chat `rid` ended (the server tells every tab too; this is the fast path). */
  | {type: 'ended'; rid: string; by: 'visitor' | 'agent'}
  /** The tab `owner` stored outbox entries it means to send (watch it: outbox-handover.ts). */
  | {type: 'outbox'; owner: string};

/** Whether `value` is a valid `session` message (all a client without its engine heeds). */
export function isSessionNews(value: unknown): value is TabMessage & {type: 'session'} {
  const m = value as Record<string, unknown> | null;
  return (
    m?.type === 'session' &&
    typeof m.token === 'string' &&
    (m.rid === null || typeof m.rid === 'string')
  );
}

/**
 * The messages between the tabs of one site (one server): a BroadcastChannel named after the
 * site carries `TabMessage`s; a no-op where the browser lacks it. What arrives is any value
 * another script of the origin posted: the listener checks it. Before its engine is loaded a
 * client only listens and tells; the engine's `TabSync` adds the tabs' locks.
 */
export class TabChannel {
  protected readonly name: string;
  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #channel: BroadcastChannel | null;

  constructor(siteId: string, onMessage: (data: unknown) => void) {
    this.name = `live-chat:${siteId}`;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.name) : null;
    if (this.#channel) this.#channel.onmessage = (event: MessageEvent) => onMessage(event.data);
  }

  /** Tells the other tabs (never this one). */
  post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (page going away) has nobody left to tell.
    }
  }

  /** Stops listening. */
  close(): void {
    this.#channel?.close();
  }
}
