import {decodeRcMessage, isObject, type RcMessage} from '../protocol/index.js';
import {LiveChatError} from '../types.js';
import {httpError, networkError} from './rest-errors.js';

/** One multipart upload: the form, the visitor token (sent as `x-visitor-token`), progress. */
export interface UploadRequest {
  url: string;
  token: string;
  form: FormData;
  /** Bytes of the file, for progress when the transport cannot measure it. */
  size: number;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** The raw HTTP answer to an upload. */
export interface UploadAnswer {
  status: number;
  body: unknown;
}

/** Sends an upload; rejects `network` when no answer came and `aborted` on cancel. */
export type Uploader = (request: UploadRequest) => Promise<UploadAnswer>;

/** What `uploadFile()` needs besides the uploader. */
export interface UploadFileInput {
  url: string;
  token: string;
  file: Blob;
  fileName: string;
  description?: string;
  /**
   * The message id to create (Rocket.Chat spreads the form's fields into the file message), so
   * that an upload sent again after a lost answer is stored once.
   */
  messageId?: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** The error of a cancelled upload. */
export const abortedError = () => new LiveChatError('aborted', 'The upload was cancelled');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Uploads with XMLHttpRequest: the only browser API with upload progress over HTTP/1.1. */
export const xhrUploader: Uploader = (request) =>
  new Promise((resolve, reject) => {
    const {signal} = request;
    if (signal?.aborted) return reject(abortedError());
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    xhr.open('POST', request.url);
    xhr.setRequestHeader('x-visitor-token', request.token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => resolve({status: xhr.status, body: parseJson(xhr.responseText)});
    xhr.onerror = () => reject(networkError(new Error('The upload failed')));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(abortedError());
    xhr.onloadend = () => signal?.removeEventListener('abort', abort);
    signal?.addEventListener('abort', abort, {once: true});
    xhr.send(request.form);
  });

/**
 * Uploads with `fetch` (where XMLHttpRequest is missing, or a custom `fetch` was given):
 * progress is only reported at the start and the end, since a streamed request body needs
 * HTTP/2.
 */
export function fetchUploader(fetchFn: typeof fetch): Uploader {
  return async (request) => {
    const {signal, size} = request;
    if (signal?.aborted) throw abortedError();
    request.onProgress?.(0, size);
    let response: Response;
    let body: unknown;
    try {
      response = await fetchFn(request.url, {
        method: 'POST',
        headers: {'x-visitor-token': request.token},
        body: request.form,
        signal,
      });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      throw signal?.aborted ? abortedError() : networkError(error);
    }
    if (response.ok) request.onProgress?.(size, size);
    return {status: response.status, body};
  };
}

/**
 * `POST livechat/upload/:rid` as multipart (`_id`, `description`, then `file`): resolves the
 * file message Rocket.Chat creates (its fields spread into the answer, or under `message`), or
 * `null` when it answers success without one: the `_id` was already stored.
 */
export async function uploadFile(
  uploader: Uploader,
  input: UploadFileInput,
): Promise<RcMessage | null> {
  const form = new FormData();
  // Fields before the file: a streaming server reads them before the bytes.
  if (input.messageId) form.append('_id', input.messageId);
  if (input.description) form.append('description', input.description);
  form.append('file', input.file, input.fileName);
  const {size} = input.file;
  const onProgress = input.onProgress;
  const answer = await uploader({
    url: input.url,
    token: input.token,
    form,
    size,
    signal: input.signal,
    onProgress: onProgress && ((loaded, total) => onProgress(total > 0 ? loaded / total : 1)),
  });
  const {status, body} = answer;
  if (status < 200 || status >= 300 || !isObject(body) || body.success === false) {
    throw httpError(status, body);
  }
  const message = decodeRcMessage(isObject(body.message) ? body.message : body);
  if (message) return message;
  if (body.success === true && !('_id' in body) && !('message' in body)) return null;
  throw new LiveChatError('server', 'The server sent an unreadable file message');
}
