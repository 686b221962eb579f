import {LitElement, html, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import {FileDropController} from '../../controllers/file-drop-controller.js';
import {FocusWrapController, firstButtonIn} from '../../controllers/focus-wrap-controller.js';
import {NO_UPLOADS, type UploadsView} from '../../controllers/uploads-controller.js';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import type {NotifyState} from '../chat-menu/chat-menu.js';
import {IDLE_FORMS, type FormStates} from '../forms/form-status.js';
import {closeIcon} from '../icons.js';
import {
  canTakeFiles,
  IDLE_CHAT,
  NO_SETTINGS,
  renderConversation,
  renderDropOverlay,
  renderEndConfirm,
  renderFinished,
  renderOffline,
  renderRegistration,
  showsWelcome,
  switchableDepartments,
  type ScreenView,
  type WindowChat,
  type WindowSettings,
} from './render-screens.js';
import {styles} from './window.styles.js';

function assertNever(value: never): never {
  throw new Error(`Unhandled session state: ${String(value)}`);
}

const MAIN_CONTROLS = 'lc-composer, lc-registration-form, lc-offline-form, lc-finished';

/**
 * The chat window: a non-modal dialog labelled by its title, with a header (agent card,
 * department panel, end button, "Chat options" menu, minimise button) and the screen that
 * matches the session state: registration, conversation, offline form, or the finished chat.
 * @fires lc-toggle-window - The visitor minimises the window (button or Escape).
 *   Detail: `{open: false}`.
 * @fires lc-end-chat - The visitor confirms ending the chat. Detail: `{}`.
 * @fires lc-send-file - The visitor dropped a file on the window; once per file. Detail: `{file}`.
 * @csspart window - The dialog box.
 * @csspart header - The title bar.
 * @csspart form - The registration, offline, transcript and rating forms.
 * @slot header - Extra content in the title bar.
 * @slot welcome - Shown above the conversation until the first message.
 */
@localized()
export class LcWindow extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  private readonly drop = new FileDropController(this);
  // Full screen on a phone: Tab goes round the window, not to the page out of sight.
  private readonly wrap = new FocusWrapController(this, {
    focusFirst: () => firstButtonIn(this.shadowRoot?.querySelector('.tools'))?.focus(),
    focusLast: () => void this.focusMainControl(),
  });

  @query('.window') private dialog!: HTMLElement | null;
  @query('.end') private endButton!: HTMLButtonElement | null;
  @query('.confirm .cancel') private cancelButton!: HTMLButtonElement | null;

  @state() private isConfirmingEnd = false;

  /** The client's snapshot (or the part of it the window shows); null before there is one. */
  @property({attribute: false}) snapshot: WindowChat | null = null;

  /** What the page set on `<live-chat>`: title, prefills, department, whether disabled. */
  @property({attribute: false}) settings: WindowSettings = NO_SETTINGS;

  /** Where each form's submission stands. */
  @property({attribute: false}) forms: FormStates = IDLE_FORMS;

  /** The visitor's uploads in flight and refused files. */
  @property({attribute: false}) uploads: UploadsView = NO_UPLOADS;

  /** Where desktop notifications stand, for the "Chat options" menu. */
  @property() notifications: NotifyState = 'off';

  private hadFocus = false;
  private shownState = IDLE_CHAT.state;
  private hasNewState = false;

  constructor() {
    super();
    this.addEventListener('keydown', this.handleKeydown);
    this.addEventListener('lc-retry-message', this.handleButtonGone);
  }

  /** The snapshot and settings the screens are drawn from. */
  private get view(): ScreenView {
    const {settings, forms, uploads} = this;
    return {chat: this.snapshot ?? IDLE_CHAT, settings, forms, uploads};
  }

  private get state() {
    return (this.snapshot ?? IDLE_CHAT).state;
  }

  // In update() rather than willUpdate(): the controllers `<live-chat>` adds to the window
  // hand it the snapshot in their hostUpdate(), which Lit runs between the two.
  protected override update(changed: PropertyValues<this>): void {
    this.hasNewState = this.state !== this.shownState;
    this.shownState = this.state;
    if (this.hasNewState && !this.canEnd) this.isConfirmingEnd = false;
    this.hadFocus = this.shadowRoot?.activeElement != null;
    super.update(changed);
  }

  override updated(changed: PropertyValues<this>): void {
    // A new screen can remove the focused control (or the confirmation parked focus on the
    // dialog); keep keyboard users inside the window, on its main control.
    const active = this.shadowRoot?.activeElement ?? null;
    if (this.hasNewState && this.hadFocus && (!active || active === this.dialog)) {
      void this.focusMainControl();
    }
    if (changed.has('uploads') && this.hadFocus) void this.keepFocusAfterUploads();
  }

  /**
   * A file's buttons leave with it (its upload finished or was cancelled, its refusal was
   * dismissed): focus on one would fall to the page, so it goes on to the text box.
   */
  private async keepFocusAfterUploads(): Promise<void> {
    await this.shadowRoot?.querySelector<LitElement>('lc-upload-list')?.updateComplete;
    const page = document.activeElement;
    if (!this.shadowRoot?.activeElement && (!page || page === document.body)) this.focusTextBox();
  }

  /** Whether files may be dropped or attached now (uploads on, chat taking messages). */
  get canTakeFiles(): boolean {
    return canTakeFiles(this.view);
  }

  private get canEnd(): boolean {
    return this.state === 'active' || this.state === 'connecting';
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    if (this.isConfirmingEnd) {
      void this.handleCancelEnd();
      return;
    }
    emit(this, 'lc-toggle-window', {open: false});
  };

  /**
   * Retry takes its button away (the message is sending again): focus on it would fall to the
   * page, so it goes on to the text box.
   */
  private readonly handleButtonGone = (event: Event): void => {
    const root = this.shadowRoot;
    if (!root || root.activeElement !== event.composedPath()[0]) return;
    this.focusTextBox();
  };

  private focusTextBox(): void {
    const composer = this.shadowRoot?.querySelector('lc-composer');
    composer?.focus();
    if (!composer || this.shadowRoot?.activeElement !== composer) this.dialog?.focus();
  }

  private handleMinimize(): void {
    emit(this, 'lc-toggle-window', {open: false});
  }

  private async handleAskEnd(): Promise<void> {
    this.isConfirmingEnd = true;
    await this.updateComplete;
    this.cancelButton?.focus();
  }

  private readonly handleCancelEnd = async (): Promise<void> => {
    this.isConfirmingEnd = false;
    await this.updateComplete;
    this.endButton?.focus();
  };

  private readonly handleConfirmEnd = (): void => {
    this.isConfirmingEnd = false;
    this.dialog?.focus();
    emit(this, 'lc-end-chat', {});
  };

  private async focusMainControl(): Promise<void> {
    const control = this.shadowRoot?.querySelector<HTMLElement>(MAIN_CONTROLS) ?? null;
    const target = control ?? this.dialog;
    // Child elements render their controls in their own first update, after the window's.
    if (target instanceof LitElement) await target.updateComplete;
    target?.focus();
  }

  private renderScreen() {
    const view = this.view;
    switch (view.chat.state) {
      case 'registering':
        return renderRegistration(view);
      case 'idle':
      case 'connecting':
      case 'active':
        return renderConversation(view);
      case 'offline':
        return renderOffline(view);
      case 'ended':
        return renderFinished(view);
      default:
        return assertNever(view.chat.state);
    }
  }

  private renderHeaderTools() {
    const departments = switchableDepartments(this.view);
    const current =
      this.view.chat.visitor?.department || this.settings.department || (departments[0]?._id ?? '');
    return html`
      ${
        departments.length > 0
          ? html`<lc-department-switcher
              .departments=${departments}
              .value=${current}
            ></lc-department-switcher>`
          : nothing
      }
      <button
        class="end"
        type="button"
        ?hidden=${!this.canEnd || this.isConfirmingEnd}
        @click=${this.handleAskEnd}
      >
        ${msg('End chat', {id: 'window.end', desc: 'Button that ends the conversation.'})}
      </button>
      <lc-chat-menu .notifications=${this.notifications}></lc-chat-menu>
      <button
        class="icon-button"
        type="button"
        aria-label=${msg('Minimize chat', {
          id: 'window.minimize',
          desc: 'Button that hides the chat window; the chat continues.',
        })}
        @click=${this.handleMinimize}
      >
        ${closeIcon}
      </button>
    `;
  }

  /** Focuses what the visitor most likely wants: the text box, a form, else the main action. */
  async focusInitial(): Promise<void> {
    await this.updateComplete;
    await this.focusMainControl();
  }

  override render() {
    const {agent} = this.view.chat;
    const showAgent = agent !== null && this.canEnd;
    // The title bar is a <div>: a <header> here is a second "banner" landmark for the page.
    // The title's words are isolated, the heading not: it starts at the window's start edge.
    return html`
      <section
        class="window"
        part="window"
        role="dialog"
        aria-modal="false"
        aria-labelledby="title"
        tabindex="-1"
      >
        <div class="header" part="header">
          <div class="bar">
            <h2 id="title" class="title"><bdi>${this.settings.heading}</bdi></h2>
            <slot name="header"></slot>
            <div class="tools">${this.renderHeaderTools()}</div>
          </div>
          ${showAgent ? html`<lc-agent-card .agent=${agent}></lc-agent-card>` : nothing}
        </div>
        ${this.isConfirmingEnd ? renderEndConfirm(this.handleConfirmEnd, this.handleCancelEnd) : ''}
        <div class="welcome" ?hidden=${!showsWelcome(this.view)}><slot name="welcome"></slot></div>
        <div class="screen">${this.renderScreen()}</div>
        ${renderDropOverlay(this.drop.isDragging)}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-window': LcWindow;
  }
}
