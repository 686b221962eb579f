import {LitElement, html} from 'lit';
import type {PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {ConnectionState, Message, SessionState} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {closeIcon} from '../icons.js';
import {styles} from './window.styles.js';

function assertNever(value: never): never {
  throw new Error(`Unhandled session state: ${String(value)}`);
}

/**
 * The chat window: a non-modal dialog labelled by its title, with a header and the screen
 * that matches the session state (conversation, offline, ended).
 * @fires lc-toggle-window - The visitor minimises the window (button or Escape).
 *   Detail: `{open: false}`.
 * @fires lc-end-chat - The visitor confirms ending the chat. Detail: `{}`.
 * @fires lc-start-chat - The visitor asks for a new chat after one ended. Detail: `{}`.
 * @csspart window - The dialog box.
 * @csspart header - The title bar.
 * @slot header - Extra content in the title bar.
 * @slot welcome - Shown above the conversation until the first message.
 */
@localized()
export class LcWindow extends LitElement {
  static override styles = [sharedStyles, styles];

  @query('.window') private dialog!: HTMLElement | null;
  @query('lc-composer') private composer!: HTMLElement | null;
  @query('.new-chat') private newChatButton!: HTMLButtonElement | null;
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

  /** The title in the header, which also names the dialog. */
  @property() heading = '';

  /** Disables the composer, e.g. while the widget has no server to talk to. */
  @property({type: Boolean}) disabled = false;

  /** The server's text for a finished chat; empty shows the default sentence. */
  @property({attribute: 'finished-message'}) finishedMessage = '';

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
    this.showWelcome = isConversation && !this.messages.some((m) => m.type === undefined);
  }

  override updated(changed: PropertyValues<this>): void {
    // A new screen can remove the focused control (or the confirmation parked focus on the
    // dialog); keep keyboard users inside the window, on its main control.
    const active = this.shadowRoot?.activeElement ?? null;
    if (changed.has('state') && this.hadFocus && (!active || active === this.dialog)) {
      void this.focusMainControl();
    }
  }

  private get canEnd(): boolean {
    return this.state === 'active' || this.state === 'connecting';
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    if (this.isConfirmingEnd) {
      this.handleCancelEnd();
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

  private async handleCancelEnd(): Promise<void> {
    this.isConfirmingEnd = false;
    await this.updateComplete;
    this.endButton?.focus();
  }

  private handleConfirmEnd(): void {
    this.isConfirmingEnd = false;
    this.dialog?.focus();
    emit(this, 'lc-end-chat', {});
  }

  private handleStartChat(): void {
    emit(this, 'lc-start-chat', {});
  }

  private async focusMainControl(): Promise<void> {
    const target = this.composer ?? this.newChatButton ?? this.dialog;
    // The composer renders its text box in its own first update, after the window's.
    if (target instanceof LitElement) await target.updateComplete;
    target?.focus();
  }

  private renderConversation() {
    const notice =
      this.connection === 'reconnecting'
        ? msg('Connection lost. Reconnecting…', {
            id: 'window.reconnecting',
            desc: 'Status line while the connection to the server is being restored.',
          })
        : this.state === 'connecting'
          ? msg('Connecting…', {id: 'window.connecting', desc: 'Status while a chat starts.'})
          : '';
    return html`
      <lc-message-list
        exportparts="messages, message, message-agent, message-visitor, message-system"
        .messages=${this.messages}
        ?agent-typing=${this.agentTyping}
      ></lc-message-list>
      <div class="status" role="status">${notice}</div>
      <lc-composer exportparts="composer" ?disabled=${this.disabled}></lc-composer>
    `;
  }

  private renderOffline() {
    return html`<div class="placeholder">
      <p>
        ${msg('No agent is available right now.', {
          id: 'window.offline',
          desc: 'Shown when no agent is online to take the chat.',
        })}
      </p>
    </div>`;
  }

  private renderEnded() {
    const text =
      this.finishedMessage ||
      msg('This chat has ended', {id: 'window.ended', desc: 'Shown once the chat is over.'});
    return html`
      <lc-message-list
        exportparts="messages, message, message-agent, message-visitor, message-system"
        .messages=${this.messages}
      ></lc-message-list>
      <div class="finished">
        <p dir="auto">${text}</p>
        <button class="button button-primary new-chat" type="button" @click=${this.handleStartChat}>
          ${msg('Start a new chat', {
            id: 'window.new-chat',
            desc: 'Button shown after a chat ended; starts another one.',
          })}
        </button>
      </div>
    `;
  }

  private renderScreen() {
    switch (this.state) {
      case 'idle':
      case 'registering':
      case 'connecting':
      case 'active':
        return this.renderConversation();
      case 'offline':
        return this.renderOffline();
      case 'ended':
        return this.renderEnded();
      default:
        return assertNever(this.state);
    }
  }

  private renderConfirm() {
    return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text">
        ${msg('Do you want to end this chat?', {
          id: 'window.confirm-end',
          desc: 'Question before the chat is ended.',
        })}
      </p>
      <button class="button button-primary" type="button" @click=${this.handleConfirmEnd}>
        ${msg('End chat', {id: 'window.end', desc: 'Button that ends the conversation.'})}
      </button>
      <button class="button button-secondary cancel" type="button" @click=${this.handleCancelEnd}>
        ${msg('Cancel', {id: 'window.cancel', desc: 'Keeps the chat going.'})}
      </button>
    </div>`;
  }

  /** Focuses what the visitor most likely wants: the text box, else the main action. */
  async focusInitial(): Promise<void> {
    await this.updateComplete;
    await this.focusMainControl();
  }

  override render() {
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
          <h2 id="title" class="title" dir="auto">${this.heading}</h2>
          <slot name="header"></slot>
          <button
            class="end"
            type="button"
            ?hidden=${!this.canEnd || this.isConfirmingEnd}
            @click=${this.handleAskEnd}
          >
            ${msg('End chat', {id: 'window.end', desc: 'Button that ends the conversation.'})}
          </button>
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
        </header>
        ${this.isConfirmingEnd ? this.renderConfirm() : ''}
        <div class="welcome" ?hidden=${!this.showWelcome}><slot name="welcome"></slot></div>
        <div class="screen">${this.renderScreen()}</div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-window': LcWindow;
  }
}
