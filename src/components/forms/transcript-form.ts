import {html} from 'lit';
import type {PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
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
    if (changed.has('email')) this.prefill({email: this.email});
  }

  protected validate(): Record<string, FormErrorCode> {
    return this.checkRequired([], true);
  }

  protected submitValid(): void {
    emit(this, 'lc-request-transcript', {email: this.value('email')});
  }

  override render() {
    if (this.submission.status === FormStatus.SENT) {
      const email = this.value('email');
      const text = msg(html`The transcript is on its way to <bdi>${email}</bdi>.`, {
        id: 'transcript.sent',
        desc: 'Shown once the transcript was requested; the value is the email address.',
      });
      return this.renderDone(text);
    }
    return this.renderForm(
      [this.renderEmailField()],
      msg('Email me the transcript', {
        id: 'transcript.submit',
        desc: 'Button that asks for the conversation to be emailed.',
      }),
      {intro: this.message, kind: 'secondary'},
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-transcript-form': LcTranscriptForm;
  }
}
