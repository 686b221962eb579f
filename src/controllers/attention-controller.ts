import type {ReactiveController} from 'lit';
import {msg, str} from '@lit/localize';
import type {NotifyState} from '../components/chat-menu/chat-menu.js';
import {plainText, plainTextNow} from '../components/message-list/message-parts.js';
import type {Message} from '../core/index.js';
import type {LcEventDetails} from '../events/events.js';
import {getLocale} from '../i18n/localization.js';
import {listen, type Listener} from './listeners.js';
import {TabElection} from './tab-election.js';
import type {WidgetHost} from './widget-host.js';

const BODY_MAX_CHARS = 140;
const ON = 'on';
const OFF = 'off';

const notificationApi = () =>
  typeof globalThis.Notification === 'function' ? globalThis.Notification : null;

// The page's own title text, exactly as written (`document.title` collapses its whitespace).
const titleText = () => document.querySelector('title')?.textContent ?? document.title;

/** The notification's text: the message's plain text, or its files' names. */
function bodyOf(message: Message, plain: string): string {
  const text = message.text ? plain : (message.attachments ?? []).map((a) => a.title).join(', ');
  const chars = [...text];
  return chars.length > BODY_MAX_CHARS ? `${chars.slice(0, BODY_MAX_CHARS - 1).join('')}…` : text;
}

/**
 * Draws the visitor back while the page is hidden. Each new agent message (not the visitor's,
 * not a system line, not a trigger's greeting; the client fires `message-received` only for
 * messages it did not have, so restored and cached ones never count) adds to a count in the
 * page title, `(2) Title`, which goes once the page is visible again or nothing is unread;
 * and, if the visitor turned them on in the "Chat options" menu, raises a desktop notification,
 * in one tab of the site only (the one the visitor used last, elected with a Web Lock as the
 * sound is). Clicking it brings the page forward with the chat open.
 *
 * The choice is kept in `localStorage` (`live-chat:notify:<server>`), written only when the
 * visitor picks it; the browser's permission is asked for only then.
 */
export class AttentionController implements ReactiveController {
  private readonly notifier = new TabElection(() => `live-chat:notify:${this.host.shell.server}`);
  private readonly shown = new Set<Notification>();
  private isWanted: boolean | null = null;
  /**
   * The browser's permission as last read. Each read of `Notification.permission` asks the
   * browser process, and the window reads the state on every update.
   */
  private permission: NotificationPermission | null = null;
  private unseen = 0;
  private pageTitle = '';
  private shownTitle: string | null = null;
  private titleWatch: MutationObserver | null = null;

  constructor(private readonly host: WidgetHost) {
    host.addController(this);
  }

  hostConnected(): void {
    listen(true, this.listeners);
    this.notifier.queue();
  }

  hostDisconnected(): void {
    listen(false, this.listeners);
    this.notifier.stop();
    this.unseen = 0;
    this.restoreTitle();
    this.closeNotifications();
  }

  private get listeners(): Listener[] {
    return [
      [this.host.shell, 'lc-message-received', this.handleMessage],
      [this.host.shell, 'lc-unread-changed', this.handleUnread],
      [document, 'visibilitychange', this.handleVisibility],
      [window, 'pointerdown', this.handleGesture, true],
      [window, 'keydown', this.handleGesture, true],
    ];
  }

  /** Where notifications stand, for the menu. */
  get state(): NotifyState {
    const api = notificationApi();
    if (!api) return 'unsupported';
    const permission = (this.permission ??= api.permission);
    if (permission === 'denied') return 'denied';
    return permission === 'granted' && this.wanted ? 'on' : 'off';
  }

  /** The visitor's choice from the menu: turning them on asks the browser first, if need be. */
  async setWanted(on: boolean): Promise<void> {
    const api = notificationApi();
    if (!api) return;
    this.permission = api.permission;
    if (on && this.permission !== 'granted') {
      this.permission = await api.requestPermission().catch(() => api.permission);
    }
    const isGranted = this.permission === 'granted';
    if (!on || isGranted) {
      this.isWanted = on;
      try {
        localStorage.setItem(this.key, on ? ON : OFF);
      } catch {
        // Storage blocked: the choice holds for this page.
      }
    }
    this.host.requestUpdate();
  }

