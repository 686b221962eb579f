import {isObject} from '../protocol/index.js';
import {LiveChatError, type LiveChatErrorCode} from '../types.js';

// Rocket.Chat error strings (after unwrapping '[x]') and the public code each becomes.
const SERVER_CODES: Record<string, LiveChatErrorCode> = {
  'invalid-token': 'invalid-token',
  'error-invalid-token': 'invalid-token',
  'invalid-room': 'invalid-room',
  'error-invalid-room': 'invalid-room',
  'cannot-access-room': 'invalid-room',
  'room-closed': 'room-closed',
  'no-agent-online': 'offline',
  'error-too-many-requests': 'rate-limited',
  'message-length-exceeds-character-limit': 'too-large',
  'error-message-size-exceeded': 'too-large',
  'error-size-not-allowed': 'too-large',
  'error-type-not-allowed': 'invalid-file',
  'error-file-upload-disabled': 'invalid-file',
  'error-no-file-uploaded': 'invalid-file',
  // The reference server's storage limits: a chat's files, or all files, fill what it keeps.
  'error-upload-quota-exceeded': 'quota-exceeded',
  'error-upload-storage-full': 'quota-exceeded',
  'invalid-data': 'invalid-input',
  'error-invalid-email': 'invalid-input',
  'invalid-email': 'invalid-input',
  'error-invalid-department': 'invalid-input',
  'invalid-custom-field-value': 'invalid-input',
  'error-invalid-custom-field-value': 'invalid-input',
};

// Errors that are about one field by their very name.
const FIELD_OF_CODE: Record<string, string> = {
  'error-invalid-email': 'email',
  'invalid-email': 'email',
  'error-invalid-department': 'department',
};

// Rocket.Chat names a custom field inside its message ('error-invalid-custom-field-value' and
// validateRequiredCustomFields): by `_id` in current servers, by label in older ones.
const FIELD_IN_TEXT = [
  /Invalid value for (.+?) field/,
  /Missing required custom fields: ([^,[\]]+)/,
];

const TOO_LARGE_PATTERN = /too[ -]?(long|large)|exceed/i;

/**
 * The bare error string of a Rocket.Chat error body: `errorType` when present, else the `[x]`
 * that Meteor errors append to their message, else `error` itself, else the `reason` of
 * `API.v1.failure({reason})` (the upload's size and type refusals).
 */
export function serverErrorOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.errorType === 'string' && body.errorType) return body.errorType;
  if (typeof body.reason === 'string' && body.reason && typeof body.error !== 'string') {
    return body.reason;
  }
  if (typeof body.error !== 'string' || !body.error) return undefined;
  const bracketed = /\[([^\]]+)\]\s*$/.exec(body.error);
  return bracketed ? bracketed[1] : body.error;
}

/**
 * The input field an error body is about: `details.field` (the reference server, and any
 * Meteor.Error whose details name one), a code that implies it, or the field Rocket.Chat names
 * in its message.
 */
export function fieldOf(body: unknown, serverError?: string): string | undefined {
  if (!isObject(body)) return undefined;
  const {details} = body;
  if (isObject(details) && typeof details.field === 'string' && details.field) {
    return details.field;
  }
  if (serverError && FIELD_OF_CODE[serverError]) return FIELD_OF_CODE[serverError];
  const text = typeof body.error === 'string' ? body.error : '';
  for (const pattern of FIELD_IN_TEXT) {
    const named = pattern.exec(text)?.[1].trim();
    if (named) return named;
  }
  return undefined;
}

const WAIT_IN_TEXT = /wait (\d+) seconds?/;

/**
 * The wait a rate-limit refusal names: `Retry-After` (seconds; readable cross-origin only when
 * the server exposes it), else Rocket.Chat's "You must wait N seconds" in the body.
 */
function retryAfterMs(retryAfter: string | null | undefined, text: string): number | undefined {
  const seconds =
    retryAfter && /^\d+$/.test(retryAfter.trim())
      ? Number(retryAfter)
      : Number(WAIT_IN_TEXT.exec(text)?.[1] ?? NaN);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * Maps an HTTP error answer (status plus parsed body, if any, and the `Retry-After` header) to
 * a `LiveChatError`.
 */
export function httpError(
  status: number,
  body: unknown,
  retryAfter?: string | null,
): LiveChatError {
  const serverError = serverErrorOf(body);
  const code: LiveChatErrorCode =
    (serverError && SERVER_CODES[serverError]) ||
    (status === 429 ? 'rate-limited' : undefined) ||
    (status === 401 || status === 403 ? 'invalid-token' : undefined) ||
    (status === 413 || (serverError && TOO_LARGE_PATTERN.test(serverError))
      ? 'too-large'
      : 'server');
  const text =
    isObject(body) && typeof body.error === 'string'
      ? body.error
      : (serverError ?? `HTTP ${status}`);
  const error = new LiveChatError(code, text, serverError, fieldOf(body, serverError));
  if (code === 'rate-limited') error.retryAfterMs = retryAfterMs(retryAfter, text);
  return error;
}

/** Wraps a failure of `fetch()` itself (offline, DNS, CORS, abort by timeout). */
export function networkError(cause: unknown): LiveChatError {
  const text = cause instanceof Error ? cause.message : 'Network error';
  const error = new LiveChatError('network', text);
  error.cause = cause;
  return error;
}
