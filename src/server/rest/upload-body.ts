/** Reading an upload's multipart body, shared by the visitor's and the agent's upload routes. */
import {createWriteStream} from 'node:fs';
import {rm} from 'node:fs/promises';
import {pipeline} from 'node:stream/promises';
import type {MultipartFile} from '@fastify/multipart';
import type {FastifyRequest} from 'fastify';
import {LivechatError, invalidParams, objectFailure} from '../errors.js';
import {formatSize} from '../livechat/uploads.js';

/** The message id a client may give an upload (an `_id` field before the file). */
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A text field sent before the file part, if any. */
function textField(part: MultipartFile, name: string): string | undefined {
  const field = part.fields[name];
  return field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string'
    ? field.value
    : undefined;
}

/**
 * Streams the file part to `partial` on disk, never whole into memory; a client that goes away
 * mid-transfer rejects here and its partial file is removed at once.
 */
async function receive(
  part: MultipartFile,
  partial: string,
  maxBytes: number,
  onBytes: (bytes: number) => void,
): Promise<void> {
  // Each chunk is counted (and may be refused, the total quota) before it is written.
  async function* counted(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      onBytes(chunk.length);
      yield chunk;
    }
  }
  try {
    await pipeline(part.file, counted, createWriteStream(partial, {flags: 'wx'}));
    if (part.file.truncated) {
      const sizeAllowed = formatSize(maxBytes);
      throw objectFailure('upload', {reason: 'error-size-not-allowed', sizeAllowed});
    }
  } catch (error) {
    await rm(partial, {force: true});
    throw error;
  }
}

/**
 * A multipart parser failure (busboy's "Part terminated early…", "Malformed part header"…) is
 * the client's broken body, not a server fault: such errors carry neither a status nor a
 * system error code. Everything else passes unchanged.
 */
function asBadBody(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof LivechatError) return error;
  if ('statusCode' in error || 'code' in error) return error;
  return invalidParams(`the multipart body is incomplete or malformed: ${error.message}`);
}

/**
 * The most bytes the upload can store: the request's size (the file is smaller than its body),
 * or the file size limit when the size is not given or larger.
 */
export function claimedBytes(request: FastifyRequest, maxBytes: number): number {
  const length = Number(header(request, 'content-length') || NaN);
  return Number.isSafeInteger(length) && length >= 0 ? Math.min(length, maxBytes) : maxBytes;
}

/** A request header's value; '' when missing or repeated. */
export function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

/** An upload's file, received whole into its partial path, and the fields sent before it. */
export interface FilePart {
  filename: string;
  partial: string;
  /** A text field sent before the file part, if any. */
  field(name: string): string | undefined;
}

/**
 * Reads the `file` part of a multipart body into `partial` (at most `maxBytes`, else
 * `error-size-not-allowed`), with the fields sent before it; an `_id` field must be a message id.
 * A body without a file part, or broken, is `invalid-params`. `onBytes` is told of each chunk
 * of the file before it is written, and may throw to stop the upload.
 */
export async function readFilePart(
  request: FastifyRequest,
  partial: string,
  maxBytes: number,
  onBytes: (bytes: number) => void = () => {},
): Promise<FilePart> {
  const part = await request.file({throwFileSizeLimit: false}).catch((error: unknown) => {
    throw asBadBody(error);
  });
  if (!part || part.fieldname !== 'file') throw invalidParams('a file field is required');
  const messageId = textField(part, '_id');
  if (messageId !== undefined && !MESSAGE_ID.test(messageId)) {
    throw invalidParams('_id must be 1 to 64 letters, digits, - or _');
  }
  await receive(part, partial, maxBytes, onBytes).catch((error: unknown) => {
    throw asBadBody(error);
  });
  return {filename: part.filename, partial, field: (name) => textField(part, name)};
}
