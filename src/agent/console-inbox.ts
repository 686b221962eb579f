import type {ConsoleController} from './console-controller.js';
import type {AgentEventMap} from './emit.js';
import {IntentController, type IntentHost} from './intent-controller.js';
import type {SectionId} from './sections.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/**
 * The Queue and Offline messages sections, for `<lc-agent-app>`: takes chats, marks messages,
 * reloads a list when it is opened or refreshed, and tells the app (`say`) what failed.
 */
export class ConsoleInbox extends IntentController {
  private controller: ConsoleController | null = null;

  constructor(
    host: IntentHost,
    private readonly say: (notice: string) => void,
  ) {
    super(host);
  }

  /** Follows a new session's controller (or none after logout). */
  attach(controller: ConsoleController | null): void {
    this.controller = controller;
  }

  /** A section was opened: a list shows what is there now, not what was there at login. */
  show(section: SectionId): void {
    if (section === 'offline') void this.controller?.inbox.loadOffline();
    if (section === 'queue') void this.controller?.inbox.loadQueue();
  }

  protected release(): void {
    this.attach(null);
  }

  protected listeners(): [string, EventListener][] {
    return [
      ['lc-agent-take', this.handleTake],
      ['lc-agent-mark-offline', this.handleMarkOffline],
      ['lc-agent-refresh', this.handleRefresh],
    ] as [string, EventListener][];
  }

  private handleTake = (event: Intent<'lc-agent-take'>): void => {
    event.stopPropagation();
    this.controller?.take(event.detail.inquiryId).then(
      () => (location.hash = '#chats'),
      () => this.say('Someone else took that chat, or it ended.'),
    );
  };

  private handleMarkOffline = (event: Intent<'lc-agent-mark-offline'>): void => {
    event.stopPropagation();
    this.controller?.inbox.markOffline(event.detail.id, event.detail.isRead).catch(() => {
      this.say('Could not update the message. Try again.');
    });
  };

  private handleRefresh = (event: Intent<'lc-agent-refresh'>): void => {
    event.stopPropagation();
    const inbox = this.controller?.inbox;
    void (event.detail.list === 'offline' ? inbox?.loadOffline() : inbox?.loadQueue());
  };
}
