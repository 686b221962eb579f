import type {DdpError} from '../protocol/index.js';
import {LiveChatError} from '../types.js';

/** A DDP error (`result.error`, `nosub.error`), or `error: 'disconnected'` on a lost link. */
export class DdpCallError extends Error {
  readonly error: string | number;
  readonly reason?: string;
  readonly details?: unknown;
  constructor(error: DdpError) {
    super(error.message ?? error.reason ?? String(error.error));
    this.name = 'DdpCallError';
    this.error = error.error;
    this.reason = error.reason;
    this.details = error.details;
  }
}

/** What a fatal refusal carries: the server's DDP version (`failed`) or the close code. */
export interface FatalDetails {
  version?: string;
  closeCode?: number;
}

/** Close code 1008, "policy violation": a refused origin, token or a banned visitor. */
export const POLICY_VIOLATION = 1008;

/** The `error: 'failed'` a connection reports when the server refuses it for good. */
export function fatalError(details: FatalDetails, reason?: string): DdpCallError {
  const said =
    details.version === undefined
      ? `closed with code ${details.closeCode}`
      : `the server speaks DDP ${details.version || 'of another version'}`;
  return new DdpCallError({error: 'failed', reason: reason || said, details});
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
