import {LitElement, html} from 'lit';
import type {PropertyValues} from 'lit';
import {property, query} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {LcLauncher} from './components/launcher/launcher.js';
import type {LcWindow} from './components/window/window.js';
import {ChatController} from './controllers/chat-controller.js';
import {FormsController} from './controllers/forms-controller.js';
import {ignore, listenIntent} from './controllers/intents.js';
import {SessionController} from './controllers/session-controller.js';
import {SoundController} from './controllers/sound-controller.js';
import {TriggerController} from './controllers/trigger-controller.js';
import type {LiveChatClient, Message, RcConfig} from './core/index.js';
import {defineWindowElements} from './define.js';
import {emit} from './events/emit.js';
import {applyLocale, getLocale, isRtlLocale} from './i18n/localization.js';
import {sharedStyles} from './styles/shared.styles.js';
import {tokens} from './styles/tokens.styles.js';
import {chatIcon} from './components/icons.js';
import {styles} from './live-chat.styles.js';

const WINDOW_PARTS = [
  'window',
  'header',
  'messages',
  'message',
  'message-agent',
  'message-visitor',
  'message-system',
  'composer',
  'form',
].join(', ');

const NO_MESSAGES: readonly Message[] = [];

const PERSIST_MODES: readonly string[] = ['local', 'session', 'none'];

