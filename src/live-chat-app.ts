import {ReactiveElement} from 'lit';
import {localized, msg} from '@lit/localize';
import {WINDOW_ELEMENTS} from './components/window/window-elements.js';
import {AttentionController} from './controllers/attention-controller.js';
import {ChatController} from './controllers/chat-controller.js';
import {FormsController} from './controllers/forms-controller.js';
import {ignore, listenIntent} from './controllers/intents.js';
import {SessionController} from './controllers/session-controller.js';
import {SoundController} from './controllers/sound-controller.js';
import {ThemeController} from './controllers/theme-controller.js';
import {UploadsController} from './controllers/uploads-controller.js';
import type {LiveChatClient, Message} from './core/index.js';
import type {LcLoadOlderDetail} from './events/events.js';
import {defineOnce} from './define.js';
import type {LiveChat} from './live-chat.js';

const NO_MESSAGES: readonly Message[] = [];

/**
 * The Lit half of `<live-chat>`, loaded with the window: it renders nothing itself but drives
 * the element's `lc-window` (properties down), handles the views' intents (`lc-send`, files,
 * forms, draft and scroll), keeps the restored view, plays the message sound and draws the
 * visitor back to a hidden page (title count, notifications). It lives hidden in the element's
 * shadow root, whose intents it handles, and reads the element's settings.
 */
@localized()
export class LcApp extends ReactiveElement {
  /** The `<live-chat>` element this drives; set before it enters the page. */
  shell!: LiveChat;

  private readonly chat = new ChatController(this);
  private readonly forms = new FormsController(this);
  private readonly session = new SessionController(this);
  private readonly sound = new SoundController(this);
  private readonly theme = new ThemeController(this);
  private readonly uploads = new UploadsController(this);
  private readonly attention = new AttentionController(this);
  private older: {rid: string; pages: AsyncIterator<Message[]>} | null = null;

  /** The element's client. */
  get client(): LiveChatClient | null {
    return this.shell.client;
  }

  /** The element's `server` attribute (it names the tab locks and the notification choice). */
  get server(): string {
    return this.shell.server;
  }

  /** Whether the element is silenced (`no-sound`). */
  get noSound(): boolean {
    return this.shell.noSound;
  }

  /** The visitor name the page gave. */
  get guestName(): string | undefined {
    return this.shell.guestName;
  }

  /** The visitor email the page gave. */
  get guestEmail(): string | undefined {
    return this.shell.guestEmail;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shell.shadowRoot!;
    listenIntent(root, 'lc-send', ({text}) => this.client?.send(text).catch(ignore));
    listenIntent(root, 'lc-set-typing', ({draft, isTyping}) => this.setTyping(draft, isTyping));
    listenIntent(root, 'lc-send-file', ({file}) => this.uploads.send(file));
    listenIntent(root, 'lc-cancel-upload', ({id}) => this.uploads.cancel(id));
    listenIntent(root, 'lc-dismiss-upload-error', ({id}) => this.uploads.dismiss(id));
    listenIntent(root, 'lc-retry-message', ({id}) => this.client?.retry(id).catch(ignore));
    listenIntent(root, 'lc-end-chat', () => this.client?.end().catch(ignore));
    listenIntent(root, 'lc-start-chat', () => this.client?.start().catch(ignore));
    listenIntent(root, 'lc-load-older', ({settle}) => this.loadOlder(settle));
    listenIntent(root, 'lc-set-notifications', ({on}) => void this.attention.setWanted(on));
    return root;
  }

  /**
   * The visitor types (the draft goes along where the server allows sneak peeks; the core
   * decides and throttles) or stopped: left the box, or sent.
   */
  private setTyping(draft: string, isTyping: boolean): void {
    if (isTyping) this.client?.setSneakPeek(draft);
    else this.client?.setTyping(false);
  }

  /** The room's next older page from the server (merged into the transcript by the client). */
  private loadOlder(settle: LcLoadOlderDetail['settle']): void {
    const client = this.client;
    const rid = client?.getSnapshot().room?._id;
    if (!client || !rid) return settle(false);
    if (this.older?.rid !== rid) this.older = {rid, pages: client.history()};
    // A failure (offline) leaves the way open: the next visit to the top asks again.
    this.older.pages.next().then((page) => settle(!page.done), () => settle(true));
  }

  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    const win = this.renderRoot.querySelector('lc-window');
    if (!win) return;
    const {shell, client} = this;
    const snapshot = this.chat.snapshot;
    const theme = snapshot?.config?.theme;
    const configTitle = (snapshot?.state === 'offline' ? theme?.offlineTitle : theme?.title) ?? '';
    const welcome = win.querySelector<HTMLSlotElement>('slot[name="welcome"]');
    if (welcome) {
      welcome.textContent = msg('Hi! How can we help you today?', {
        id: 'live-chat.welcome',
        desc: 'Default greeting above an empty conversation.',
      });
    }
    Object.assign(win, {
      state: snapshot?.state ?? 'idle',
      disabled: !client,
      connection: snapshot?.connection ?? 'disconnected',
      messages: snapshot?.messages ?? NO_MESSAGES,
      agentTyping: snapshot?.agentTyping ?? false,
      seenId: snapshot?.seenId ?? null,
      heading:
        shell.title ||
        configTitle ||
        msg('Chat', {id: 'live-chat.title', desc: 'Default window title.'}),
      config: snapshot?.config ?? null,
      visitor: snapshot?.visitor ?? null,
      agent: snapshot?.agent ?? null,
      queue: snapshot?.queue ?? null,
      transcriptOffered: snapshot?.transcriptOffered ?? false,
      forms: this.forms.states(snapshot ?? null),
      guestName: shell.guestName ?? '',
      guestEmail: shell.guestEmail ?? '',
      department: shell.department ?? '',
      uploads: this.uploads.view,
      notifications: this.attention.state,
    });
  }
}

/**
 * Puts an `lc-app` into `<live-chat>`'s shadow root, then defines the window's elements: the
 * app listens before the window's views first ask for a restored view.
 */
export function mountApp(shell: LiveChat): LcApp {
  defineOnce('lc-app', LcApp);
  const app = document.createElement('lc-app');
  app.shell = shell;
  app.hidden = true;
  shell.shadowRoot!.append(app);
  for (const [tag, ctor] of Object.entries(WINDOW_ELEMENTS)) defineOnce(tag, ctor);
  return app;
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-app': LcApp;
  }
}
