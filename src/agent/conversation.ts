import {LitElement, html, nothing} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {keyed} from 'lit/directives/keyed.js';
import {markdownStyles} from '../markdown/markdown.styles.js';
import type {CannedReply} from './canned-model.js';
import type {LcAgentComposer} from './composer.js';
import type {RoomUploads} from './console-uploads.js';
import {styles} from './conversation.styles.js';
import {emit} from './emit.js';
import {feedbackStyles} from './feedback.styles.js';
import {messageFileStyles} from './message-file.styles.js';
import {messageLogStyles} from './message-log.styles.js';
import {renderFeedback} from './render-feedback.js';
import {presenceStyles, renderPresence} from './render-presence.js';
import {renderLog, renderMessage} from './render-message.js';
import {shared} from './shared.styles.js';
import type {ConsoleMessage, RoomFeedback, RoomSummary} from './types.js';

/** How close to the bottom (px) still counts as "reading the latest message". */
const STICK_THRESHOLD_PX = 48;

/**
 * One chat: its messages as a live log, the visitor's typing and feedback, the reply box and
 * closing. Files dropped on it go to the chat as the agent's messages.
 * @fires lc-agent-upload - Files dropped on an open chat. Detail: { rid, files, caption }.
 * @fires lc-agent-select-room - "Back to chats" on narrow screens. Detail: { rid: null }.
 * @fires lc-agent-close-room - The agent confirms closing. Detail: { rid, comment, tags }.
 * @fires lc-agent-transfer-open - The agent asks to transfer the chat. Detail: { rid }.
 * @fires lc-agent-retry - The agent retries a failed reply. Detail: { rid, id }.
 */
export class LcAgentConversation extends LitElement {
  static override styles = [
    shared,
    styles,
    messageLogStyles,
    feedbackStyles,
    markdownStyles,
    messageFileStyles,
    presenceStyles,
  ];

  @query('.log') private log?: HTMLElement;
  @query('lc-agent-composer') private composer?: LcAgentComposer;
  @query('#close-comment') private commentInput?: HTMLTextAreaElement;
  @query('#close-toggle') private closeToggle?: HTMLButtonElement;
  @state() private isConfirmingClose = false;
  /** The visitor wrote while the agent was reading further up: a button jumps down. */
  @state() private hasNewBelow = false;
  private shouldStick = true;
  private shouldFocusLog = false;
  /** The agent's newest reply the visitor has read: it says "Seen". */
  private seenId: string | null = null;

  /** The room on screen, or `null` when none is picked. */
  @property({attribute: false}) room: RoomSummary | null = null;
  /** Its visible messages, oldest first. */
  @property({attribute: false}) messages: readonly ConsoleMessage[] = [];
  /** The visitor's rating and transcript requests for this room, once fetched. */
  @property({attribute: false}) feedback: RoomFeedback | null = null;
  /** The agent's saved replies, offered in the reply box after `/`. */
  @property({attribute: false}) replies: readonly CannedReply[] = [];
  /** This chat's files on their way and the last refusal, if any. */
  @property({attribute: false}) upload: RoomUploads | null = null;

  constructor() {
    super();
    this.addEventListener('dragover', this.handleDragOver);
    this.addEventListener('dragleave', this.handleDragLeave);
    this.addEventListener('drop', this.handleDrop);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const previous = changed.get('room') as RoomSummary | null | undefined;
    const isOtherRoom = changed.has('room') && previous?.rid !== this.room?.rid;
    if (isOtherRoom) this.isConfirmingClose = false;
    if (changed.has('messages') || isOtherRoom) {
      const log = this.log;
      const last = this.messages[this.messages.length - 1];
      const atBottom =
        !log || log.scrollHeight - log.scrollTop - log.clientHeight < STICK_THRESHOLD_PX;
      this.shouldStick = isOtherRoom || atBottom || last?.status === 'pending';
      const before = changed.get('messages') as readonly ConsoleMessage[] | undefined;
      const isNew = last && last.id !== before?.[before.length - 1]?.id;
      if (isOtherRoom || this.shouldStick) this.hasNewBelow = false;
      else if (isNew && last.role === 'visitor') this.hasNewBelow = true;
    }
    if (!this.room?.isOpen) this.isConfirmingClose = false;
    // Closed meanwhile (the visitor left, another agent): its buttons and reply box go disabled
    // or away, and the keyboard with them unless it moves on to the log.
    const hasClosed = !isOtherRoom && previous?.isOpen && this.room && !this.room.isOpen;
    if (hasClosed && this.matches(':focus-within')) this.shouldFocusLog = true;
    const until = this.room?.visitorReadUntil ?? null;
    const seen =
      until === null
        ? undefined
        : [...this.messages]
            .reverse()
            .find((m) => m.role === 'agent' && m.status === 'sent' && m.ts < until);
    this.seenId = seen?.id ?? null;
  }

  override updated(changed: Map<string, unknown>): void {
    if (this.shouldStick && this.log) this.log.scrollTop = this.log.scrollHeight;
    if (this.shouldFocusLog) this.log?.focus();
    this.shouldStick = this.shouldFocusLog = false;
    const previous = changed.get('room') as RoomSummary | null | undefined;
    if (changed.has('room') && this.room && previous?.rid !== this.room.rid) this.composer?.focus();
  }

