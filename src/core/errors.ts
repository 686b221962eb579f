import {POLICY_VIOLATION, type DdpCallError, type FatalDetails} from './transport/ddp-error.js';
import {LiveChatError} from './types.js';

/** Any thrown value as a `LiveChatError` (unknown failures become `server`). */
export function toLiveChatError(error: unknown): LiveChatError {
  if (error instanceof LiveChatError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const wrapped = new LiveChatError('server', text);
  wrapped.cause = error;
  return wrapped;
}

/**
 * A fatal refusal as the client's public error: `forbidden` for a policy close (1008), else
 * `incompatible-server` (DDP `failed`: no common protocol version; 1002, 1003, 1007: the server
 * cannot read what this client sends).
 */
export function linkFailure(error: DdpCallError): LiveChatError {
  const {closeCode} = (error.details ?? {}) as FatalDetails;
  if (closeCode === POLICY_VIOLATION) {
    return new LiveChatError('forbidden', 'The chat server refused the connection', error.reason);
  }
  const text = 'The chat server does not speak this widget’s protocol version';
  return new LiveChatError('incompatible-server', text, error.reason);
}
