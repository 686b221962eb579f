import type {PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import {
  type RcConfig,
  type RcCustomField as CustomField,
  type RcDepartment as Department,
} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {LcFormBase} from './form-base.js';
import {matchesPattern, type FormErrorCode} from './form-status.js';
import {renderField, type FieldOption} from './render-field.js';

/** The departments a visitor may pick when registering. */
export function registrationDepartments(config: RcConfig | null): Department[] {
  return (config?.departments ?? []).filter((d) => d.showOnRegistration);
}

/** The custom fields the pre-chat form shows (all but hidden ones), in the config's order. */
export function registrationCustomFields(config: RcConfig | null): CustomField[] {
  const fields = Array.isArray(config?.customFields) ? config.customFields : [];
  return fields.filter((f) => f && typeof f.label === 'string' && f.visibility !== 'hidden');
}

function selectOptions(field: CustomField): FieldOption[] {
  return (field.options ?? '')
    .split(',')
    .map((option) => option.trim())
    .filter(Boolean)
    .map((option) => ({value: option, label: option}));
}

/**
 * The pre-chat form, built from the server's config: name, email, department and custom
 * fields (required, pattern, select options), each checked before it is sent.
 * @fires lc-register - The visitor submits valid answers.
 *   Detail: `{name?, email?, department?, customFields?}`.
 * @csspart form - The form.
 */
@localized()
export class LcRegistrationForm extends LcFormBase {
  /** The server's config (`livechat/config`). */
  @property({attribute: false}) config: RcConfig | null = null;

  /** Name to prefill (`guest-name`). */
  @property({attribute: 'guest-name'}) guestName = '';

  /** Email to prefill (`guest-email`). */
  @property({attribute: 'guest-email'}) guestEmail = '';

  /** Department to preselect (the element's `department`), if the visitor may pick it. */
  @property() department = '';

  private customFields: CustomField[] = [];

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config')) {
      this.departments = registrationDepartments(this.config);
      this.customFields = registrationCustomFields(this.config);
    }
    // Prefills fill only what the visitor has not typed yet.
    const defaults: Record<string, string> = {
      name: this.guestName,
      email: this.guestEmail,
      department: this.departments.some((d) => d._id === this.department) ? this.department : '',
    };
    this.customFields.forEach((field, i) => (defaults[`cf-${i}`] = field.defaultValue ?? ''));
    this.prefill(defaults);
  }

  private get askName(): boolean {
    return this.config?.settings?.nameFieldRegistrationForm === true;
  }

  private get askEmail(): boolean {
    return this.config?.settings?.emailFieldRegistrationForm === true;
  }

  protected override serverName(id: string): string {
    const custom = /^cf-(\d+)$/.exec(id);
    return custom ? (this.customFields[Number(custom[1])]?._id ?? id) : id;
  }

  protected validate(): Record<string, FormErrorCode> {
    const required = [this.askName && 'name', this.departments.length > 0 && 'department'];
    const errors = this.checkRequired(required, this.askEmail);
    this.customFields.forEach((field, i) => {
      const value = this.value(`cf-${i}`);
      if (field.required && !value) errors[`cf-${i}`] = 'required';
      else if (value && field.type !== 'select' && !matchesPattern(value, field.regexp)) {
        errors[`cf-${i}`] = 'pattern';
      }
    });
    return errors;
  }

  protected submitValid(): void {
    const customFields: Record<string, string> = {};
    this.customFields.forEach((field, i) => {
      const value = this.value(`cf-${i}`);
      if (value) customFields[field._id] = value;
    });
    emit(this, 'lc-register', {
      ...(this.askName ? {name: this.value('name')} : {}),
      ...(this.askEmail ? {email: this.value('email')} : {}),
      ...(this.departments.length > 0 ? {department: this.value('department')} : {}),
      ...(Object.keys(customFields).length > 0 ? {customFields} : {}),
    });
  }

  private renderCustomField(field: CustomField, i: number) {
    const isSelect = field.type === 'select';
    return renderField({
      id: `cf-${i}`,
      label: field.label,
      value: this.values[`cf-${i}`] ?? '',
      kind: isSelect ? 'select' : 'input',
      options: isSelect ? selectOptions(field) : undefined,
      required: field.required === true,
      error: this.errorFor(`cf-${i}`),
      onInput: this.handleFieldInput,
    });
  }

  override render() {
    return this.renderForm(
      [
        this.askName ? this.renderNameField() : '',
        this.askEmail ? this.renderEmailField() : '',
        this.renderDepartmentField(
          msg('Choose a department', {
            id: 'form.department-placeholder',
            desc: 'Empty first choice of the department list.',
          }),
          true,
        ),
        this.customFields.map((field, i) => this.renderCustomField(field, i)),
      ],
      msg('Start chat', {id: 'registration.submit', desc: 'Submit button of the pre-chat form.'}),
      {intro: this.config?.messages?.registrationFormMessage},
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-registration-form': LcRegistrationForm;
  }
}
