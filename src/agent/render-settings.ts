import {html, nothing} from 'lit';
import type {AdminSettings} from './admin-api.js';
import {WEEKDAYS} from './admin-api.js';
import type {FormState} from './console-admin.js';

/** Field errors of the Settings screen, by input id. */
export type FieldErrors = Readonly<Record<string, string>>;

const DAY_LABELS: Record<string, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

// `Intl.supportedValuesOf` is newer than the ES2022 library typings.
const TIME_ZONES: readonly string[] =
  (Intl as unknown as {supportedValuesOf?: (key: string) => string[]}).supportedValuesOf?.(
    'timeZone',
  ) ?? [];

/** An input with its label and, when refused, its error tied with `aria-describedby`. */
export function field(p: {
  id: string;
  label: string;
  value: string;
  errors: FieldErrors;
  type?: string;
  multiline?: boolean;
  hint?: string;
  autocomplete?: string;
  list?: string;
}) {
  const error = p.errors[p.id];
  const describedBy =
    [error ? `${p.id}-error` : '', p.hint ? `${p.id}-hint` : ''].filter(Boolean).join(' ') ||
    nothing;
  const control = p.multiline
    ? html`<textarea
        id=${p.id}
        name=${p.id}
        rows="2"
        .value=${p.value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy}
      ></textarea>`
    : html`<input
        id=${p.id}
        name=${p.id}
        type=${p.type ?? 'text'}
        .value=${p.value}
        autocomplete=${p.autocomplete ?? 'off'}
        list=${p.list ?? nothing}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy}
      />`;
  return html`<div class="field">
    <label for=${p.id}>${p.label}</label>
    ${control} ${p.hint ? html`<p class="hint" id="${p.id}-hint">${p.hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${p.id}-error">${error}</p>` : nothing}
  </div>`;
}

/** A checkbox with its label after it. */
export function checkbox(id: string, label: string, checked: boolean) {
  return html`<div class="check">
    <input type="checkbox" id=${id} name=${id} .checked=${checked} />
    <label for=${id}>${label}</label>
  </div>`;
}

/** A form's save button and its status line ("Saved.", or why not). */
export function formFooter(id: string, label: string, state: FormState | undefined) {
  return html`<div class="footer">
    <button class="primary" type="submit" aria-disabled=${state?.busy ? 'true' : 'false'}>
      ${label}
    </button>
    <p id="${id}-status" class=${state?.isError ? 'status error' : 'status'} role="status">
      ${state?.message ?? ''}
    </p>
  </div>`;
}

/** The widget's texts and colours. */
export function renderWidgetForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  const f = (
    id: keyof AdminSettings,
    label: string,
    extra: {type?: string; multiline?: boolean} = {},
  ) => field({id, label, value: String(s[id]), errors, ...extra});
  return html`<form novalidate aria-labelledby="widget-title" @submit=${onSubmit}>
    <h3 id="widget-title">Widget</h3>
    <div class="grid">
      ${f('title', 'Title')} ${f('color', 'Title bar colour', {type: 'color'})}
      ${f('offlineTitle', 'Title while offline')}
      ${f('offlineColor', 'Title bar colour while offline', {type: 'color'})}
    </div>
    ${f('offlineMessage', 'Offline form text', {multiline: true})}
    ${f('offlineSuccessMessage', 'Answer after an offline message', {multiline: true})}
    ${f('registrationFormMessage', 'Text above the registration form', {multiline: true})}
    ${f('conversationFinishedMessage', 'Message when a chat ends', {multiline: true})}
    ${f('transcriptMessage', 'Transcript offer', {multiline: true})}
    ${formFooter('widget', 'Save widget settings', state)}
  </form>`;
}

/** Sender, SMTP server and the offline messages' address. */
export function renderMailForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  return html`<form novalidate aria-labelledby="mail-title" @submit=${onSubmit}>
    <h3 id="mail-title">Email</h3>
    ${field({
      id: 'offlineEmail',
      label: 'Send offline messages to',
      value: s.offlineEmail,
      errors,
      type: 'email',
      hint: 'Empty: offline messages are only listed here.',
    })}
    ${field({id: 'mailFrom', label: 'Sender', value: s.mailFrom, errors})}
    ${field({
      id: 'smtpUrl',
      label: 'SMTP server',
      value: s.smtpUrl,
      errors,
      hint:
        'Like smtp://user:password@mail.example.com:587. Empty: mail is written to the ' +
        "server's data folder.",
    })}
    ${formFooter('mail', 'Save email settings', state)}
  </form>`;
}

/** Opening hours per weekday in a time zone. */
export function renderHoursForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  const hours = s.businessHours;
  return html`<form novalidate aria-labelledby="hours-title" @submit=${onSubmit}>
    <h3 id="hours-title">Business hours</h3>
    ${checkbox(
      'hours-enabled',
      'Only take chats during business hours (outside them the ' + 'widget shows the offline form)',
      hours.enabled,
    )}
    ${field({
      id: 'timeZone',
      label: 'Time zone',
      value: hours.timeZone,
      errors,
      list: 'time-zones',
      hint: 'An IANA zone such as Europe/Berlin.',
    })}
    <datalist id="time-zones">
      ${TIME_ZONES.map((z) => html`<option value=${z}></option>`)}
    </datalist>
    <div class="days">
      ${WEEKDAYS.map((day) => {
        const today = hours.days[day];
        return html`<fieldset>
          <legend>${DAY_LABELS[day]}</legend>
          ${checkbox(`${day}-open`, 'Open', !!today)}
          ${field({
            id: `${day}-from`,
            label: 'Opens',
            type: 'time',
            value: today?.open ?? '09:00',
            errors,
          })}
          ${field({
            id: `${day}-to`,
            label: 'Closes',
            type: 'time',
            value: today?.close ?? '17:00',
            errors,
          })}
        </fieldset>`;
      })}
    </div>
    ${formFooter('hours', 'Save business hours', state)}
  </form>`;
}
