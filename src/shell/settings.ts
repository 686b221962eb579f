import type {PersistMode} from '../core/store/create-session-store.js';

/** The attribute-backed settings of `<live-chat>`. */
export interface Settings {
  server: string;
  department?: string;
  position?: 'right' | 'left';
  mode: 'floating' | 'inline';
  persist?: PersistMode;
  restoreTimeout: number;
  guestName?: string;
  guestEmail?: string;
  noSound: boolean;
  noSharedLink: boolean;
}

const KEYS: (keyof Settings)[] = [
  'server',
  'department',
  'position',
  'mode',
  'persist',
  'restoreTimeout',
  'guestName',
  'guestEmail',
  'noSound',
  'noSharedLink',
];

// Each setting's attribute is its name in kebab case (`restoreTimeout`: `restore-timeout`).
const ATTRIBUTES: Record<string, keyof Settings> = Object.fromEntries(
  KEYS.map((key) => [key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), key]),
);

const same = (value: unknown) => value;

// How a property's value is kept; the others are kept as given.
const NORMALISE: Partial<Record<keyof Settings, (value: unknown) => unknown>> = {
  server: (value) => value ?? '',
  mode: (value) => (value === 'inline' ? 'inline' : 'floating'),
  restoreTimeout: Number,
  noSound: Boolean,
  noSharedLink: Boolean,
};

/**
 * The attributes and properties of `<live-chat>` that configure it (README.md), kept apart
 * from its behaviour. As with Lit properties, an attribute sets its property, never the other
 * way round, and every change calls `changed()`.
 * @attr {'auto' | 'light' | 'dark'} theme - Colour scheme: `auto` (the default) follows the
 * system's `prefers-color-scheme`; the page's `--live-chat-*` colours win in either. Styles only
 * (src/styles/dark-tokens.styles.ts), so it has no property.
 */
export abstract class LiveChatSettings extends HTMLElement {
  /** The attributes these settings follow. */
  static readonly settingAttributes = Object.keys(ATTRIBUTES);

  // Each setting is a property that reads the settings and, set, keeps the value and calls
  // `changed()`: generated, since they differ only in how a value is kept (NORMALISE).
  static {
    for (const key of KEYS) {
      Object.defineProperty(this.prototype, key, {
        get(this: LiveChatSettings) {
          return this.settings[key];
        },
        set(this: LiveChatSettings, value: unknown) {
          this.#set(key, value);
        },
      });
    }
  }

  protected settings: Settings = {
    server: '',
    mode: 'floating',
    restoreTimeout: 60,
    noSound: false,
    noSharedLink: false,
  };

  /**
   * Base URL of the Livechat server; relative values resolve against the page.
   * @attr server
   */
  declare server: string;

  /**
   * Department id to route chats to.
   * @attr department
   */
  declare department: string | undefined;

  /**
   * Corner of the viewport: `right` (the default) or `left`, mirrored on a right-to-left page
   * (`<html dir="rtl">`); the widget's own language never moves it.
   * @attr position
   */
  declare position: 'right' | 'left' | undefined;

  /**
   * `floating` (launcher and popup window) or `inline` (window in the page flow).
   * @attr mode
   */
  declare mode: 'floating' | 'inline';

  /**
   * Where the session is kept: `local`, `session` or `none`.
   * @attr persist
   */
  declare persist: PersistMode | undefined;

  /**
   * Seconds after which a returning visitor's window starts closed.
   * @attr restore-timeout
   */
  declare restoreTimeout: number;

  /**
   * Visitor name to register with.
   * @attr guest-name
   */
  declare guestName: string | undefined;

  /**
   * Visitor email to register with.
   * @attr guest-email
   */
  declare guestEmail: string | undefined;

  /**
   * Silences the new-message sound.
   * @attr no-sound
   */
  declare noSound: boolean;

  /** Gives this tab a live link of its own instead of sharing the site's one (read at start). */
  declare noSharedLink: boolean;

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const key = ATTRIBUTES[name];
    if (!key) return;
    const isFlag = key === 'noSound' || key === 'noSharedLink';
    const text = key === 'restoreTimeout' ? (value ?? 60) : (value ?? undefined);
    this.#set(key, isFlag ? value !== null : text);
  }

  /** Brings the element in line with its settings. */
  protected abstract changed(): void;

  // `#` rather than `private`: in the first download, the minifier shortens the name.
  #set(key: keyof Settings, value: unknown): void {
    this.settings = {...this.settings, [key]: (NORMALISE[key] ?? same)(value)};
    this.changed();
  }
}
