import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ChatSnapshot, LiveChatClient} from '../core/index.js';

/** What the controller needs from its host: the client it shows, which may change. */
export interface ChatHost extends ReactiveControllerHost {
  readonly client: LiveChatClient | null;
}

/**
 * Keeps the latest snapshot of the host's client and re-renders the host on every change. The
 * client belongs to `<live-chat>` (which also re-emits its events); this only follows it, and
 * picks up a new one before each update.
 */
export class ChatController implements ReactiveController {
  /** The client's latest snapshot, or null while there is no client. */
  snapshot: ChatSnapshot | null = null;

  private followed: LiveChatClient | null = null;
  private off: (() => void) | null = null;

  constructor(private readonly host: ChatHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.off?.();
    this.off = null;
    this.followed = null;
  }

  hostUpdate(): void {
    this.follow();
  }

  private follow(): void {
    const client = this.host.client;
    if (client === this.followed && (this.off || !client)) return;
    this.off?.();
    this.followed = client;
    this.snapshot = client?.getSnapshot() ?? null;
    this.off = client
      ? client.on('state-change', () => {
          this.snapshot = client.getSnapshot();
          this.host.requestUpdate();
        })
      : null;
  }
}
