import type {DdpError} from '../protocol/index.js';

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
