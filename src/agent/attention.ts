import {toPlainText} from '../markdown/parse.js';
import type {ConsoleSnapshot, InboxSnapshot} from './types.js';

/** The console's tab title; a count of what waits goes in front of it. */
export const APP_TITLE = 'Agent console';
const CHIME_PATH = '/sounds/chime.wav';
/** Alerts closer together than this (a new chat and its first message) chime once. */
const CHIME_GAP_MS = 1500;

/** Something the agent should look at: a new chat, a visitor's message or a visitor waiting. */
export interface Alert {
  /** The chat, or '' for a visitor waiting in the queue. */
  rid: string;
  title: string;
  body: string;
  /** Whether the agent could already see it: a message into the chat open on screen. */
  isOnScreen?: boolean;
  /** What a screen reader says about it (the open chat's log speaks for itself). */
  spoken?: string;
}

/** What `Attention` needs from the page around it. */
export interface AttentionOptions {
  /** The server's HTTP origin, where the chime is served. */
  baseUrl: string;
  /** Opens a chat (a desktop notification was clicked). */
  openChat(rid: string): void;
  /** Shows the queue (the notification of a waiting visitor was clicked). */
  openQueue(): void;
  /** Says news from outside the open chat to screen readers (a polite live region). */
  announce(text: string): void;
  /** The notification permission changed: the toggle re-renders. */
  onChange(): void;
  /** Alerts closer together than this chime once (default 1.5 s). */
  chimeGapMs?: number;
}

/** Where the agent's choice to mute the chime is kept, for every tab of this browser. */
const MUTED_KEY = 'live-chat-agent:muted';

const notifications = (): typeof Notification | null =>
  typeof Notification === 'function' ? Notification : null;

/**
 * Gets a busy agent's attention. A new chat, a visitor waiting in the queue or a message into
 * a chat other than the open one chimes (the server's sound) even while the agent looks at the
 * console: they may be busy in another chat or section. While the tab is hidden every visitor
 * message chimes too, counts in the tab title and, once the agent turned them on, raises a
 * desktop notification that opens the chat (or the queue). The title always counts the unread
 * messages and the waiting visitors ("(2) Agent console").
 */
export class Attention {
  /** Unread count per open room, from the previous snapshot; null before the first load. */
  private unread: Map<string, number> | null = null;
  private seenMessages = new Set<string>();
  private selected: {rid: string; since: number} | null = null;
  /** Alerts while hidden that the unread counts leave out (messages into the open chat). */
  private hiddenExtra = 0;
  private totalUnread = 0;
  /** Inquiries in the queue at the previous look; null before the queue first loaded. */
  private waiting: Set<string> | null = null;
  /** Chats seen waiting: taken (by this agent or routed here), they are no news. */
  private readonly queuedRids = new Set<string>();
  private lastChime = -Infinity;
  private isMutedHere = false;
  private isAvailable = true;

  constructor(private readonly options: AttentionOptions) {
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  /** Whether the "Turn on notifications" button applies: supported and not yet decided. */
  get canAsk(): boolean {
    return notifications()?.permission === 'default';
  }

  /** Whether the chime plays (the agent may mute it; kept in this browser). */
  get isSoundOn(): boolean {
    try {
      return !this.isMutedHere && localStorage.getItem(MUTED_KEY) !== 'true';
    } catch {
      return !this.isMutedHere;
    }
  }

  /** Turns the chime on or off, for this browser's later sessions too. */
  setSound(isOn: boolean): void {
    try {
      if (isOn) localStorage.removeItem(MUTED_KEY);
      else localStorage.setItem(MUTED_KEY, 'true');
    } catch {
      // Storage may be disabled: the choice then lasts until the page goes.
      this.isMutedHere = !isOn;
    }
    this.options.onChange();
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
    this.isAvailable = snapshot.isAvailable;
    const alerts: Alert[] = [];
    const settled = snapshot.connection !== 'connecting';
    const previous = this.unread;
    for (const room of snapshot.rooms) {
      const before = previous?.get(room.rid);
      if (previous && settled && before === undefined && !this.queuedRids.delete(room.rid)) {
        const spoken = `New chat from ${room.visitorName}`;
        alerts.push({rid: room.rid, title: 'New chat', body: room.visitorName, spoken});
        if (room.unread === 0) this.hiddenExtra += document.hidden ? 1 : 0;
      } else if (before !== undefined && room.unread > before) {
        // Plain text: a notification or a screen reader would show or say the markup's marks.
        const body = toPlainText(room.lastText);
        const spoken = `${room.visitorName} wrote: ${body}`;
        alerts.push({rid: room.rid, title: room.visitorName, body, spoken});
      }
    }
    if (settled || previous) this.unread = new Map(snapshot.rooms.map((r) => [r.rid, r.unread]));
    this.observeOpenChat(snapshot, alerts);
    this.alert(alerts);
    this.updateTitle();
  }

  /** Compares the queue with the last look and alerts about each visitor who joined it. */
  observeQueue(inbox: InboxSnapshot): void {
    if (inbox.queueStatus !== 'loaded') return;
    const previous = this.waiting;
    const alerts: Alert[] = [];
    for (const entry of inbox.queue) {
      this.queuedRids.add(entry.rid);
      // An agent who is away is not called to the queue (their own chats still chime).
      if (previous && !previous.has(entry.inquiryId) && this.isAvailable) {
        const spoken = `${entry.visitorName} is waiting in the queue`;
        alerts.push({rid: '', title: 'Visitor waiting', body: entry.visitorName, spoken});
      }
    }
    this.waiting = new Set(inbox.queue.map((q) => q.inquiryId));
    this.alert(alerts);
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
      // Out of sight (another section) its messages count as unread, alerting through that.
      if (m.ts < this.selected.since || !snapshot.isChatShown) continue;
      alerts.push({rid: room.rid, title: room.visitorName, body: m.text, isOnScreen: true});
      if (document.hidden) this.hiddenExtra++;
    }
  }

  private alert(alerts: readonly Alert[]): void {
    const spoken = alerts.flatMap((a) => (a.spoken ? [a.spoken] : []));
    if (spoken.length > 0) this.options.announce(spoken.join('. '));
    const shown = document.hidden ? alerts : alerts.filter((a) => !a.isOnScreen);
    if (shown.length === 0) return;
    this.chime();
    const api = notifications();
    if (!document.hidden || api?.permission !== 'granted') return;
    const last = shown[shown.length - 1];
    const notice = new api(last.title, {body: last.body, tag: last.rid || 'queue'});
    notice.onclick = () => {
      globalThis.focus();
      if (last.rid) this.options.openChat(last.rid);
      else this.options.openQueue();
      notice.close();
    };
  }

  private chime(): void {
    if (!this.isSoundOn) return;
    const now = Date.now();
    if (now - this.lastChime < (this.options.chimeGapMs ?? CHIME_GAP_MS)) return;
    this.lastChime = now;
    new Audio(`${this.options.baseUrl}${CHIME_PATH}`).play().catch(() => undefined);
  }

  private updateTitle(): void {
    const waiting = this.waiting?.size ?? 0;
    const count = this.totalUnread + waiting + (document.hidden ? this.hiddenExtra : 0);
    document.title = count > 0 ? `(${count}) ${APP_TITLE}` : APP_TITLE;
  }

  private handleVisibility = (): void => {
    if (!document.hidden) this.hiddenExtra = 0;
    this.updateTitle();
  };
}
