import type {PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {RcConfig} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {LcFormBase} from './form-base.js';
import {FormStatus, type FormErrorCode} from './form-status.js';
import {renderField} from './render-field.js';

/**
 * The "leave a message" form shown while no agent is online: name, email, department (those
 * with `showOnOfflineForm`) and the message, under the server's `offlineMessage`; once sent,
 * the server's `offlineSuccessMessage` (or a default thank-you).
 * @fires lc-leave-message - The visitor submits valid answers.
 *   Detail: `{name, email, message, department?}`.
 * @csspart form - The form.
 */
@localized()
export class LcOfflineForm extends LcFormBase {
  /** The server's config (`livechat/config`). */
  @property({attribute: false}) config: RcConfig | null = null;

  /** Name to prefill. */
  @property({attribute: 'guest-name'}) guestName = '';

  /** Email to prefill. */
  @property({attribute: 'guest-email'}) guestEmail = '';

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config')) {
      this.departments = (this.config?.departments ?? []).filter((d) => d.showOnOfflineForm);
    }
    this.prefill({name: this.guestName, email: this.guestEmail});
  }

  protected validate(): Record<string, FormErrorCode> {
    return this.checkRequired(['name', 'message'], true);
  }

  protected submitValid(): void {
    const department = this.value('department');
    emit(this, 'lc-leave-message', {
      name: this.value('name'),
      email: this.value('email'),
      message: this.value('message'),
      ...(department ? {department} : {}),
    });
  }

  override render() {
    if (this.submission.status === FormStatus.SENT) {
      const text =
        this.config?.messages?.offlineSuccessMessage ||
        msg('Thank you for your message. We will get back to you soon.', {
          id: 'offline.success',
          desc: 'Shown after the offline form was sent, unless the server has its own text.',
        });
      return this.renderDone(text, 'auto');
    }
    return this.renderForm(
      [
        this.renderNameField(),
        this.renderEmailField(),
        this.renderDepartmentField(
          msg('Any department', {
            id: 'offline.any-department',
            desc: 'Empty first choice of the department list of the offline form.',
          }),
        ),
        renderField({
          id: 'message',
          label: msg('Your message', {
            id: 'offline.message',
            desc: 'Label of the offline message.',
          }),
          value: this.values.message ?? '',
          kind: 'textarea',
          required: true,
          error: this.errorFor('message'),
          onInput: this.handleFieldInput,
        }),
      ],
      msg('Send message', {id: 'offline.submit', desc: 'Submit button of the offline form.'}),
      {intro: this.config?.messages?.offlineMessage},
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-offline-form': LcOfflineForm;
  }
}
