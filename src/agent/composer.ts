import {LitElement, html, nothing} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {MESSAGE_MAX_CODE_POINTS, codePointLength} from '../core/protocol/index.js';
import {matchReplies, type CannedReply} from './canned-model.js';
import {composerStyles} from './composer.styles.js';
import {emit} from './emit.js';
import type {RoomUploads} from './console-uploads.js';
import {deepActiveElement} from './focus.js';
import {renderCannedList} from './render-canned-list.js';
import {
  ACCEPTED_FILES,
  renderAttach,
  renderUploads,
  uploadStyles,
} from './render-composer-upload.js';
import {shared} from './shared.styles.js';
import {draftOf, keepDraft} from './tab-memory.js';

/** `/word` alone at the start of the reply box asks for saved replies. */
const SLASH_WORD = /^\/(\S*)$/u;

/**
 * The agent's reply box: Enter sends, Shift+Enter starts a new line. `/` at the start opens
 * the agent's saved replies as a listbox: typing filters them, arrow keys move, Enter inserts
 * the reply's text, Escape closes the list. The box stays a plain multi-line textbox (no role
 * is allowed on a textarea, and a combobox is single-line): while the list is open it points
 * at it with `aria-controls` and at the chosen reply with `aria-activedescendant`.
 * "Attach a file" (or a pasted picture) sends files, with the text typed in the box as their
 * caption (as in Slack or Rocket.Chat); their progress and refusals show above and below the
 * box, a refused file's caption comes back into it, and so does the keyboard once they are done.
 * @fires lc-agent-upload - The agent sends files. Detail: { rid, files, caption }.
 * @fires lc-agent-upload-cancel - The agent stops a file on its way. Detail: { rid, id }.
 * @fires lc-agent-send - The agent sends a non-empty reply. Detail: { rid, text }.
 * @fires lc-agent-typing - The agent starts or stops typing. Detail: { rid, isTyping }.
 */
export class LcAgentComposer extends LitElement {
  static override styles = [shared, uploadStyles, composerStyles];

  @query('textarea') private input!: HTMLTextAreaElement;
  @query('input[type=file]') private fileInput!: HTMLInputElement;
  @state() private draft = '';
  @state() private isTooLong = false;
  @state() private active = 0;
  /** The draft for which the agent closed the list with Escape; it stays closed until edited. */
  @state() private dismissed: string | null = null;
  private returned: number | undefined;

  /** The agent's saved replies, offered after `/`. */
  @property({attribute: false}) replies: readonly CannedReply[] = [];
  /** The room replies go to. */
  @property() rid = '';
  /** Disables the box, e.g. once the chat is closed. */
  @property({type: Boolean, reflect: true}) disabled = false;
  /** This chat's files on their way and the last refusal, if any. */
  @property({attribute: false}) upload: RoomUploads | null = null;

  override willUpdate(changed: Map<string, unknown>): void {
    // Each chat keeps its own unsent reply, across a switch to another chat and a reload; a
    // refused file's caption was given back to it (console-uploads.ts).
    const returned = this.upload?.returned;
    if (changed.has('rid') || returned !== this.returned) {
      this.setDraft(this.rid ? draftOf(this.rid) : '');
    }
    this.returned = returned;
    // A closed chat takes no reply: one left unsent stays in sight, greyed, but is not kept.
    if (changed.has('disabled') && this.disabled && this.rid) keepDraft(this.rid, '');
  }

  override updated(changed: Map<string, unknown>): void {
    // Files done (sent, refused or cancelled): the keyboard goes back into the reply box,
    // unless the agent went on outside this chat meanwhile.
    const before = changed.get('upload') as RoomUploads | null | undefined;
    if (!changed.has('upload') || changed.has('rid') || !before?.uploads.length) return;
    if (this.upload?.uploads.length) return;
    const active = deepActiveElement();
    const isHere = (node: Node) =>
      this.renderRoot.contains(node) || this.getRootNode().contains(node);
    const isAway = active && active !== document.body && !isHere(active);
    if (!isAway) this.input?.focus();
  }

  private setDraft(text: string): void {
    this.draft = text;
    this.isTooLong = codePointLength(text) > MESSAGE_MAX_CODE_POINTS;
    if (this.rid) keepDraft(this.rid, text);
  }

  /** The saved replies the draft asks for; empty when the list is closed. */
  private get offered(): CannedReply[] {
    const typed = SLASH_WORD.exec(this.draft)?.[1];
    if (typed === undefined || this.dismissed === this.draft || this.disabled) return [];
    return matchReplies(this.replies, typed);
  }

