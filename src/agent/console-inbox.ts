import {AgentApiError} from './api.js';
import type {ConsoleController} from './console-controller.js';
import type {AgentEventMap} from './emit.js';
import {IntentController, type IntentHost} from './intent-controller.js';
import type {SectionId} from './sections.js';

type Intent<K extends keyof AgentEventMap> = CustomEvent<AgentEventMap[K]>;

/** Offline messages come with no live event: their count is fetched again this often. */
const OFFLINE_REFRESH_MS = 60_000;

/** Why a chat could not be taken: only a refusal from the server means someone else has it. */
function takeErrorText(error: unknown): string {
  if (error instanceof AgentApiError && error.status !== 0) {
    return error.limitText ?? 'Someone else took that chat, or it ended.';
  }
  return 'Could not take the chat: no connection to the server. Try again.';
}

/**
 * The Queue and Offline messages sections, for `<lc-agent-app>`: takes chats, marks messages,
 * reloads a list when it is opened or refreshed, and tells the app (`say`) what failed. The
 * offline messages are fetched again every minute and when the tab comes back into view, so
 * the sidebar counts one left during the shift.
 */
export class ConsoleInbox extends IntentController {
  private controller: ConsoleController | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    host: IntentHost,
    private readonly say: (notice: string) => void,
  ) {
    super(host);
  }

  override hostConnected(): void {
    super.hostConnected();
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    document.removeEventListener('visibilitychange', this.handleVisibility);
  }

  /** Follows a new session's controller (or none after logout). */
  attach(controller: ConsoleController | null): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.controller = controller;
    if (controller) {
      this.timer = setInterval(() => void controller.inbox.loadOffline(), OFFLINE_REFRESH_MS);
    }
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

  private handleVisibility = (): void => {
    if (document.visibilityState === 'visible') void this.controller?.inbox.loadOffline();
  };

  private handleTake = (event: Intent<'lc-agent-take'>): void => {
    event.stopPropagation();
    this.controller?.take(event.detail.inquiryId).then(
      () => {
        this.say('');
        location.hash = '#chats';
      },
      (error: unknown) => this.say(takeErrorText(error)),
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
    if (event.detail.list === 'queue') void inbox?.loadQueue();
    else void (event.detail.more ? inbox?.loadMoreOffline() : inbox?.loadOffline());
  };
}
