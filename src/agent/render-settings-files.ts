import {html} from 'lit';
import type {AdminSettings} from './admin-api.js';
import type {FormState} from './console-admin.js';
import type {FieldErrors} from './render-settings.js';
import {field, formFooter} from './render-settings.js';

/** The longest retention the server takes (100 years), as `MAX_RETENTION_DAYS` on the server. */
const MAX_RETENTION_DAYS = 36_500;

/** What the Files form saves, or the errors that keep it from being sent. */
export function readFilesForm(form: HTMLFormElement): {
  values: Partial<AdminSettings>;
  errors: Record<string, string>;
} {
  const text = String(new FormData(form).get('fileUploadRetentionDays') ?? '').trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days > MAX_RETENTION_DAYS) {
    const message = `Enter a whole number of days from 0 to ${MAX_RETENTION_DAYS} (0: keep files).`;
    return {values: {}, errors: {fileUploadRetentionDays: message}};
  }
  return {values: {fileUploadRetentionDays: days}, errors: {}};
}

/** How long the files sent in chats are kept. */
export function renderFilesForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  return html`<form novalidate aria-labelledby="files-title" @submit=${onSubmit}>
    <h3 id="files-title">Files</h3>
    ${field({
      id: 'fileUploadRetentionDays',
      label: 'Delete files of chats closed more than N days ago (0: keep)',
      value: String(s.fileUploadRetentionDays),
      errors,
      type: 'number',
      hint:
        'Checked hourly. A deleted file shows as "No longer available" to the visitor and ' +
        'frees its space in the quotas.',
    })}
    ${formFooter('files', 'Save file settings', state)}
  </form>`;
}