  /**
   * Files dragged over an open chat may be dropped (the pane shows it takes them); over a
   * closed one they may not, and the browser does not open them in place of the console.
   */
  private handleDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    const isOpen = !!this.room?.isOpen;
    event.dataTransfer.dropEffect = isOpen ? 'copy' : 'none';
    this.toggleAttribute('dropping', isOpen);
  };

  private handleDragLeave = (event: DragEvent): void => {
    if (!this.contains(event.relatedTarget as Node | null)) this.removeAttribute('dropping');
  };

  private handleDrop = (event: DragEvent): void => {
    this.removeAttribute('dropping');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    // Through the reply box: what the agent typed goes with them as their caption.
    if (this.room?.isOpen) this.composer?.attachFiles(files);
  };

  private handleLogScroll(): void {
    const log = this.log;
    if (!this.hasNewBelow || !log) return;
    if (log.scrollHeight - log.scrollTop - log.clientHeight < STICK_THRESHOLD_PX) {
      this.hasNewBelow = false;
    }
  }

  private handleJump(): void {
    this.hasNewBelow = false;
    // The button goes: the keyboard stays with the messages it led to.
    this.log?.focus();
    if (this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  private handleBack(): void {
    emit(this, 'lc-agent-select-room', {rid: null});
  }

  private async handleCloseToggle(): Promise<void> {
    this.isConfirmingClose = !this.isConfirmingClose;
    await this.updateComplete;
    if (this.isConfirmingClose) this.commentInput?.focus();
  }

  private async handleCancelClose(): Promise<void> {
    this.isConfirmingClose = false;
    await this.updateComplete;
    this.closeToggle?.focus();
  }

  private handleConfirmKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') void this.handleCancelClose();
  }

  private handleConfirmClose(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.room) return;
    const comment = this.commentInput?.value.trim() ?? '';
    const tags = this.renderRoot.querySelector('lc-agent-tag-input')?.value ?? [];
    emit(this, 'lc-agent-close-room', {rid: this.room.rid, comment, tags});
    this.isConfirmingClose = false;
    // The form and its button go: the keyboard stays in this chat, on its log.
    void this.updateComplete.then(() => this.log?.focus());
  }

  private handleTransferClick(): void {
    if (this.room) emit(this, 'lc-agent-transfer-open', {rid: this.room.rid});
  }

  private handleRetry = (message: ConsoleMessage): void => {
    emit(this, 'lc-agent-retry', {rid: message.rid, id: message.id});
    // "Retry" goes as the reply is sent again: the keyboard goes on in the reply box.
    this.composer?.focus();
  };

  private renderConfirm() {
    return html`
      <form
        class="confirm"
        aria-label="Close this chat"
        @submit=${this.handleConfirmClose}
        @keydown=${this.handleConfirmKeydown}
      >
        <div>
          <label for="close-comment">Closing comment (optional)</label>
          <textarea id="close-comment" rows="2"></textarea>
        </div>
        <lc-agent-tag-input></lc-agent-tag-input>
        <div class="actions">
          <button class="danger" type="submit">Confirm close</button>
          <button type="button" @click=${this.handleCancelClose}>Cancel</button>
        </div>
      </form>
    `;
  }

  override render() {
    const room = this.room;
    if (!room) {
      return html`<p class="placeholder">Pick a chat from the list to read and reply.</p>`;
    }
    return html`
      <header>
        <button class="back" type="button" @click=${this.handleBack}>
          <span aria-hidden="true">←</span><span class="visually-hidden">Back to chats</span>
        </button>
        <h2 id="title" title=${room.visitorName}><bdi>${room.visitorName}</bdi></h2>
        <p class="visitor-presence" role="status">${renderPresence(room.visitorStatus)}</p>
        ${
          room.isOpen
            ? html`<button type="button" @click=${this.handleTransferClick}>Transfer</button>`
            : nothing
        }
        ${
          room.isOpen
            ? html`<button
                id="close-toggle"
                type="button"
                class="danger"
                aria-expanded=${this.isConfirmingClose ? 'true' : 'false'}
                @click=${this.handleCloseToggle}
              >
                Close chat
              </button>`
            : html`<p class="closed-note" role="status">This chat is closed</p>`
        }
      </header>
      ${this.isConfirmingClose ? this.renderConfirm() : nothing}
      ${keyed(
        room.rid,
        // Each chat gets a live region of its own: one reused would read a whole chat's
        // history aloud as "new" when the agent switches to it.
        html`<div
          class="log"
          role="log"
          aria-live="polite"
          aria-labelledby="title"
          tabindex="0"
          @scroll=${this.handleLogScroll}
        >
          <ol class="messages">
            ${renderLog(this.messages, (m) =>
              renderMessage(m, this.handleRetry, m.id === this.seenId),
            )}
          </ol>
        </div>`,
      )}
      ${
        this.hasNewBelow
          ? html`<button class="jump" type="button" @click=${this.handleJump}>
              New messages below
            </button>`
          : nothing
      }
      ${renderFeedback(this.feedback?.rid === room.rid ? this.feedback : null)}
      <p class="typing" aria-live="polite">
        ${room.isVisitorTyping ? html`<bdi>${room.visitorName}</bdi> is typing…` : ''}
      </p>
      ${
        room.isVisitorTyping && room.visitorDraft
          ? html`<section class="draft" aria-labelledby="draft-label">
              <h3 id="draft-label">Draft</h3>
              <p class="draft-text">${room.visitorDraft}</p>
            </section>`
          : nothing
      }
      <lc-agent-composer
        .rid=${room.rid}
        ?disabled=${!room.isOpen}
        .replies=${this.replies}
        .upload=${this.upload}
      ></lc-agent-composer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-conversation': LcAgentConversation;
  }
}
