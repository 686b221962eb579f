import {LitElement, html, nothing} from 'lit';
import {property, query} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {RcConfig} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {IDLE_FORMS, type FormStates} from '../forms/form-status.js';
import {styles} from './finished.styles.js';

/**
 * What follows a chat: the server's closing words (`conversationFinishedMessage`, else "This
 * chat has ended", and `conversationFinishedText`), the transcript offer when the server has
 * transcripts on, the rating when its survey has items, and "Start a new chat".
 * @fires lc-start-chat - The visitor asks for a new chat. Detail: `{}`.
 * @csspart form - The transcript and rating forms.
 */
@localized()
export class LcFinished extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  @query('.headline') private headline!: HTMLElement | null;

  /** The server's config (`livechat/config`). */
  @property({attribute: false}) config: RcConfig | null = null;

  /** The visitor's email, to prefill the transcript request. */
  @property() email = '';

  /** Whether the server asked to offer the transcript even if `settings.transcript` is off. */
  @property({type: Boolean, attribute: 'transcript-offered'}) transcriptOffered = false;

  /** The transcript and rating submissions. */
  @property({attribute: false}) forms: FormStates = IDLE_FORMS;

  private handleStartChat(): void {
    emit(this, 'lc-start-chat', {});
  }

  /**
   * Focuses the closing words, at the top of the panel: screen readers read them first, and
   * the offers below stay in view (focusing "Start a new chat" would scroll past them).
   */
  override focus(options?: FocusOptions): void {
    this.headline?.focus(options);
  }

  override render() {
    const messages = this.config?.messages;
    const headline =
      messages?.conversationFinishedMessage ||
      msg('This chat has ended', {id: 'window.ended', desc: 'Shown once the chat is over.'});
    const text = messages?.conversationFinishedText;
    const hasTranscript = this.config?.settings?.transcript === true || this.transcriptOffered;
    const items = this.config?.survey?.items;
    const hasSurvey = Array.isArray(items) && items.length > 0;
    return html`
      <div class="summary">
        <p class="headline" tabindex="-1" dir="auto">${headline}</p>
        ${text ? html`<p dir="auto">${text}</p>` : nothing}
      </div>
      ${
        hasTranscript
          ? html`<lc-transcript-form
              exportparts="form"
              .email=${this.email}
              .message=${messages?.transcriptMessage ?? ''}
              .submission=${this.forms.transcript}
            ></lc-transcript-form>`
          : nothing
      }
      ${
        hasSurvey
          ? html`<lc-rating-form
              exportparts="form"
              .survey=${this.config!.survey}
              .submission=${this.forms.rating}
            ></lc-rating-form>`
          : nothing
      }
      <div class="actions">
        <button class="button button-primary new-chat" type="button" @click=${this.handleStartChat}>
          ${msg('Start a new chat', {
            id: 'window.new-chat',
            desc: 'Button shown after a chat ended; starts another one.',
          })}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-finished': LcFinished;
  }
}
