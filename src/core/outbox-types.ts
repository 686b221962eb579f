import type {Clock} from './clock.js';
import type {RcMessage} from './protocol/index.js';
import type {RestClient} from './transport/rest.js';
import type {LiveChatError} from './types.js';

/** What the outbox needs from its client. */
export interface OutboxHost {
  readonly rest: RestClient;
  readonly clock: Clock;
  token(): string | null;
  /** Whether the live link is up; while it is down, resends wait for it instead of a timer. */
  canSend(): boolean;
  /** The server has the message (answer, echo, history or lookup). */
  confirm(raw: RcMessage): void;
  /** The server refused the message for good. */
  fail(id: string, error: LiveChatError): void;
  /** Saves the outbox (attempt counts changed). */
  persist(): Promise<void>;
}

/**
 * Which entries this tab may send, where tabs share one outbox (outbox-handover.ts): its own,
 * and only while it holds its lease.
 */
export interface OutboxGate {
  /** This tab's owner id, stamped on the entries it queues. */
  readonly tabId: string;
  /** Whether this tab may send its entries now. */
  readonly isHeld: boolean;
}
