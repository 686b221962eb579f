import type {ReactiveController} from 'lit';
import {msg} from '@lit/localize';
import {describeUnread} from './components/launcher/launcher.js';
import {unreadText} from './components/launcher/unread-text.js';
import {MESSAGE_PARTS} from './components/window/render-screens.js';
import {WINDOW_ELEMENTS} from './components/window/window-elements.js';
import type {LcWindow} from './components/window/window.js';
import {AttentionController} from './controllers/attention-controller.js';
import {ChatController} from './controllers/chat-controller.js';
import {FormsController} from './controllers/forms-controller.js';
import {ignore, listenIntent} from './controllers/intents.js';
import {SessionController} from './controllers/session-controller.js';
import {SoundController} from './controllers/sound-controller.js';
import {ThemeController} from './controllers/theme-controller.js';
import {UploadsController} from './controllers/uploads-controller.js';
import type {WidgetElement, WidgetHost} from './controllers/widget-host.js';
import type {Message} from './core/index.js';
import {defineOnce} from './define-once.js';
import type {LcLoadOlderDetail} from './events/events.js';
import {windowPlacement} from './live-chat-window.styles.js';
import {slot} from './shell/skeleton.js';
import {windowTokens} from './styles/window-tokens.styles.js';

// The window's parts, exported by `<live-chat>`.
const WINDOW_PARTS = `window, header, ${MESSAGE_PARTS}, composer, form`;

/** What the window's chunk needs of `<live-chat>` beyond what its controllers use. */
export interface AppShell extends WidgetElement {
  readonly title: string;
  readonly department?: string;
}

/** The window's controllers, as `<live-chat>` drives them. */
export interface WidgetApp {
  /** Brings the window in line with the element (its settings, its client's snapshot). */
  requestUpdate(): void;
  /** Resolves once the window shows the latest change. */
  readonly updateComplete: Promise<boolean>;
}

/**
 * The controllers of `<live-chat>`'s window, hosted by its `lc-window` (which runs their
 * lifecycle): they follow the element's client, handle the views' intents (`lc-send`, files,
 * forms, draft and scroll), keep the restored view, play the message sound and draw the
 * visitor back to a hidden page (title count, notifications). Before each render of the window
 * they hand it the client's snapshot and the element's settings.
 */
class WindowControllers implements WidgetHost, WidgetApp, ReactiveController {
  readonly intentRoot: ShadowRoot;
  private readonly chat: ChatController;
  private readonly forms: FormsController;
  private readonly uploads: UploadsController;
  private readonly attention: AttentionController;
  private older: {rid: string; pages: AsyncIterator<Message[]>} | null = null;

  constructor(
    readonly shell: AppShell,
    private readonly view: LcWindow,
  ) {
    this.intentRoot = shell.shadowRoot!;
    this.listen(this.intentRoot);
    // Each controller adds itself to the window; this one last, so that its hostUpdate() sees
    // the snapshot the chat controller has just taken.
    this.chat = new ChatController(this);
    this.forms = new FormsController(this);
    new SessionController(this);
    new SoundController(this);
    new ThemeController(this);
    this.uploads = new UploadsController(this);
    this.attention = new AttentionController(this);
    view.addController(this);
    // A window already defined (another widget of the page loaded the chunk) rendered once,
    // hidden, before these controllers came: without this it would wait for a client's change.
    view.requestUpdate();
    // Back open on the next page as the visitor left it, not opening again: no rise. (Heard
    // after `<live-chat>` opened the window, in the same task: before the animation starts.)
    shell.addEventListener('lc-restored', ({detail}) => {
      view.classList.toggle('restored', detail.view.open);
    });
    shell.addEventListener('lc-closed', () => view.classList.remove('restored'));
  }

  get client() {
    return this.shell.client;
  }

  get updateComplete(): Promise<boolean> {
    return this.view.updateComplete;
  }

  addController(controller: ReactiveController): void {
    this.view.addController(controller);
  }

  removeController(controller: ReactiveController): void {
    this.view.removeController(controller);
  }

  requestUpdate(): void {
    this.view.requestUpdate();
  }

  hostUpdate(): void {
    const {shell, view} = this;
    const snapshot = this.chat.snapshot;
    const theme = snapshot?.config?.theme;
    const configTitle = (snapshot?.state === 'offline' ? theme?.offlineTitle : theme?.title) ?? '';
    const welcome = view.querySelector<HTMLSlotElement>('slot[name="welcome"]');
    if (welcome) {
      welcome.textContent = msg('Hi! How can we help you today?', {
        id: 'live-chat.welcome',
        desc: 'Default greeting above an empty conversation.',
      });
    }
    view.snapshot = snapshot;
    view.settings = {
      heading:
        shell.title ||
        configTitle ||
        msg('Chat', {id: 'live-chat.title', desc: 'Default window title.'}),
      disabled: !shell.client,
      guestName: shell.guestName ?? '',
      guestEmail: shell.guestEmail ?? '',
      department: shell.department ?? '',
    };
    view.forms = this.forms.states(snapshot);
    view.uploads = this.uploads.view;
    view.notifications = this.attention.state;
  }

  private listen(root: ShadowRoot): void {
    listenIntent(root, 'lc-send', ({text}) => this.client?.send(text).catch(ignore));
    listenIntent(root, 'lc-set-typing', ({draft, isTyping}) => this.setTyping(draft, isTyping));
    listenIntent(root, 'lc-send-file', ({file}) => this.uploads.send(file));
    listenIntent(root, 'lc-cancel-upload', ({id}) => this.uploads.cancel(id));
    listenIntent(root, 'lc-dismiss-upload-error', ({id}) => this.uploads.dismiss(id));
    listenIntent(root, 'lc-retry-message', ({id}) => {
      this.uploads.retried();
      this.client?.retry(id).catch(ignore);
    });
    listenIntent(root, 'lc-end-chat', () => this.client?.end().catch(ignore));
    listenIntent(root, 'lc-start-chat', () => this.client?.start().catch(ignore));
    listenIntent(root, 'lc-load-older', ({settle}) => this.loadOlder(settle));
    listenIntent(root, 'lc-set-notifications', ({on}) => void this.attention.setWanted(on));
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
    this.older.pages.next().then(
      (page) => settle(!page.done),
      () => settle(true),
    );
  }
}

/**
 * Gives `<live-chat>`'s `lc-window` its tokens, placement, parts, slots and controllers, then
 * defines the window's elements: the controllers listen before the window's views first ask for
 * a restored view.
 */
export function mountApp(shell: AppShell): WidgetApp {
  const root = shell.shadowRoot!;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, windowTokens, windowPlacement];
  const view = root.querySelector('lc-window')!;
  view.setAttribute('exportparts', WINDOW_PARTS);
  view.append(slot('header'), slot('welcome'));
  // The controllers need the window's addController(): it is upgraded first (an element
  // outside the page would otherwise wait for it to enter).
  defineOnce('lc-window', WINDOW_ELEMENTS['lc-window']!);
  customElements.upgrade(view);
  describeUnread(unreadText);
  const app = new WindowControllers(shell, view);
  for (const [tag, ctor] of Object.entries(WINDOW_ELEMENTS)) defineOnce(tag, ctor);
  return app;
}
