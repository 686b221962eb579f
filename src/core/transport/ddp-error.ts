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
