import {html} from 'lit';
import type {PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import {isEmail} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {LcFormBase} from './form-base.js';
import {FormStatus, type FormErrorCode} from './form-status.js';

/**
 * The transcript offer after a chat: the server's `transcriptMessage`, an email field
 * prefilled from the visitor, and "Email me the transcript".
 * @fires lc-request-transcript - The visitor asks for the transcript. Detail: `{email}`.
 * @csspart form - The form.
 */
@localized()
export class LcTranscriptForm extends LcFormBase {
  /** Email to prefill (the visitor's, else `guest-email`). */
  @property() email = '';

  /** The server's question above the field (`transcriptMessage`). */
  @property() message = '';

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('email') && this.email && !('email' in this.values)) {
      this.values = {...this.values, email: this.email};
    }
  }

  private get value(): string {
    return (this.values.email ?? '').trim();
  }

  protected validate(): Record<string, FormErrorCode> {
    if (!this.value) return {email: 'required'};
    return isEmail(this.value) ? {} : {email: 'email'};
  }

  protected submitValid(): void {
    emit(this, 'lc-request-transcript', {email: this.value});
  }

  override render() {
    if (this.submission.status === FormStatus.SENT) {
      const email = this.value;
      // Next to the tags: the line keeps its white space (form.styles.ts), so a break would show.
      const text = msg(html`The transcript is on its way to <bdi>${email}</bdi>.`, {
        id: 'transcript.sent',
        desc: 'Shown once the transcript was requested; the value is the email address.',
      });
      return html`<p class="done" part="form" role="status" tabindex="-1">${text}</p>`;
    }
    return html`<form part="form" novalidate @submit=${this.handleSubmit}>
      ${this.message ? html`<p class="intro" dir="auto">${this.message}</p>` : ''}
      ${this.renderEmailField()} ${this.renderAlert()}
      ${this.renderSubmit(
        msg('Email me the transcript', {
          id: 'transcript.submit',
          desc: 'Button that asks for the conversation to be emailed.',
        }),
        'secondary',
      )}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-transcript-form': LcTranscriptForm;
  }
}
