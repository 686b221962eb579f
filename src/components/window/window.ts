import {LitElement, html, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {
  AgentInfo,
  ConnectionState,
  Message,
  QueueInfo,
  RcConfig,
  SessionState,
  VisitorInfo,
} from '../../core/index.js';
import {FileDropController} from '../../controllers/file-drop-controller.js';
import {NO_UPLOADS, type UploadsView} from '../../controllers/uploads-controller.js';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import type {NotifyState} from '../chat-menu/chat-menu.js';
import {IDLE_FORMS, type FormStates} from '../forms/form-status.js';
import {registrationDepartments} from '../forms/registration-form.js';
import {closeIcon} from '../icons.js';
import {
  canTakeFiles,
  renderConversation,
  renderDropOverlay,
  renderEndConfirm,
  renderFinished,
  renderOffline,
  renderRegistration,
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
  static override styles = [sharedStyles, forcedColorsStyles, styles];

  private readonly drop = new FileDropController(this);

  @query('.window') private dialog!: HTMLElement | null;
  @query('.end') private endButton!: HTMLButtonElement | null;
  @query('.confirm .cancel') private cancelButton!: HTMLButtonElement | null;

  @state() private isConfirmingEnd = false;

  /** The session state; picks the screen. */
  @property() state: SessionState = 'idle';

  /** The connection to the server; a lost connection shows a notice. */
  @property() connection: ConnectionState = 'disconnected';

  /** Messages in order, oldest first. */
  @property({attribute: false}) messages: readonly Message[] = [];

  /** Whether the agent is typing right now. */
  @property({type: Boolean, attribute: 'agent-typing'}) agentTyping = false;

  /** The visitor's newest message the agent has read ("Seen"), or null. */
  @property({attribute: false}) seenId: string | null = null;

  /** The title in the header, which also names the dialog. */
  @property() heading = '';

  /** Disables the composer, e.g. while the widget has no server to talk to. */
  @property({type: Boolean}) disabled = false;

  /** The server's config: forms, texts, survey, departments. */
  @property({attribute: false}) config: RcConfig | null = null;

  /** The visitor, once known (prefills email, current department). */
  @property({attribute: false}) visitor: VisitorInfo | null = null;

  /** The serving agent, shown in the header; null while unknown or hidden by the server. */
  @property({attribute: false}) agent: AgentInfo | null = null;

  /** The place in line while waiting for an agent. */
  @property({attribute: false}) queue: QueueInfo | null = null;

  /** The server asked to offer the transcript for this chat. */
  @property({type: Boolean, attribute: 'transcript-offered'}) transcriptOffered = false;

  /** Where each form's submission stands. */
  @property({attribute: false}) forms: FormStates = IDLE_FORMS;

  /** Name to prefill in forms (`guest-name`). */
  @property({attribute: 'guest-name'}) guestName = '';

  /** Email to prefill in forms (`guest-email`). */
  @property({attribute: 'guest-email'}) guestEmail = '';

  /** The department the page routes to (`department`). */
  @property() department = '';

  /** The visitor's uploads in flight and refused files. */
  @property({attribute: false}) uploads: UploadsView = NO_UPLOADS;
  /** Where desktop notifications stand, for the "Chat options" menu. */
  @property() notifications: NotifyState = 'off';

  private hadFocus = false;
  private showWelcome = true;

  constructor() {
    super();
    this.addEventListener('keydown', this.handleKeydown);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state') && !this.canEnd) this.isConfirmingEnd = false;
    this.hadFocus = this.shadowRoot?.activeElement != null;
    const isConversation = this.state !== 'offline' && this.state !== 'ended';
    // System lines such as "Ada joined the chat" do not end the welcome; a real message does.
    this.showWelcome =
      isConversation && this.state !== 'registering' && !this.messages.some((m) => !m.type);
  }

  override updated(changed: PropertyValues<this>): void {
    // A new screen can remove the focused control (or the confirmation parked focus on the
    // dialog); keep keyboard users inside the window, on its main control.
    const active = this.shadowRoot?.activeElement ?? null;
    if (changed.has('state') && this.hadFocus && (!active || active === this.dialog)) {
      void this.focusMainControl();
    }
  }

  /** Whether files may be dropped or attached now (uploads on, chat taking messages). */
  get canTakeFiles(): boolean {
    return canTakeFiles(this);
  }

  private get canEnd(): boolean {
    return this.state === 'active' || this.state === 'connecting';
  }

  private get switchableDepartments() {
    const isChatState = this.state === 'idle' || this.canEnd;
    const departments = registrationDepartments(this.config);
    const allowed = this.config?.settings?.allowSwitchingDepartments === true;
    return allowed && isChatState && departments.length > 1 ? departments : [];
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
    switch (this.state) {
      case 'registering':
        return renderRegistration(this);
      case 'idle':
      case 'connecting':
      case 'active':
        return renderConversation(this);
      case 'offline':
        return renderOffline(this);
      case 'ended':
        return renderFinished(this);
      default:
        return assertNever(this.state);
    }
  }

  private renderHeaderTools() {
    const departments = this.switchableDepartments;
    const current =
      this.visitor?.department || this.department || (departments[0]?._id ?? '');
    return html`
      ${departments.length > 0
        ? html`<lc-department-switcher
            .departments=${departments}
            .value=${current}
          ></lc-department-switcher>`
        : nothing}
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
    const showAgent = this.agent !== null && this.canEnd;
    return html`
      <section
        class="window"
        part="window"
        role="dialog"
        aria-modal="false"
        aria-labelledby="title"
        tabindex="-1"
      >
        <header class="header" part="header">
          <div class="bar">
            <h2 id="title" class="title" dir="auto">${this.heading}</h2>
            <slot name="header"></slot>
            ${this.renderHeaderTools()}
          </div>
          ${showAgent ? html`<lc-agent-card .agent=${this.agent}></lc-agent-card>` : nothing}
        </header>
        ${this.isConfirmingEnd
          ? renderEndConfirm(this.handleConfirmEnd, this.handleCancelEnd)
          : ''}
        <div class="welcome" ?hidden=${!this.showWelcome}><slot name="welcome"></slot></div>
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
