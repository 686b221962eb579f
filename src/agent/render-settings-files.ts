import {html} from 'lit';
import type {AdminSettings} from './admin-api.js';
import type {FormState} from './console-admin.js';
import type {FieldErrors} from './render-settings.js';
import {field, formFooter} from './render-settings.js';

/** The longest retention the server takes (100 years), as `MAX_RETENTION_DAYS` on the server. */
const MAX_RETENTION_DAYS = 36_500;

/** The two retention forms: the setting each saves and what 0 keeps. */
const RETENTION = {
  files: {key: 'fileUploadRetentionDays', kept: 'files'},
  chats: {key: 'chatRetentionDays', kept: 'chats'},
} as const;

/**
 * Which retention form this is (`files` or `chats`, its `data-form`), what it saves, or the
 * errors that keep it from being sent.
 */
export function readFilesForm(form: HTMLFormElement): {
  name: keyof typeof RETENTION;
  values: Partial<AdminSettings>;
  errors: Record<string, string>;
} {
  const name = form.dataset.form === 'chats' ? 'chats' : 'files';
  const {key, kept} = RETENTION[name];
  const text = String(new FormData(form).get(key) ?? '').trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days > MAX_RETENTION_DAYS) {
    const message = `Enter a whole number of days from 0 to ${MAX_RETENTION_DAYS} (0: keep ${kept}).`;
    return {name, values: {}, errors: {[key]: message}};
  }
  return {name, values: {[key]: days}, errors: {}};
}

/** How long the files sent in chats are kept. */
export function renderFilesForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  return html`<form novalidate aria-labelledby="files-title" data-form="files" @submit=${onSubmit}>
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

/** How long closed chats are kept. */
export function renderChatsForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  return html`<form novalidate aria-labelledby="chats-title" data-form="chats" @submit=${onSubmit}>
    <h3 id="chats-title">Closed chats</h3>
    ${field({
      id: 'chatRetentionDays',
      label: 'Delete chats closed more than N days ago (0: keep)',
      value: String(s.chatRetentionDays),
      errors,
      type: 'number',
      hint:
        'Checked hourly. A deleted chat leaves History with its messages and files; the ' +
        'visitor goes with their last chat.',
    })}
    ${formFooter('chats', 'Save chat settings', state)}
  </form>`;
}
