import type {DdpError} from '../core/protocol/index.js';

/**
 * The two error bodies Rocket.Chat's REST API answers with (rocketchat-protocol.md §2.2): a plain
 * `Error` becomes `{success:false, error:'invalid-room'}`, a `Meteor.Error` becomes
 * `{success:false, error:'<reason> [<code>]', errorType:'<code>'}`. A bare failure (RC's
 * `API.v1.failure()`) is `{success:false}` alone; `message` is a Meteor.Error's message without
 * `errorType` (RC's `API.v1.tooManyRequests(e.message)`); `object` is `API.v1.failure({…})`, the
 * given fields plus `success:false` (the upload's `{reason, sizeAllowed}`).
 */
export type ErrorForm = 'plain' | 'meteor' | 'bare' | 'message' | 'object';

/** One domain error; REST and DDP turn it into their own wire form. */
export class LivechatError extends Error {
  constructor(
    readonly code: string,
    readonly form: ErrorForm = 'plain',
    readonly reason?: string,
    readonly statusCode = 400,
    readonly details?: unknown,
  ) {
    super(form === 'meteor' || form === 'message' ? meteorMessage(code, reason) : code);
    this.name = 'LivechatError';
  }
}

/** Meteor.Error's message: `reason [code]`, or `[code]` when there is no reason. */
export function meteorMessage(code: string | number, reason?: string): string {
  return reason ? `${reason} [${code}]` : `[${code}]`;
}

/** `{success:false, error:code}`: RC's answer for a plain `Error`. */
export const plainError = (code: string, statusCode = 400): LivechatError =>
  new LivechatError(code, 'plain', undefined, statusCode);

/** RC's answer for a `Meteor.Error(code, reason)`. */
export const meteorError = (code: string, reason?: string, statusCode = 400): LivechatError =>
  new LivechatError(code, 'meteor', reason, statusCode);

/** RC's bare `API.v1.failure()`: 400 `{success:false}`, used for a repeated message `_id`. */
export const bareFailure = (): LivechatError => new LivechatError('failure', 'bare');

/** RC's `API.v1.failure({...fields})`: 400 with the fields and `success:false`. */
export const objectFailure = (code: string, fields: Record<string, unknown>): LivechatError =>
  new LivechatError(code, 'object', undefined, 400, fields);

/**
 * Bad input, in the form RC's `validateParams` uses; `field` (a form field or custom field id)
 * goes into `details.field`, as Meteor.Error details do, so a form can show it in place.
 */
export const invalidParams = (reason: string, field?: string): LivechatError =>
  new LivechatError('invalid-params', 'meteor', reason, 400, field ? {field} : undefined);

/** RC's 429 when a route's rate limit is used up. */
export const tooManyRequests = (seconds: number): LivechatError =>
  new LivechatError(
    'error-too-many-requests',
    'message',
    'Error, too many requests. Please slow down. ' +
      `You must wait ${seconds} seconds before trying this endpoint again.`,
    429,
  );

/** The REST body for an error. */
export function restErrorBody(error: LivechatError): Record<string, unknown> {
  if (error.form === 'bare') return {success: false};
  if (error.form === 'plain') return {success: false, error: error.code};
  if (error.form === 'message') return {success: false, error: error.message};
  if (error.form === 'object') return {...(error.details as object), success: false};
  const body: Record<string, unknown> = {
    success: false,
    error: meteorMessage(error.code, error.reason),
    errorType: error.code,
  };
  if (error.details !== undefined) body.details = error.details;
  return body;
}

/** The DDP `error` object of a `result` or `nosub` frame. */
export function ddpError(code: string | number, reason?: string, details?: unknown): DdpError {
  return {
    isClientSafe: true,
    error: code,
    reason,
    ...(details === undefined ? {} : {details}),
    message: meteorMessage(code, reason),
    errorType: 'Meteor.Error',
  };
}
