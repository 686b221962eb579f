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

/** The longest automatic close the server takes (a year), as `MAX_INACTIVITY_CLOSE_MINUTES`. */
const MAX_INACTIVITY_MINUTES = 525_600;
/** The longest closing comment the server takes, as its `CLOSE_LIMITS.comment`. */
const MAX_CLOSING_MESSAGE = 1024;

/** The Closed chats form's two more fields: the automatic close and its message. */
function readInactivity(
  data: FormData,
  values: Record<string, unknown>,
  errors: Record<string, string>,
) {
  const text = String(data.get('visitorInactivityCloseMinutes') ?? '').trim();
  const minutes = Number(text);
  if (!/^\d+$/.test(text) || minutes > MAX_INACTIVITY_MINUTES) {
    errors.visitorInactivityCloseMinutes = `Enter a whole number of minutes from 0 to ${MAX_INACTIVITY_MINUTES} (0: never).`;
  } else {
    values.visitorInactivityCloseMinutes = minutes;
  }
  const message = String(data.get('visitorInactivityCloseMessage') ?? '').trim();
  if (!message || message.length > MAX_CLOSING_MESSAGE) {
    errors.visitorInactivityCloseMessage = `Enter a closing message of 1 to ${MAX_CLOSING_MESSAGE} characters.`;
  } else {
    values.visitorInactivityCloseMessage = message;
  }
}

/**
 * Which retention form this is (`files` or `chats`, its `data-form`), what it saves, or the
 * errors that keep it from being sent. The chats form also sets the automatic close.
 */
export function readFilesForm(form: HTMLFormElement): {
  name: keyof typeof RETENTION;
  values: Partial<AdminSettings>;
  errors: Record<string, string>;
} {
  const name = form.dataset.form === 'chats' ? 'chats' : 'files';
  const {key, kept} = RETENTION[name];
  const data = new FormData(form);
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const text = String(data.get(key) ?? '').trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days > MAX_RETENTION_DAYS) {
    errors[key] = `Enter a whole number of days from 0 to ${MAX_RETENTION_DAYS} (0: keep ${kept}).`;
  } else {
    values[key] = days;
  }
  if (name === 'chats') readInactivity(data, values, errors);
  return Object.keys(errors).length > 0 ? {name, values: {}, errors} : {name, values, errors};
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

/** When open chats the visitor left unanswered are closed, and how long closed chats are kept. */
export function renderChatsForm(
  s: AdminSettings,
  errors: FieldErrors,
  state: FormState | undefined,
  onSubmit: (e: Event) => void,
) {
  return html`<form novalidate aria-labelledby="chats-title" data-form="chats" @submit=${onSubmit}>
    <h3 id="chats-title">Closed chats</h3>
    ${field({
      id: 'visitorInactivityCloseMinutes',
      label: 'Close chats the visitor left unanswered after N minutes (0: never)',
      value: String(s.visitorInactivityCloseMinutes),
      errors,
      type: 'number',
      hint:
        "Checked every minute. Only chats whose last message is an agent's: one where the " +
        'visitor wrote last waits for an answer and stays open.',
    })}
    ${field({
      id: 'visitorInactivityCloseMessage',
      label: 'Closing message',
      value: s.visitorInactivityCloseMessage,
      errors,
      multiline: true,
      hint: 'The visitor sees it as the chat ends; {minutes} stands for the number of minutes.',
    })}
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
