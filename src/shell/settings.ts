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

const ATTRIBUTES: Record<string, keyof Settings> = {
  server: 'server',
  department: 'department',
  position: 'position',
  mode: 'mode',
  persist: 'persist',
  'restore-timeout': 'restoreTimeout',
  'guest-name': 'guestName',
  'guest-email': 'guestEmail',
  'no-sound': 'noSound',
  'no-shared-link': 'noSharedLink',
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
  get server(): string {
    return this.settings.server;
  }
  set server(value: string) {
    this.set({server: value ?? ''});
  }

  /**
   * Department id to route chats to.
   * @attr department
   */
  get department(): string | undefined {
    return this.settings.department;
  }
  set department(value: string | undefined) {
    this.set({department: value});
  }

  /**
   * Side of the viewport: `right` or `left` (mirrored in right-to-left languages).
   * @attr position
   */
  get position(): 'right' | 'left' | undefined {
    return this.settings.position;
  }
  set position(value: 'right' | 'left' | undefined) {
    this.set({position: value});
  }

  /**
   * `floating` (launcher and popup window) or `inline` (window in the page flow).
   * @attr mode
   */
  get mode(): 'floating' | 'inline' {
    return this.settings.mode;
  }
  set mode(value: 'floating' | 'inline') {
    this.set({mode: value === 'inline' ? 'inline' : 'floating'});
  }

  /**
   * Where the session is kept: `local`, `session` or `none`.
   * @attr persist
   */
  get persist(): PersistMode | undefined {
    return this.settings.persist;
  }
  set persist(value: PersistMode | undefined) {
    this.set({persist: value});
  }

  /**
   * Seconds after which a returning visitor's window starts closed.
   * @attr restore-timeout
   */
  get restoreTimeout(): number {
    return this.settings.restoreTimeout;
  }
  set restoreTimeout(value: number) {
    this.set({restoreTimeout: Number(value)});
  }

  /**
   * Visitor name to register with.
   * @attr guest-name
   */
  get guestName(): string | undefined {
    return this.settings.guestName;
  }
  set guestName(value: string | undefined) {
    this.set({guestName: value});
  }

  /**
   * Visitor email to register with.
   * @attr guest-email
   */
  get guestEmail(): string | undefined {
    return this.settings.guestEmail;
  }
  set guestEmail(value: string | undefined) {
    this.set({guestEmail: value});
  }

  /**
   * Silences the new-message sound.
   * @attr no-sound
   */
  get noSound(): boolean {
    return this.settings.noSound;
  }
  set noSound(value: boolean) {
    this.set({noSound: Boolean(value)});
  }

  /** Gives this tab a live link of its own instead of sharing the site's one (read at start). */
  get noSharedLink(): boolean {
    return this.settings.noSharedLink;
  }
  set noSharedLink(value: boolean) {
    this.set({noSharedLink: Boolean(value)});
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const key = ATTRIBUTES[name];
    if (key === 'noSound' || key === 'noSharedLink') this.set({[key]: value !== null});
    else if (key === 'restoreTimeout') this.restoreTimeout = value === null ? 60 : Number(value);
    else if (key) this.set({[key]: value ?? (key === 'server' ? '' : undefined)});
  }

  /** Brings the element in line with its settings. */
  protected abstract changed(): void;

  private set(changes: Partial<Settings>): void {
    this.settings = {...this.settings, ...changes};
    this.changed();
  }
}
