import {LOCALE_STATUS_EVENT, msg} from '@lit/localize';
import {emit} from '../../events/emit.js';
import {getLocale} from '../../i18n/localization.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {CHAT_PATH, CLOSE_PATH, svgIcon} from '../icon-paths.js';
import {styles} from './launcher.styles.js';

function span(className: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  return element;
}

/** The words for an unread count: "3 unread messages" in the page's language and plural form. */
export type UnreadText = (unread: number, count: string) => string;

// Until the window's chunk gives the words (`describeUnread`), the count alone: a count above
// zero comes from the engine, which loads with that chunk, so the first download carries
// neither the plural rules nor their six messages.
let unreadText: UnreadText = (_unread, count) => count;

/** Gives every launcher the words for its unread count (live-chat-app.ts). */
export function describeUnread(text: UnreadText): void {
  unreadText = text;
}

/**
 * Round button that opens and closes the chat window, with an unread badge and, when the
 * window could not be loaded, a note saying so beside it. Unlike the other
 * views it is a plain `HTMLElement`, not Lit: it is on the page before the visitor opens the
 * chat, and the size budget for that first download (docs/architecture.md) leaves no room for Lit.
 * @fires lc-toggle-window - The visitor activates the button. Detail: `{}` (toggle).
 * @csspart launcher - The button.
 * @slot icon - Replaces the default speech-bubble icon while the window is closed.
 */
export class LcLauncher extends HTMLElement {
  static readonly observedAttributes = ['open', 'failed'];

  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #button = document.createElement('button');
  readonly #icon = span('icon');
  readonly #closeIcon = span('icon');
  readonly #badge = span('badge');
  readonly #description = span('visually-hidden');
  readonly #notice = span('notice');
  #count = 0;

  constructor() {
    super();
    const root = this.attachShadow({mode: 'open', delegatesFocus: true});
    root.adoptedStyleSheets = [sharedStyles, styles];
    const slot = document.createElement('slot');
    slot.name = 'icon';
    slot.append(svgIcon(CHAT_PATH));
    this.#icon.append(slot);
    this.#closeIcon.append(svgIcon(CLOSE_PATH));
    this.#button.type = 'button';
    this.#button.setAttribute('part', 'launcher');
    this.#button.append(this.#icon, this.#closeIcon);
    this.#button.addEventListener('click', () => emit(this, 'lc-toggle-window', {}));
    this.#badge.setAttribute('aria-hidden', 'true');
    this.#description.id = 'unread';
    // There before it has anything to say, so that screen readers hear the text arrive.
    this.#notice.setAttribute('role', 'status');
    root.append(this.#button, this.#badge, this.#description, this.#notice);
    this.#render();
  }

  /** Whether the window this button controls is open. */
  get open(): boolean {
    return this.hasAttribute('open');
  }

  set open(value: boolean) {
    this.toggleAttribute('open', Boolean(value));
  }

  /** Unread messages shown in the badge; 0 hides the badge. */
  get unread(): number {
    return this.#count;
  }

  set unread(value: number) {
    this.#count = Number(value) || 0;
    this.#render();
  }

  /** Resolves once the latest change is rendered (at once: rendering is synchronous). */
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }

  connectedCallback(): void {
    window.addEventListener(LOCALE_STATUS_EVENT, this.#handleLocale);
    this.#render();
  }

  disconnectedCallback(): void {
    window.removeEventListener(LOCALE_STATUS_EVENT, this.#handleLocale);
  }

  attributeChangedCallback(): void {
    this.#render();
  }

  /** Moves focus to the button. */
  override focus(options?: FocusOptions): void {
    this.#button.focus(options);
  }

  readonly #handleLocale = (event: Event): void => {
    if ((event as CustomEvent<{status: string}>).detail.status === 'ready') this.#render();
  };

  #render(): void {
    const {open} = this;
    // The window could not be loaded the last time it opened: a note says so.
    const hasFailed = this.hasAttribute('failed');
    const button = this.#button;
    const unread = this.#count;
    const label = open
      ? msg('Close chat', {id: 'launcher.close', desc: 'Launcher button label while open.'})
      : msg('Open chat', {id: 'launcher.open', desc: 'Launcher button label while closed.'});
    // Only when shown: the page's first Intl formatter costs tens of ms (ICU data loads), and
    // the launcher must appear at once.
    const count = unread > 0 ? new Intl.NumberFormat(getLocale()).format(unread) : '';
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-expanded', String(open));
    if (unread > 0) button.setAttribute('aria-describedby', 'unread');
    else button.removeAttribute('aria-describedby');
    this.#icon.hidden = open;
    this.#closeIcon.hidden = !open;
    this.#badge.hidden = unread <= 0;
    this.#badge.textContent = count;
    this.#description.textContent = unread > 0 ? unreadText(unread, count) : '';
    this.#notice.hidden = !hasFailed;
    this.#notice.textContent = hasFailed
      ? msg('The chat could not be loaded. Check your connection and try again.', {
          id: 'launcher.load-failed',
          desc: 'Beside the launcher when the chat window did not download (the visitor is offline).',
        })
      : '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-launcher': LcLauncher;
  }
}
