import {LitElement, html} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {localized, msg} from '@lit/localize';
import {ViewLink} from '../../controllers/view-link.js';
import {MESSAGE_MAX_CODE_POINTS, codePointLength} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {getLocale} from '../../i18n/localization.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {attachIcon, sendIcon} from '../icons.js';
import {styles} from './composer.styles.js';
import {charactersLeft, charactersOver} from './counter-text.js';

// The counter appears once a message gets this close to the limit, so it never distracts
// from ordinary messages.
const COUNTER_THRESHOLD_CODE_POINTS = MESSAGE_MAX_CODE_POINTS - 500;

/**
 * Text box and send button at the bottom of the chat window. Enter sends, Shift+Enter
 * starts a new line; a counter shows near the 5,000 code-point limit. With `can-attach`, an
 * "Attach a file" button opens the file picker, and files pasted into the text box are sent.
 * @fires lc-send - The visitor submits a non-empty message within the limit. Detail: `{text}`.
 * @fires lc-set-typing - The visitor typed (`isTyping: true`, with the draft) or left the text
 *   box (`isTyping: false`). Detail: `{draft, isTyping}`.
 * @fires lc-send-file - The visitor picked or pasted a file; once per file. Detail: `{file}`.
 * @fires lc-save-view - The draft changed (kept across pages). Detail: `{draft}`.
 * @fires lc-request-view - Asks for the draft of a restored session. Detail: `{receive}`.
 * @csspart composer - The form holding the text box and the send button.
 */
@localized()
export class LcComposer extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  // The draft survives a reload or a navigation, with the rest of the session.
  private readonly draftLink = new ViewLink(this, 'draft', (draft) => {
    this.draft = draft;
  });

  @query('textarea') private textarea!: HTMLTextAreaElement | null;
  @query('input[type="file"]') private picker!: HTMLInputElement | null;

  @state() private draft = '';

  /** Disables input, e.g. while the chat cannot take messages. */
  @property({type: Boolean, reflect: true}) disabled = false;

  /** Offers files: the server accepts uploads and the chat can take messages. */
  @property({type: Boolean, attribute: 'can-attach'}) canAttach = false;

  private length = 0;

  override willUpdate(): void {
    this.length = codePointLength(this.draft);
  }

  private get canSend(): boolean {
    return !this.disabled && this.draft.trim() !== '' && this.length <= MESSAGE_MAX_CODE_POINTS;
  }

  private submit(): void {
    if (!this.canSend) return;
    const text = this.draft.trim();
    this.draft = '';
    this.draftLink.save('');
    emit(this, 'lc-send', {text});
  }

  private handleInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.draftLink.save(this.draft);
    emit(this, 'lc-set-typing', {draft: this.draft, isTyping: true});
  }

  private handleBlur(): void {
    emit(this, 'lc-set-typing', {draft: this.draft, isTyping: false});
  }

  private handleKeydown(event: KeyboardEvent): void {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese, …) must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  private sendFiles(files: FileList | null | undefined): void {
    for (const file of files ?? []) emit(this, 'lc-send-file', {file});
  }

  private handleAttach(): void {
    this.picker?.click();
  }

  private handlePicked(): void {
    this.sendFiles(this.picker?.files);
    // Cleared, so that choosing the same file again is a change too.
    if (this.picker) this.picker.value = '';
  }

  private handlePaste(event: ClipboardEvent): void {
    const files = event.clipboardData?.files;
    if (!this.canAttach || this.disabled || !files || files.length === 0) return;
    event.preventDefault();
    this.sendFiles(files);
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
    this.textarea?.focus();
  }

  private renderCounter() {
    const left = MESSAGE_MAX_CODE_POINTS - this.length;
    const number = new Intl.NumberFormat(getLocale()).format(Math.abs(left));
    const text = left >= 0 ? charactersLeft(left, number) : charactersOver(-left, number);
    return html`<p id="counter" class="counter ${left < 0 ? 'over' : ''}">${text}</p>`;
  }

  private renderAttach() {
    return html`<input type="file" multiple hidden tabindex="-1" @change=${this.handlePicked} />
      <button
        class="icon-button attach"
        type="button"
        aria-label=${msg('Attach a file', {
          id: 'composer.attach',
          desc: 'Button that opens the file picker to send a file.',
        })}
        ?disabled=${this.disabled}
        @click=${this.handleAttach}
      >
        ${attachIcon}
      </button>`;
  }

  /** Moves focus to the text box. */
  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  // A draft is dir="auto": a message in the other direction than the page's keeps its own
  // order while it is typed ("?Do you ship" in an Arabic window otherwise). Not while empty:
  // the placeholder follows the page (an empty "auto" box would be left to right).
  override render() {
    const isNearLimit = this.length >= COUNTER_THRESHOLD_CODE_POINTS;
    const isTooLong = this.length > MESSAGE_MAX_CODE_POINTS;
    return html`
      <form
        part="composer"
        class=${this.canAttach ? 'with-attach' : ''}
        @submit=${this.handleSubmit}
      >
        ${this.canAttach ? this.renderAttach() : ''}
        <label class="visually-hidden" for="input">
          ${msg('Message', {id: 'composer.label', desc: 'Label of the message text box.'})}
        </label>
        <textarea
          id="input"
          dir=${ifDefined(this.draft ? 'auto' : undefined)}
          rows="1"
          .value=${this.draft}
          ?disabled=${this.disabled}
          aria-invalid=${isTooLong ? 'true' : 'false'}
          aria-describedby=${ifDefined(isNearLimit ? 'counter' : undefined)}
          placeholder=${msg('Type your message…', {
            id: 'composer.placeholder',
            desc: 'Placeholder of the message text box.',
          })}
          @input=${this.handleInput}
          @blur=${this.handleBlur}
          @keydown=${this.handleKeydown}
          @paste=${this.handlePaste}
        ></textarea>
        <button
          class="icon-button send"
          type="submit"
          aria-label=${msg('Send', {id: 'composer.send', desc: 'Send button label.'})}
          ?disabled=${!this.canSend}
        >
          ${sendIcon}
        </button>
        ${isNearLimit ? this.renderCounter() : ''}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-composer': LcComposer;
  }
}
