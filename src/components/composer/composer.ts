import {LitElement, html} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {localized, msg, str} from '@lit/localize';
import {ViewLink} from '../../controllers/view-link.js';
import {MESSAGE_MAX_CODE_POINTS, codePointLength} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {getLocale} from '../../i18n/localization.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {sendIcon} from '../icons.js';
import {styles} from './composer.styles.js';

// The counter appears once a message gets this close to the limit, so it never distracts
// from ordinary messages.
const COUNTER_THRESHOLD_CODE_POINTS = MESSAGE_MAX_CODE_POINTS - 500;

/**
 * Text box and send button at the bottom of the chat window. Enter sends, Shift+Enter
 * starts a new line; a counter shows near the 5,000 code-point limit.
 * @fires lc-send - The visitor submits a non-empty message within the limit. Detail: `{text}`.
 * @fires lc-set-typing - The visitor typed (`isTyping: true`, with the draft) or left the text
 *   box (`isTyping: false`). Detail: `{draft, isTyping}`.
 * @fires lc-save-view - The draft changed (kept across pages). Detail: `{draft}`.
 * @fires lc-request-view - Asks for the draft of a restored session. Detail: `{receive}`.
 * @csspart composer - The form holding the text box and the send button.
 */
@localized()
export class LcComposer extends LitElement {
  static override styles = [sharedStyles, styles];

  // The draft survives a reload or a navigation, with the rest of the session.
  private readonly draftLink = new ViewLink(this, 'draft', (draft) => {
    this.draft = draft;
  });

  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  @state() private draft = '';

  /** Disables input, e.g. while the chat cannot take messages. */
  @property({type: Boolean, reflect: true}) disabled = false;

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

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
    this.textarea?.focus();
  }

  private renderCounter() {
    const left = MESSAGE_MAX_CODE_POINTS - this.length;
    const number = new Intl.NumberFormat(getLocale()).format(Math.abs(left));
    const text =
      left >= 0
        ? msg(str`Characters left: ${number}`, {
            id: 'composer.counter-left',
            desc: 'Shown near the length limit; the number of characters still allowed.',
          })
        : msg(str`Characters over the limit: ${number}`, {
            id: 'composer.counter-over',
            desc: 'Shown past the length limit; the number of characters to remove.',
          });
    return html`<p id="counter" class="counter ${left < 0 ? 'over' : ''}">${text}</p>`;
  }

  /** Moves focus to the text box. */
  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  override render() {
    const isNearLimit = this.length >= COUNTER_THRESHOLD_CODE_POINTS;
    const isTooLong = this.length > MESSAGE_MAX_CODE_POINTS;
    return html`
      <form part="composer" @submit=${this.handleSubmit}>
        <label class="visually-hidden" for="input">
          ${msg('Message', {id: 'composer.label', desc: 'Label of the message text box.'})}
        </label>
        <textarea
          id="input"
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
