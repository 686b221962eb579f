import type {ConsoleSnapshot} from './types.js';

/** The console's tab title; a count of what waits goes in front of it. */
export const APP_TITLE = 'Agent console';
const CHIME_PATH = '/sounds/chime.wav';

/** Something the agent should look at: a new chat or a visitor's message. */
export interface Alert {
  rid: string;
  title: string;
  body: string;
}

/** What `Attention` needs from the page around it. */
export interface AttentionOptions {
  /** The server's HTTP origin, where the chime is served. */
  baseUrl: string;
  /** Opens a chat (a desktop notification was clicked). */
  openChat(rid: string): void;
  /** The notification permission changed: the toggle re-renders. */
  onChange(): void;
}

const notifications = (): typeof Notification | null =>
  typeof Notification === 'function' ? Notification : null;

/**
 * Gets a busy agent's attention while the console tab is hidden: each new chat or visitor
 * message plays the server's chime, counts in the tab title ("(2) Agent console") and, once the
 * agent turned them on, raises a desktop notification that opens the chat. Visible again, the
 * title shows only the unread count.
 */
export class Attention {
  /** Unread count per open room, from the previous snapshot; null before the first load. */
  private unread: Map<string, number> | null = null;
  private seenMessages = new Set<string>();
  private selected: {rid: string; since: number} | null = null;
  /** Alerts while hidden that the unread counts leave out (messages into the open chat). */
  private hiddenExtra = 0;
  private totalUnread = 0;

  constructor(private readonly options: AttentionOptions) {
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  /** Whether the "Turn on notifications" button applies: supported and not yet decided. */
  get canAsk(): boolean {
    return notifications()?.permission === 'default';
  }

  /** Whether the browser refuses notifications for the console. */
  get isBlocked(): boolean {
    return notifications()?.permission === 'denied';
  }

  /** Asks for the permission; only ever from the agent's click. */
  async askPermission(): Promise<void> {
    await notifications()
      ?.requestPermission()
      .catch(() => 'default');
    this.options.onChange();
  }

  /** Compares a new snapshot with the last one and alerts about what is new. */
  observe(snapshot: ConsoleSnapshot): void {
    this.totalUnread = snapshot.totalUnread;
    const alerts: Alert[] = [];
    const settled = snapshot.connection !== 'connecting';
    const previous = this.unread;
    for (const room of snapshot.rooms) {
      const before = previous?.get(room.rid);
      if (previous && settled && before === undefined) {
        alerts.push({rid: room.rid, title: 'New chat', body: room.visitorName});
        if (room.unread === 0) this.hiddenExtra += document.hidden ? 1 : 0;
      } else if (before !== undefined && room.unread > before) {
        alerts.push({rid: room.rid, title: room.visitorName, body: room.lastText});
      }
    }
    if (settled || previous) this.unread = new Map(snapshot.rooms.map((r) => [r.rid, r.unread]));
    this.observeOpenChat(snapshot, alerts);
    if (document.hidden && alerts.length > 0) this.alert(alerts);
    this.updateTitle();
  }

  /** Stops listening. */
  dispose(): void {
    document.removeEventListener('visibilitychange', this.handleVisibility);
    document.title = APP_TITLE;
  }

  private observeOpenChat(snapshot: ConsoleSnapshot, alerts: Alert[]): void {
    const room = snapshot.selected;
    if (room?.rid !== this.selected?.rid) {
      this.selected = room ? {rid: room.rid, since: Date.now()} : null;
      this.seenMessages = new Set();
    }
    if (!room || !this.selected) return;
    for (const m of snapshot.messages) {
      if (m.role !== 'visitor' || m.rid !== room.rid || this.seenMessages.has(m.id)) continue;
      this.seenMessages.add(m.id);
      if (m.ts < this.selected.since) continue;
      alerts.push({rid: room.rid, title: room.visitorName, body: m.text});
      if (document.hidden) this.hiddenExtra++;
    }
  }

  private alert(alerts: readonly Alert[]): void {
    new Audio(`${this.options.baseUrl}${CHIME_PATH}`).play().catch(() => undefined);
    const api = notifications();
    if (api?.permission !== 'granted') return;
    const last = alerts[alerts.length - 1];
    const notice = new api(last.title, {body: last.body, tag: last.rid});
    notice.onclick = () => {
      globalThis.focus();
      this.options.openChat(last.rid);
      notice.close();
    };
  }

  private updateTitle(): void {
    const count = this.totalUnread + (document.hidden ? this.hiddenExtra : 0);
    document.title = count > 0 ? `(${count}) ${APP_TITLE}` : APP_TITLE;
  }

  private handleVisibility = (): void => {
    if (!document.hidden) this.hiddenExtra = 0;
    this.updateTitle();
  };
}
