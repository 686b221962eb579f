import {LitElement, html, nothing} from 'lit';
import type {PropertyValues, TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {msg} from '@lit/localize';
import {isEmail, type RcDepartment} from '../../core/index.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {controlStyles} from '../../styles/controls.styles.js';
import {forcedColorsStyles} from '../../styles/forced-colors.styles.js';
import {formErrorText} from './form-errors.js';
import {FormStatus, IDLE_FORM, type FormErrorCode, type FormState} from './form-status.js';
import {styles} from './form.styles.js';
import {renderField} from './render-field.js';

/** How a form is laid out around its fields (`LcFormBase.renderForm`). */
export interface FormFrame {
  /** The server's text above the fields. */
  intro?: string;
  /** The submit button's look: the main action, or one beside another (the transcript's). */
  kind?: 'primary' | 'secondary';
  /** The id of the form's own title, when it has one. */
  labelledBy?: string;
}

/**
 * What every form of the widget shares: field values and their prefills, client-side
 * validation on submit, the server's answer (`submission`) shown next to its field or as an
 * alert, focus moved to the first invalid field, the form around the fields, the thank-you,
 * and the fields several forms have. Subclasses describe their fields and fire their intent.
 */
export abstract class LcFormBase extends LitElement {
  static override styles = [sharedStyles, controlStyles, forcedColorsStyles, styles];

  @state() protected values: Record<string, string> = {};
  @state() protected errors: Record<string, FormErrorCode> = {};

  /** The departments the form offers (empty: no department field). */
  protected departments: RcDepartment[] = [];

  /** Where the last submission stands; set by `<live-chat>`. */
  @property({attribute: false}) submission: FormState = IDLE_FORM;

  // The server's error stays until the visitor edits the field it names, or submits again.
  private hiddenServerError: FormState | null = null;

  protected get isSending(): boolean {
    return this.submission.status === FormStatus.SENDING;
  }

  /** Checks every field; returns an error code per invalid field id. */
  protected abstract validate(): Record<string, FormErrorCode>;

  /** Fires the form's intent with the (valid) values. */
  protected abstract submitValid(): void;

  override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('submission') as FormState | undefined;
    if (!previous || previous === this.submission) return;
    if (this.submission.error?.field) void this.focusFirstInvalid();
    // The thank-you replaces the form and its focused button: keep focus in the widget.
    if (this.submission.status === FormStatus.SENT) {
      this.renderRoot.querySelector<HTMLElement>('.done')?.focus();
    }
  }

  /** The visitor's answer in field `id`, without the spaces around it. */
  protected value(id: string): string {
    return (this.values[id] ?? '').trim();
  }

  /** Fills in each non-empty default the visitor has not typed (or cleared) yet. */
  protected prefill(defaults: Record<string, string>): void {
    const missing = Object.entries(defaults).filter(([id, v]) => v && !(id in this.values));
    if (missing.length > 0) this.values = {...Object.fromEntries(missing), ...this.values};
  }

  /**
   * `required` for each of `ids` left empty (`false` stands for a field the form does not ask),
   * and, when `email` is asked, for a missing or malformed email.
   */
  protected checkRequired(ids: (string | false)[], email: boolean): Record<string, FormErrorCode> {
    const errors: Record<string, FormErrorCode> = {};
    for (const id of ids) if (id && !this.value(id)) errors[id] = 'required';
    if (email && !this.value('email')) errors.email = 'required';
    else if (email && !isEmail(this.value('email'))) errors.email = 'email';
    return errors;
  }

  /** What the server calls the field shown as `id` (a custom field's `_id`); `id` by default. */
  protected serverName(id: string): string {
    return id;
  }

  /** The error to show for `id`: the client's own check first, then the server's. */
  protected errorFor(id: string): FormErrorCode | undefined {
    const server = this.submission.error;
    const isShown =
      server?.field === this.serverName(id) && this.hiddenServerError !== this.submission;
    return this.errors[id] ?? (isShown ? server!.code : undefined);
  }

  protected readonly handleFieldInput = (id: string, value: string): void => {
    this.values = {...this.values, [id]: value};
    if (this.errors[id]) {
      const {[id]: _cleared, ...rest} = this.errors;
      this.errors = rest;
    }
    if (this.submission.error?.field === this.serverName(id)) {
      this.hiddenServerError = this.submission;
    }
  };

  protected async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.isSending) return;
    this.errors = this.validate();
    this.hiddenServerError = null;
    if (Object.keys(this.errors).length > 0) {
      await this.focusFirstInvalid();
      return;
    }
    this.submitValid();
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A radio group is not focusable itself; its first radio is.
    const isGroup = invalid?.getAttribute('role') === 'radiogroup';
    const target = isGroup ? invalid!.querySelector('input') : invalid;
    target?.focus();
  }

  /** Focuses the first field (or the thank-you once sent). */
  override focus(options?: FocusOptions): void {
    const selector = 'input, select, textarea, .done';
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus(options);
  }

  /** The visitor's name: required. */
  protected renderNameField(): TemplateResult {
    return renderField({
      id: 'name',
      label: msg('Name', {id: 'form.name', desc: 'Label of the visitor name field.'}),
      value: this.values.name ?? '',
      autocomplete: 'name',
      required: true,
      error: this.errorFor('name'),
      onInput: this.handleFieldInput,
    });
  }

  /** The visitor's email: required, checked on submit. */
  protected renderEmailField(): TemplateResult {
    return renderField({
      id: 'email',
      label: msg('Email', {id: 'form.email', desc: 'Label of the visitor email field.'}),
      value: this.values.email ?? '',
      type: 'email',
      autocomplete: 'email',
      required: true,
      error: this.errorFor('email'),
      onInput: this.handleFieldInput,
    });
  }

  /** The department choice, when the form offers departments; `placeholder` is its empty choice. */
  protected renderDepartmentField(
    placeholder: string,
    required?: boolean,
  ): TemplateResult | typeof nothing {
    if (this.departments.length === 0) return nothing;
    return renderField({
      id: 'department',
      label: msg('Department', {id: 'form.department', desc: 'Label of the department choice.'}),
      value: this.values.department ?? '',
      kind: 'select',
      options: this.departments.map((d) => ({value: d._id, label: d.name})),
      placeholder,
      required,
      error: this.errorFor('department'),
      onInput: this.handleFieldInput,
    });
  }

  /**
   * The form: the intro, the fields, the form-wide error (a server error that names no field)
   * as an alert, and the submit button, marked busy (not disabled, so it keeps focus) while
   * sending.
   */
  protected renderForm(fields: unknown[], submit: string, frame: FormFrame = {}): TemplateResult {
    const error = this.submission.error;
    const isFailed = this.submission.status === FormStatus.FAILED && error && !error.field;
    return html`<form
      part="form"
      novalidate
      aria-labelledby=${ifDefined(frame.labelledBy)}
      @submit=${this.handleSubmit}
    >
      ${frame.intro ? html`<p class="intro" dir="auto">${frame.intro}</p>` : nothing} ${fields}
      ${isFailed ? html`<p class="alert" role="alert">${formErrorText(error.code)}</p>` : nothing}
      <div class="actions">
        <button
          class="button button-${frame.kind ?? 'primary'}"
          type="submit"
          aria-disabled=${this.isSending ? 'true' : 'false'}
        >
          ${submit}
        </button>
      </div>
    </form>`;
  }

  /**
   * The thank-you that replaces the form once sent. `dir="auto"` for a server's text, which
   * may be in another direction than the page. Next to the tags: the line keeps its white
   * space (form.styles.ts), so a break would show.
   */
  protected renderDone(text: unknown, dir?: 'auto'): TemplateResult {
    const dirAttr = ifDefined(dir);
    return html`<p class="done" part="form" role="status" tabindex="-1" dir=${dirAttr}>${text}</p>`;
  }
}
