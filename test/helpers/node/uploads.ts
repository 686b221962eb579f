/** Multipart uploads for node:test suites, as the widget sends them (`x-visitor-token`). */
import type {CDPSession} from 'playwright';
import type {ApiResponse} from './server-fixture.js';

/** A 1×1 transparent PNG. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Options of `upload()`. */
export interface UploadOptions {
  /** The `x-visitor-token` header; left out when undefined. */
  token?: string;
  filename?: string;
  /** The MIME type the client claims (the server ignores it). */
  type?: string;
  description?: string;
  cookie?: string;
}

/** `POST /api/v1/livechat/upload/:rid` with one `file` part. */
export async function upload(
  url: string,
  rid: string,
  bytes: Buffer | string,
  options: UploadOptions = {},
): Promise<ApiResponse> {
  const form = new FormData();
  if (options.description !== undefined) form.append('description', options.description);
  const part = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  const blob = new Blob([part], {type: options.type ?? 'application/octet-stream'});
  form.append('file', blob, options.filename ?? 'file.bin');
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['x-visitor-token'] = options.token;
  if (options.cookie) headers.cookie = options.cookie;
  const response = await fetch(`${url}/api/v1/livechat/upload/${rid}`, {
    method: 'POST',
    body: form,
    headers,
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return {status: response.status, body: body as Record<string, any>, headers: response.headers};
}

/** Options of `agentUpload()`. */
export interface AgentUploadOptions {
  /** Auth headers (`AgentLogin.headers`) or any other headers to send. */
  headers: Record<string, string>;
  filename?: string;
  msg?: string;
  description?: string;
}

/** `POST /api/v1/rooms.upload/:rid` with one `file` part, as the agent console sends it. */
export async function agentUpload(
  url: string,
  rid: string,
  bytes: Buffer,
  options: AgentUploadOptions,
): Promise<ApiResponse> {
  const form = new FormData();
  if (options.msg !== undefined) form.append('msg', options.msg);
  if (options.description !== undefined) form.append('description', options.description);
  form.append('file', new Blob([new Uint8Array(bytes)]), options.filename ?? 'file.bin');
  const response = await fetch(`${url}/api/v1/rooms.upload/${rid}`, {
    method: 'POST',
    body: form,
    headers: options.headers,
  });
  const body = (await response.json().catch(() => null)) as Record<string, any>;
  return {status: response.status, body, headers: response.headers};
}

/** Limits the page's upload speed (-1: no limit), so progress and Cancel can be seen. */
export async function throttleUploads(cdp: CDPSession, bytesPerSecond: number): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}