/**
 * The chat widget: a launcher button and a chat window (loaded on first open) that talk to a
 * Rocket.Chat Livechat server.
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
@localized()
export class LiveChat extends LitElement {
  static override styles = [tokens, sharedStyles, styles];

  private readonly chat = new ChatController(this);
  private readonly forms = new FormsController(this);
  private readonly triggers = new TriggerController(this);
  private readonly session = new SessionController(this);
  private readonly sound = new SoundController(this);

  @query('lc-launcher') private launcherElement!: LcLauncher | null;
  @query('lc-window') private windowElement!: LcWindow | null;

  /** Base URL of the Livechat server; relative values resolve against the page. */
  @property() server = '';

  /** Whether the chat window is open. Each change fires `lc-opened` or `lc-closed`. */
  @property({type: Boolean, reflect: true}) open = false;

  /** Department id to route chats to. */
  @property() department?: string;

  /** Language of the widget (BCP 47); defaults to `<html lang>`, then the browser's. */
  @property() override lang = '';

  /** Side of the viewport: `right` or `left` (mirrored in right-to-left languages). */
  @property() position?: 'right' | 'left';

  /** `floating` (launcher and popup window) or `inline` (window in the page flow). */
  @property() mode: 'floating' | 'inline' = 'floating';

  /** Window title; defaults to the server's theme title. */
  @property() override title = '';

  /** Where the session is kept: `local`, `session` or `none`. */
  @property() persist?: 'local' | 'session' | 'none';

  /** Seconds after which a returning visitor's window starts closed. */
  @property({type: Number, attribute: 'restore-timeout'}) restoreTimeout = 60;

  /** Visitor name to register with. */
  @property({attribute: 'guest-name'}) guestName?: string;

  /** Visitor email to register with. */
  @property({attribute: 'guest-email'}) guestEmail?: string;

  /** Silences the new-message sound. */
  @property({type: Boolean, attribute: 'no-sound'}) noSound = false;

  private windowLoad: Promise<void> | null = null;
  private wasFocusInWindow = false;
  private side: 'right' | 'left' = 'right';
  private configTitle = '';

  /** Resolves with the server's configuration once it has loaded. */
  get ready(): Promise<RcConfig> {
    return this.chat.ready;
  }

  /** The element's headless client; null until `server` is set and the element connected. */
  get client(): LiveChatClient | null {
    return this.chat.client;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncClient();
    void applyLocale(this.lang);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    listenIntent(root, 'lc-send', ({text}) => this.client?.send(text).catch(ignore));
    listenIntent(root, 'lc-retry-message', ({id}) => this.client?.retry(id).catch(ignore));
    listenIntent(root, 'lc-end-chat', () => this.client?.end().catch(ignore));
    listenIntent(root, 'lc-start-chat', () => this.client?.start().catch(ignore));
    listenIntent(root, 'lc-toggle-window', ({open}) => {
      this.open = open ?? !this.open;
    });
    return root;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('persist')) this.syncClient();
    if (changed.has('lang') && changed.get('lang') !== undefined) void applyLocale(this.lang);
    this.dir = isRtlLocale(getLocale()) ? 'rtl' : 'ltr';
    const snapshot = this.chat.snapshot;
    const theme = snapshot?.config?.theme;
    const isOffline = snapshot?.state === 'offline';
    this.side = (this.position ?? theme?.position) === 'left' ? 'left' : 'right';
    this.configTitle = (isOffline ? theme?.offlineTitle : theme?.title) ?? '';
    this.applyThemeColor(isOffline ? theme?.offlineColor : theme?.color);
    if (changed.has('open') && !this.open) {
      this.wasFocusInWindow = this.shadowRoot?.activeElement === this.windowElement;
    }
    if (this.open || this.mode === 'inline') void this.loadWindow();
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open') || changed.get('open') === undefined) return;
    if (this.open) {
      void this.loadWindow().then(() => this.windowElement?.focusInitial());
      emit(this, 'lc-opened', {});
    } else {
      if (this.wasFocusInWindow) this.launcherElement?.focus();
      emit(this, 'lc-closed', {});
    }
  }

  private syncClient(): void {
    let server = '';
    try {
      server = this.server ? new URL(this.server, document.baseURI).href : '';
    } catch {
      server = '';
    }
    const persist = PERSIST_MODES.includes(this.persist ?? '') ? this.persist : undefined;
    const department = this.department || undefined;
    this.chat.use({server, department, persist, restoreTimeout: this.restoreTimeout});
  }

  private applyThemeColor(color: string | undefined): void {
    // The server's colour only fills --_lc-config-accent, which --live-chat-accent-color beats.
    if (color && CSS.supports('color', color)) {
      this.style.setProperty('--_lc-config-accent', color);
    } else {
      this.style.removeProperty('--_lc-config-accent');
    }
  }

  private loadWindow(): Promise<void> {
    this.windowLoad ??= defineWindowElements();
    return this.windowLoad;
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

  override render() {
    const snapshot = this.chat.snapshot;
    const isInline = this.mode === 'inline';
    const heading =
      this.title ||
      this.configTitle ||
      msg('Chat', {id: 'live-chat.title', desc: 'Default window title.'});
    return html`
      <div class="${isInline ? 'inline' : 'floating'} ${this.side === 'left' ? 'start' : 'end'}">
        <lc-launcher
          exportparts="launcher"
          ?hidden=${isInline}
          ?open=${this.open}
          .unread=${snapshot?.unread ?? 0}
        >
          <slot name="launcher-icon" slot="icon">${chatIcon}</slot>
        </lc-launcher>
        <lc-window
          class="window"
          exportparts=${WINDOW_PARTS}
          ?hidden=${!this.open && !isInline}
          .state=${snapshot?.state ?? 'idle'}
          .disabled=${!this.chat.client}
          .connection=${snapshot?.connection ?? 'disconnected'}
          .messages=${snapshot?.messages ?? NO_MESSAGES}
          .agentTyping=${snapshot?.agentTyping ?? false}
          .heading=${heading}
          .config=${snapshot?.config ?? null}
          .visitor=${snapshot?.visitor ?? null}
          .agent=${snapshot?.agent ?? null}
          .queue=${snapshot?.queue ?? null}
          ?transcript-offered=${snapshot?.transcriptOffered}
          .forms=${this.forms.states(snapshot)}
          .guestName=${this.guestName ?? ''}
          .guestEmail=${this.guestEmail ?? ''}
          .department=${this.department ?? ''}
        >
          <slot name="header" slot="header"></slot>
          <slot name="welcome" slot="welcome">
            ${msg('Hi! How can we help you today?', {
              id: 'live-chat.welcome',
              desc: 'Default greeting above an empty conversation.',
            })}
          </slot>
        </lc-window>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat': LiveChat;
  }
}
