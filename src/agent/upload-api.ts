import {isObject} from '../core/protocol/index.js';
import {AgentApiError, errorText} from './api.js';
import type {AgentSession} from './types.js';

/** An answer the server gave to a refused file, as the agent reads it. */
const REFUSALS: Record<string, (body: Record<string, unknown>) => string> = {
  'error-size-not-allowed': (b) =>
    `The file is too large: files can be at most ${String(b.sizeAllowed ?? 'the size limit')}.`,
  'error-type-not-allowed': () =>
    'This type of file is not allowed: send a picture (PNG, JPEG, GIF, WebP), a PDF or a text file.',
  'error-upload-quota-exceeded': (b) =>
    `This chat has no room for more files (at most ${String(b.quotaAllowed ?? 'its quota')}).`,
  'error-upload-storage-full': () => 'The server has no room for more files. Ask an admin.',
  'error-file-upload-disabled': () => 'Sending files is switched off in the settings.',
};

/** A file the server refused and said why: the message is the agent-facing text. */
export class UploadRefused extends Error {
  override name = 'UploadRefused';
}

/** What the agent reads when a file could not be sent. */
export function uploadErrorText(error: unknown): string {
  if (error instanceof UploadRefused) return error.message;
  if (!(error instanceof AgentApiError)) return 'The file could not be sent. Try again.';
  if (error.status === 0) return 'The file could not be sent. Check the connection and try again.';
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    return `Too many files in a short time. Try again${seconds ? ` in ${seconds} seconds` : ' later'}.`;
  }
  if (error.message === 'room-closed') return 'This chat is closed: the file was not sent.';
  if (error.message.includes('error-not-allowed')) return 'You no longer serve this chat.';
  return `The file could not be sent (${error.message}).`;
}

/** Progress of a file on its way: bytes sent of all. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * Sends a file as the agent's message with Rocket.Chat's `POST rooms.upload/:rid` (multipart
 * `description`, the caption shown under the file, then `file`). An XMLHttpRequest, not fetch: it reports the bytes sent. Rejects with an
 * `UploadRefused` when the server said why it refused the file, else an `AgentApiError`, or an
 * `AbortError` once `signal` aborts.
 */
export function sendFile(
  baseUrl: string,
  session: AgentSession,
  rid: string,
  file: File,
  description: string,
  onProgress: UploadProgress,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${baseUrl}/api/v1/rooms.upload/${encodeURIComponent(rid)}`);
    xhr.setRequestHeader('X-User-Id', session.userId);
    xhr.setRequestHeader('X-Auth-Token', session.authToken);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onerror = () => reject(new AgentApiError(0, 'network'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      reject(refusal(xhr.status, body));
    };
    signal.addEventListener('abort', () => xhr.abort(), {once: true});
    const form = new FormData();
    if (description) form.append('description', description);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function refusal(status: number, body: unknown): Error {
  if (!isObject(body)) return new AgentApiError(status, `HTTP ${status}`);
  const explain = typeof body.reason === 'string' ? REFUSALS[body.reason] : undefined;
  if (explain) return new UploadRefused(explain(body));
  return new AgentApiError(status, errorText(body, status));
}