  private get key(): string {
    return `live-chat:notify:${this.host.shell.server}`;
  }

  private get wanted(): boolean {
    if (this.isWanted === null) {
      try {
        this.isWanted = localStorage.getItem(this.key) === ON;
      } catch {
        this.isWanted = false;
      }
    }
    return this.isWanted;
  }

  /** Unseen agent messages: with the window closed, no more than the unread count. */
  private get count(): number {
    const unread = this.host.shell.client?.getSnapshot().unread ?? 0;
    return this.host.shell.open ? this.unseen : Math.min(this.unseen, unread);
  }

  private notify(message: Message): void {
    const plain = plainTextNow(message.text);
    // A message with markup waits for the renderer: the notification shows the text without it.
    if (plain === null) void plainText(message.text).then((text) => this.show(message, text));
    else this.show(message, plain);
  }

  private show(message: Message, plain: string): void {
    const api = notificationApi();
    if (!api) return;
    try {
      const notification = new api(message.author.name || message.author.username, {
        body: bodyOf(message, plain),
        // The same tag in two tabs replaces rather than doubles (browsers without Web Locks).
        tag: `live-chat:${message.id}`,
        lang: getLocale(),
      });
      this.shown.add(notification);
      notification.onclose = () => this.shown.delete(notification);
      notification.onclick = () => {
        window.focus();
        this.host.shell.show();
        notification.close();
      };
    } catch {
      // Some browsers (Chrome on Android) show notifications only from a service worker.
    }
  }

  private closeNotifications(): void {
    for (const notification of this.shown) notification.close();
    this.shown.clear();
  }

  private updateTitle(): void {
    const count = this.count;
    if (count === 0 || document.visibilityState !== 'hidden') {
      this.restoreTitle();
      return;
    }
    // Set by the page since we last wrote it (or first time): that is the title to keep.
    if (this.shownTitle === null || titleText() !== this.shownTitle) this.pageTitle = titleText();
    const number = new Intl.NumberFormat(getLocale()).format(count);
    document.title = msg(str`(${number}) ${this.pageTitle}`, {
      id: 'live-chat.unread-title',
      desc: 'Page title while agent messages wait unseen. Values: the count, the page’s own title.',
    });
    this.shownTitle = titleText();
    if (!this.titleWatch) {
      this.titleWatch = new MutationObserver(() => {
        if (this.shownTitle !== null && titleText() !== this.shownTitle) this.updateTitle();
      });
      const head = document.head ?? document.documentElement;
      this.titleWatch.observe(head, {subtree: true, childList: true, characterData: true});
    }
  }

  private restoreTitle(): void {
    this.titleWatch?.disconnect();
    this.titleWatch = null;
    // A title the page set meanwhile stays: it is the page's newest.
    if (this.shownTitle !== null && titleText() === this.shownTitle) {
      document.title = this.pageTitle;
    }
    this.shownTitle = null;
  }

  private readonly handleMessage = (event: Event): void => {
    const {message} = (event as CustomEvent<LcEventDetails['lc-message-received']>).detail;
    const isFromAgent = message.author.role === 'agent' && !message.type && !message.imported;
    if (!isFromAgent || document.visibilityState !== 'hidden') return;
    this.unseen++;
    this.updateTitle();
    if (this.state === 'on' && this.notifier.isElected) this.notify(message);
  };

  private readonly handleUnread = (): void => {
    if (this.shownTitle !== null) this.updateTitle();
  };

  private readonly handleVisibility = (): void => {
    if (document.visibilityState !== 'visible') return;
    // The visitor may have changed the site's permission in the browser meanwhile.
    this.permission = null;
    this.unseen = 0;
    this.restoreTitle();
    this.closeNotifications();
    this.notifier.steal();
  };

  private readonly handleGesture = (): void => {
    this.notifier.steal();
  };
}
