import {LOCALE_STATUS_EVENT} from '@lit/localize';
import type {LcLauncher} from './components/launcher/launcher.js';
import type {LcWindow} from './components/window/window.js';
import type {LiveChatClient} from './core/chat-client.js';
import {LiveChatError, type RcConfig} from './core/types.js';
import {emit} from './events/emit.js';
import type {LcEventDetails} from './events/events.js';
import {applyLocale, getLocale, isRtlLocale} from './i18n/localization.js';
import {styles} from './live-chat.styles.js';
import {AccentSheet} from './shell/accent-sheet.js';
import {ClientLink, type LinkHost} from './shell/client-link.js';
import {LiveChatSettings} from './shell/settings.js';
import {absoluteUrl, buildSkeleton} from './shell/skeleton.js';
import {windowLoader} from './shell/window-loader.js';
import {sharedStyles} from './styles/shared.styles.js';
import {tokens} from './styles/tokens.styles.js';

const PERSIST_MODES: readonly string[] = ['local', 'session', 'none'];

const ignore = (): void => {};

/**
 * The chat widget: a launcher button and a chat window that talk to a Rocket.Chat Livechat
 * server.
 *
 * Only this element, the launcher and the client's facade are in the first download
 * (docs/architecture.md: 10 KB). They are plain DOM code, not Lit like the other views,
 * because Lit alone would take most of that budget. The window's content, the Lit views and
 * their controllers (one chunk) load on the visitor's first interaction, a method call, a
 * restored session or a trigger; the client's engine loads with them.
 * @tagname live-chat
 * @attr {boolean} open - Reflects whether the window is open; set it to open or close it.
 * @attr lang - Locale (a code under README.md's "Locales"); else the server's language, the
 * page's `<html lang>` or the browser's, else `en`.
 * @attr title - The window's title; else the server's.
 * @fires lc-opened - The window opened. Detail: `{}`.
 * @fires lc-closed - The window closed. Detail: `{}`.
 * @fires lc-ready - The server's configuration loaded. Detail: `{config}`.
 * @fires lc-state-change - The chat's snapshot changed. Detail: `{state, previous}`.
 * @fires lc-connection-change - The live link changed. Detail: `{connection, previous}`.
 * @fires lc-message-received - A message arrived. Detail: `{message}`.
 * @fires lc-message-sent - The server confirmed a visitor message. Detail: `{message}`.
 * @fires lc-message-failed - A visitor message could not be sent. Detail: `{message, error}`.
 * @fires lc-message-updated - A message was edited or changed status. Detail: `{message}`.
 * @fires lc-message-read - A message was read. Detail: `{messageId}`.
 * @fires lc-typing - The agent started or stopped typing. Detail: `{isTyping, username}`.
 * @fires lc-agent-changed - Another agent serves the chat. Detail: `{agent}`.
 * @fires lc-agent-status - The agent's presence changed. Detail: `{status}`.
 * @fires lc-agent-left - The serving agent left (transfer, close, removal). Detail: `{agent}`.
 * @fires lc-agent-read - The agent read the chat up to a time. Detail: `{until, messageId}`.
 * @fires lc-queue-changed - The place in line changed. Detail: `{position, estimatedWaitSeconds}`.
 * @fires lc-chat-started - A room opened. Detail: `{rid}`.
 * @fires lc-chat-ended - The chat ended. Detail: `{rid, by}`.
 * @fires lc-restored - An earlier session came back. Detail: `{messages}`.
 * @fires lc-restore-timeout - The earlier session was too old to reopen. Detail: `{idleSeconds}`.
 * @fires lc-restore-failed - The stored session could not be read. Detail: `{error}`.
 * @fires lc-service-online - An agent became available. Detail: `{}`.
 * @fires lc-service-offline - No agent is available any more. Detail: `{}`.
 * @fires lc-unread-changed - The unread count changed. Detail: `{count}`.
 * @fires lc-error - Something failed. Detail: `{error}` (a `LiveChatError`).
 * @csspart launcher - The launcher button.
 * @csspart window - The chat window.
 * @csspart header - The window's title bar.
 * @csspart messages - The scrolling message log.
 * @csspart message - Each message; also `message-agent`, `message-visitor`, `message-system`.
 * @csspart day-heading - The day ("Yesterday", a date) above the first message of each day.
 * @csspart composer - The text box and send button.
 * @csspart form - Forms (registration, offline, rating, transcript).
 * @slot launcher-icon - Replaces the launcher's icon.
 * @slot header - Extra content in the window's title bar.
 * @slot welcome - Shown in the window before the first message.
 * @cssprop --live-chat-accent-color - Launcher, visitor bubbles, primary buttons (#2563eb).
 * @cssprop --live-chat-on-accent-color - Text and icons on the accent (#ffffff).
 * @cssprop --live-chat-surface-color - Window background (#ffffff).
 * @cssprop --live-chat-text-color - Body text (#1f2937).
 * @cssprop --live-chat-muted-text-color - Timestamps, hints, placeholders (#6b7280).
 * @cssprop --live-chat-border-color - Dividers, input borders (#e5e7eb).
 * @cssprop --live-chat-agent-bubble-color - Agent message background (#f3f4f6).
 * @cssprop --live-chat-visitor-bubble-color - Visitor message background (the accent).
 * @cssprop --live-chat-error-color - Failed sends, form errors (#dc2626).
 * @cssprop --live-chat-font-family - All text (inherit).
 * @cssprop --live-chat-font-size - Base size (14px).
 * @cssprop --live-chat-radius - Window, bubbles, buttons (12px).
 * @cssprop --live-chat-shadow - Window and launcher elevation.
 * @cssprop --live-chat-window-width - Window width (360px; full width on small screens).
 * @cssprop --live-chat-window-height - Maximum window height (560px).
 * @cssprop --live-chat-launcher-size - Launcher diameter (56px).
 * @cssprop --live-chat-offset - Gap to the viewport edge (20px).
 * @cssprop --live-chat-z-index - Stacking above the page (2147483000).
 */