  private handleInput(): void {
    const wasEmpty = this.draft.trim() === '';
    this.setDraft(this.input.value);
    this.active = 0;
    const isEmpty = this.draft.trim() === '';
    if (!isEmpty || !wasEmpty) emit(this, 'lc-agent-typing', {rid: this.rid, isTyping: !isEmpty});
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const matches = this.offered;
    if (matches.length > 0 && this.handleListKey(event, matches)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.submit();
    }
  }

  /** Arrow keys, Enter and Escape while the list is open; true when the key was used. */
  private handleListKey(event: KeyboardEvent, matches: readonly CannedReply[]): boolean {
    const count = matches.length;
    switch (event.key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % count;
        return true;
      case 'ArrowUp':
        this.active = (this.active - 1 + count) % count;
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        this.insert(matches[Math.min(this.active, count - 1)]);
        return true;
      case 'Escape':
        this.dismissed = this.draft;
        event.stopPropagation();
        return true;
      default:
        return false;
    }
  }

  private insert = (reply: CannedReply): void => {
    this.setDraft(reply.text);
    this.input.value = reply.text;
    this.input.focus();
    emit(this, 'lc-agent-typing', {rid: this.rid, isTyping: true});
  };

  private handleFileChange(): void {
    this.attachFiles([...(this.fileInput.files ?? [])]);
    // The same file may be chosen again after a refusal.
    this.fileInput.value = '';
  }

  private handlePaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    this.attachFiles(files);
  }

  private cancelUpload = (id: number): void => {
    emit(this, 'lc-agent-upload-cancel', {rid: this.rid, id});
  };

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  private submit(): void {
    const text = this.draft.trim();
    if (!text || this.isTooLong || this.disabled) return;
    emit(this, 'lc-agent-send', {rid: this.rid, text});
    this.setDraft('');
    this.input.value = '';
    this.input.focus();
  }

  /** Sends files to the chat, with the typed text as their caption (a drop on the chat, too). */
  attachFiles(files: readonly File[]): void {
    if (files.length === 0 || this.disabled || !this.rid) return;
    // The typed text goes with the files; a `/` query or a text over the limit stays here.
    const caption = this.isTooLong || SLASH_WORD.test(this.draft) ? '' : this.draft.trim();
    emit(this, 'lc-agent-upload', {rid: this.rid, files, caption});
    if (!caption) return;
    this.setDraft('');
    emit(this, 'lc-agent-typing', {rid: this.rid, isTyping: false});
  }

  /** Moves the keyboard focus into the reply box. */
  override focus(): void {
    // A reply box just created is drawn in its first update.
    if (this.input) this.input.focus();
    else void this.updateComplete.then(() => this.input?.focus());
  }

  // The reply box is named by its <label for="reply">, which lit-a11y/accessible-name does not
  // follow for a role on a form control.

  override render() {
    const matches = this.offered;
    const isOpen = matches.length > 0;
    const active = Math.min(this.active, matches.length - 1);
    return html`
      <form @submit=${this.handleSubmit}>
        ${isOpen ? renderCannedList(matches, active, this.insert) : nothing}
        ${renderUploads(this.upload, this.cancelUpload)}
        <input
          type="file"
          hidden
          multiple
          accept=${ACCEPTED_FILES}
          @change=${this.handleFileChange}
        />
        ${renderAttach(this.disabled, () => this.fileInput.click())}
        <label class="visually-hidden" for="reply">Message</label>
        <textarea
          id="reply"
          aria-autocomplete="list"
          aria-controls=${isOpen ? 'canned-list' : nothing}
          aria-activedescendant=${isOpen ? `canned-${active}` : nothing}
          rows="2"
          placeholder=${this.disabled ? 'This chat is closed' : 'Write a reply…'}
          .value=${this.draft}
          ?disabled=${this.disabled}
          aria-invalid=${this.isTooLong ? 'true' : 'false'}
          aria-describedby="limit"
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
          @paste=${this.handlePaste}
        ></textarea>
        <button class="primary" type="submit" ?disabled=${this.disabled}>Send</button>
        <p id="limit" class="error" ?hidden=${!this.isTooLong}>
          Messages can be at most ${MESSAGE_MAX_CODE_POINTS} characters long.
        </p>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-composer': LcAgentComposer;
  }
}
