import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {formErrorText} from './form-errors.js';
import type {FormErrorCode} from './form-status.js';

/** One choice of a select field. */
export interface FieldOption {
  value: string;
  label: string;
}

/** What `renderField()` draws: a labelled control with its error text tied to it. */
export interface FieldView {
  /** Unique inside the form's shadow root; also the `name`. */
  id: string;
  label: string;
  value: string;
  kind?: 'input' | 'select' | 'textarea';
  type?: 'text' | 'email';
  autocomplete?: string;
  required?: boolean;
  error?: FormErrorCode;
  /** For selects; a required select gets an empty first choice `placeholder`. */
  options?: readonly FieldOption[];
  placeholder?: string;
  onInput: (id: string, value: string) => void;
}

function handleInput(view: FieldView) {
  return (event: Event) => {
    view.onInput(view.id, (event.target as HTMLInputElement).value);
  };
}

function renderControl(view: FieldView, describedBy: string | undefined): TemplateResult {
  const {id, value, required, error} = view;
  const invalid = error ? 'true' : 'false';
  if (view.kind === 'select') {
    return html`<select
      id=${id}
      name=${id}
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby=${ifDefined(describedBy)}
      @change=${handleInput(view)}
    >
      <option value="" ?selected=${value === ''}>${view.placeholder ?? ''}</option>
      ${(view.options ?? []).map(
        (option) =>
          html`<option value=${option.value} ?selected=${option.value === value}>
            ${option.label}
          </option>`,
      )}
    </select>`;
  }
  // Once filled, dir="auto": text in the other direction than the page's (English in an
  // Arabic window) keeps its own order, its end punctuation where it belongs. Empty, the
  // caret follows the page (an empty "auto" box would be left to right).
  const dir = ifDefined(value ? 'auto' : undefined);
  if (view.kind === 'textarea') {
    return html`<textarea
      id=${id}
      name=${id}
      dir=${dir}
      rows="4"
      .value=${live(value)}
      ?required=${required}
      aria-invalid=${invalid}
      aria-describedby=${ifDefined(describedBy)}
      @input=${handleInput(view)}
    ></textarea>`;
  }
  return html`<input
    id=${id}
    name=${id}
    dir=${dir}
    type=${view.type ?? 'text'}
    autocomplete=${ifDefined(view.autocomplete)}
    .value=${live(value)}
    ?required=${required}
    aria-invalid=${invalid}
    aria-describedby=${ifDefined(describedBy)}
    @input=${handleInput(view)}
  />`;
}

/**
 * A form field: label, control and (when invalid) an error text that the control names with
 * `aria-describedby`. The required mark sits outside the label so it is not part of the name.
 */
export function renderField(view: FieldView): TemplateResult {
  const errorId = `${view.id}-error`;
  return html`<div class="field">
    <div class="label-row">
      <label for=${view.id}>${view.label}</label>
      ${view.required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing}
    </div>
    ${renderControl(view, view.error ? errorId : undefined)}
    ${view.error ? html`<p id=${errorId} class="error">${formErrorText(view.error)}</p>` : nothing}
  </div>`;
}