export class LiveChat extends LiveChatSettings implements LinkHost {
  static readonly observedAttributes = [
    ...LiveChatSettings.settingAttributes,
    'open',
    'lang',
    'title',
  ];

  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #link = new ClientLink(this, {
    loadApp: () => this.#window.load(),
    changed: () => this.changed(),
    openForTrigger: () => this.#openForTrigger(),
  });
  readonly #layout: HTMLDivElement;
  readonly #launcher: LcLauncher;
  readonly #windowElement: HTMLElement;
  readonly #accent = new AccentSheet();
  readonly #window = windowLoader(this);
  #isOpen = false;
  #hasConnected = false;
  #isOpeningForTrigger = false;
  #isRestoring = false;
  #serverLanguage: string | undefined;

  constructor() {
    super();
    const root = this.attachShadow({mode: 'open'});
    root.adoptedStyleSheets = [tokens, sharedStyles, styles, this.#accent.sheet];
    const skeleton = buildSkeleton(root);
    this.#layout = skeleton.layout;
    this.#launcher = skeleton.launcher;
    this.#windowElement = skeleton.window;
    root.addEventListener('lc-toggle-window', (event) => {
      event.stopPropagation();
      const {open} = (event as CustomEvent<LcEventDetails['lc-toggle-window']>).detail;
      this.open = open ?? !this.open;
    });
    this.addEventListener('lc-restored', (event) => {
      if (!(event as CustomEvent<LcEventDetails['lc-restored']>).detail.view.open) return;
      this.#isRestoring = true;
      this.open = true;
      this.#isRestoring = false;
    });
  }

  /** Whether the chat window is open. Each change fires `lc-opened` or `lc-closed`. */
  get open(): boolean {
    return this.#isOpen;
  }
  set open(value: boolean) {
    const isOpen = Boolean(value);
    if (isOpen === this.#isOpen) return;
    // A window the visitor did not open (a trigger, a restored session) leaves focus alone.
    const takesFocus = !this.#isOpeningForTrigger && !this.#isRestoring;
    const hadFocus = !isOpen && this.shadowRoot!.activeElement === this.#windowElement;
    this.#isOpen = isOpen;
    if (isOpen) this.#launcher.removeAttribute('failed');
    this.toggleAttribute('open', isOpen);
    this.changed();
    // Set before the element first entered the page (an `open` attribute), it fires nothing.
    if (!this.#hasConnected) return;
    if (isOpen && takesFocus) {
      // A failed load has closed the window (`#windowFailed`, heard first): the visitor, who
      // asked for it, reads beside the launcher why nothing opened.
      this.#window.load().then(
        () => (this.#windowElement as LcWindow).focusInitial(),
        () => this.#launcher.toggleAttribute('failed', true),
      );
    } else if (hadFocus) {
      this.#launcher.focus();
    }
    emit(this, isOpen ? 'lc-opened' : 'lc-closed', {});
  }

  /** Resolves with the server's configuration once it has loaded. */
  get ready(): Promise<RcConfig> {
    return this.#link.ready;
  }

  /** The element's headless client; null until `server` is set and the element connected. */
  get client(): LiveChatClient | null {
    return this.#link.client;
  }

  /** Resolves once the window shows the latest change (at once while it is not loaded). */
  get updateComplete(): Promise<boolean> {
    return this.#window.app?.updateComplete ?? Promise.resolve(true);
  }

  connectedCallback(): void {
    this.#hasConnected = true;
    window.addEventListener(LOCALE_STATUS_EVENT, this.#handleLocale);
    this.#link.connected();
    this.#localize();
    this.changed();
  }

  disconnectedCallback(): void {
    window.removeEventListener(LOCALE_STATUS_EVENT, this.#handleLocale);
    this.#link.disconnected();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'open') this.open = value !== null;
    else if (name === 'lang' && this.#hasConnected) this.#localize();
    else if (name === 'title') this.changed();
    else super.attributeChangedCallback(name, old, value);
  }

  /** Opens the chat window. */
  show(): void {
    this.open = true;
  }

  /** Closes the chat window; the chat itself goes on. */
  hide(): void {
    this.open = false;
  }

  /** Opens the window if closed, closes it if open. */
  toggle(): void {
    this.open = !this.open;
  }

  /** Brings everything in line with the settings and the client's snapshot. */
  protected override changed(): void {
    if (!this.#hasConnected) return;
    // Every snapshot change runs this: the attribute is written only when the locale turned it.
    const dir = isRtlLocale(getLocale()) ? 'rtl' : 'ltr';
    if (this.dir !== dir) this.dir = dir;
    const {server, department, persist, restoreTimeout, mode, noSharedLink} = this.settings;
    this.#link.use({
      server: absoluteUrl(server),
      department: department || undefined,
      persist: PERSIST_MODES.includes(persist ?? '') ? persist : undefined,
      restoreTimeout,
      shareLink: !noSharedLink,
    });
    const snapshot = this.client?.getSnapshot();
    const theme = snapshot?.config?.theme;
    const setting = snapshot?.config?.settings.language;
    const language = typeof setting === 'string' ? setting : undefined;
    if (language !== this.#serverLanguage) {
      this.#serverLanguage = language;
      this.#localize();
    }
    const isOffline = snapshot?.state === 'offline';
    const isInline = mode === 'inline';
    // `left` is the page's start, `right` its end (README, Attributes): the page's own direction
    // decides, not the widget's language, so a chat turning Arabic stays in its corner.
    const isRtlPage = document.dir == 'rtl';
    const side = ((this.position ?? theme?.position) == 'left') != isRtlPage ? 'left' : 'right';
    this.#layout.className = `${isInline ? 'inline' : 'floating'} ${side}`;
    this.#launcher.hidden = isInline;
    this.#launcher.className = side;
    this.#launcher.open = this.#isOpen;
    this.#launcher.unread = snapshot?.unread ?? 0;
    this.#windowElement.hidden = !this.#isOpen && !isInline;
    this.#accent.set(isOffline ? theme?.offlineColor : theme?.color);
    this.#window.app?.requestUpdate();
    const isShown = this.#isOpen || isInline;
    const byVisitor = isShown && !this.#isOpeningForTrigger;
    if (this.#link.reportOpen(isShown, byVisitor)) this.#isOpeningForTrigger = false;
    if (isShown) this.#window.load().catch(() => isInline || this.#windowFailed());
  }

  /**
   * The window's chunk did not download (the visitor went offline before first opening it): a
   * floating window would stay empty. It closes; their next click tries again.
   */
  #windowFailed(): void {
    if (!this.#isOpen) return;
    this.open = false;
    const error = new LiveChatError('network', 'The chat could not be loaded');
    emit(this, 'lc-error', {error});
  }

  // The `lang` attribute wins; else the server's language once its config has arrived.
  #localize(): void {
    applyLocale(this.lang, this.#serverLanguage).catch(ignore);
  }

  /** A trigger opens the window; that is not the visitor's doing. */
  #openForTrigger(): void {
    if (this.open) return;
    this.#isOpeningForTrigger = true;
    this.open = true;
  }

  readonly #handleLocale = (event: Event): void => {
    if ((event as CustomEvent<{status: string}>).detail.status === 'ready') this.changed();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat': LiveChat;
  }
}
