import {LitElement, css, html} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {MESSAGE_MAX_CODE_POINTS, codePointLength} from '../core/protocol/index.js';
import {emit} from './emit.js';
import {shared} from './shared.styles.js';

/**
 * The agent's reply box: Enter sends, Shift+Enter starts a new line.
 * @fires lc-agent-send - The agent sends a non-empty reply. Detail: { rid, text }.
 * @fires lc-agent-typing - The agent starts or stops typing. Detail: { rid, isTyping }.
 */
export class LcAgentComposer extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        border-block-start: 1px solid var(--_ag-border);
        background: var(--_ag-surface);
        padding: 0.75rem 1rem;
      }
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.5rem;
        align-items: end;
      }
      textarea {
        resize: vertical;
        min-height: 2.6rem;
        max-height: 12rem;
      }
      .error {
        grid-column: 1 / -1;
        margin: 0;
      }
    `,
  ];

  @query('textarea') private input!: HTMLTextAreaElement;
  @state() private draft = '';
  @state() private isTooLong = false;

  /** The room replies go to. */
  @property() rid = '';
  /** Disables the box, e.g. once the chat is closed. */
  @property({type: Boolean, reflect: true}) disabled = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('rid') && changed.get('rid') !== undefined) {
      this.draft = '';
      this.isTooLong = false;
    }
  }

  private handleInput(): void {
    const wasEmpty = this.draft.trim() === '';
    this.draft = this.input.value;
    this.isTooLong = codePointLength(this.draft) > MESSAGE_MAX_CODE_POINTS;
    const isEmpty = this.draft.trim() === '';
    if (!isEmpty || !wasEmpty) emit(this, 'lc-agent-typing', {rid: this.rid, isTyping: !isEmpty});
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  private submit(): void {
    const text = this.draft.trim();
    if (!text || this.isTooLong || this.disabled) return;
    emit(this, 'lc-agent-send', {rid: this.rid, text});
    this.draft = '';
    this.input.value = '';
    this.input.focus();
  }

  /** Moves the keyboard focus into the reply box. */
  override focus(): void {
    this.input?.focus();
  }

  override render() {
    return html`
      <form @submit=${this.handleSubmit}>
        <label class="visually-hidden" for="reply">Message</label>
        <textarea
          id="reply"
          rows="2"
          placeholder=${this.disabled ? 'This chat is closed' : 'Write a reply…'}
          .value=${this.draft}
          ?disabled=${this.disabled}
          aria-invalid=${this.isTooLong ? 'true' : 'false'}
          aria-describedby="limit"
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
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
