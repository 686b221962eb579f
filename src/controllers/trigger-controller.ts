import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {systemClock} from '../core/index.js';
import type {LiveChatClient, RunOnceStore, TriggerEngine} from '../core/index.js';

/** What the controller needs from `<live-chat>`. */
export interface TriggerHostElement extends ReactiveControllerHost, HTMLElement {
  readonly client: LiveChatClient | null;
  open: boolean;
  mode: string;
  server: string;
}

const KEY_PREFIX = 'live-chat:triggers:';

/**
 * `runOnce` trigger ids in sessionStorage (DESIGN.md §5: the one thing written before the
 * visitor interacts, and only once a trigger fired). Unreadable data counts as none.
 */
export function sessionRunOnceStore(key: string): RunOnceStore {
  return {
    get() {
      const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : [];
    },
    set(ids) {
      sessionStorage.setItem(key, JSON.stringify(ids));
    },
  };
}

/**
 * Runs the server's triggers in the page and tells the client when the window opens or
 * closes. A trigger's greeting opens the window without counting as the visitor's doing;
 * any other opening is the visitor's (`chat-opened-by-visitor`).
 */
export class TriggerController implements ReactiveController {
  private client: LiveChatClient | null = null;
  private engine: TriggerEngine | null = null;
  private reportedOpen: boolean | null = null;
  private isOpeningForTrigger = false;

  constructor(private readonly host: TriggerHostElement) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.handleNavigation);
    window.addEventListener('hashchange', this.handleNavigation);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.handleNavigation);
    window.removeEventListener('hashchange', this.handleNavigation);
    this.detach();
  }

  hostUpdated(): void {
    const client = this.host.isConnected ? this.host.client : null;
    if (client !== this.client) {
      this.detach();
      if (client) this.attach(client);
    }
    const isOpen = this.host.open || this.host.mode === 'inline';
    if (!this.client || isOpen === this.reportedOpen) return;
    this.reportedOpen = isOpen;
    const byVisitor = isOpen && !this.isOpeningForTrigger;
    this.isOpeningForTrigger = false;
    this.client.setWindowOpen(isOpen, {byVisitor});
  }

  private attach(client: LiveChatClient): void {
    this.client = client;
    this.reportedOpen = null;
    try {
      this.engine = client.useTriggers({
        pageUrl: () => location.href,
        runOnceStore: sessionRunOnceStore(`${KEY_PREFIX}${this.host.server}`),
        clock: systemClock,
      });
    } catch {
      // A destroyed client runs no triggers.
      return;
    }
    this.engine.onFire(() => {
      if (this.host.open) return;
      this.isOpeningForTrigger = true;
      this.host.open = true;
    });
  }

  private detach(): void {
    this.engine?.stop();
    this.engine = null;
    this.client = null;
  }

  private readonly handleNavigation = (): void => {
    this.engine?.pageChanged();
  };
}
