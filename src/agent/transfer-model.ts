import type {AgentApi} from './api.js';
import type {TransferTargets} from './history-parse.js';

/** Where the transfer dialog stands. */
export type TransferStatus = 'closed' | 'loading' | 'ready' | 'sending' | 'failed';

/** What the transfer dialog renders; replaced, never mutated. */
export interface TransferSnapshot {
  /** The chat being transferred; '' while the dialog is closed. */
  rid: string;
  targets: TransferTargets;
  status: TransferStatus;
  /** Why loading or sending failed, in words for the agent. */
  error: string;
  /** Said once a transfer went through ("Chat transferred to Bea"). */
  done: string;
}

type Listener = (snapshot: TransferSnapshot) => void;

const NO_TARGETS: TransferTargets = {agents: [], departments: []};

/** Rocket.Chat's refusals of `room.forward`, as the agent reads them. */
const REASONS: Record<string, string> = {
  'error-user-is-offline': 'That agent is no longer available. Pick someone else.',
  'error-no-agents-online-in-department': 'Nobody in that department is available right now.',
  'error-selected-agent-room-agent-are-same': 'You already have this chat.',
  'error-room-closed': 'This chat has ended.',
  'error-not-allowed': 'You can no longer transfer this chat.',
};

/** The transfer dialog's data: whom a chat can go to, and the forward itself. Holds no DOM. */
export class TransferModel {
  private readonly listeners = new Set<Listener>();
  private current: TransferSnapshot = {
    rid: '',
    targets: NO_TARGETS,
    status: 'closed',
    error: '',
    done: '',
  };

  constructor(private readonly api: AgentApi) {}

  /** The latest snapshot. */
  get snapshot(): TransferSnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the dialog for a chat and fetches who is available now. */
  async open(rid: string): Promise<void> {
    this.set({rid, status: 'loading', error: '', done: ''});
    try {
      const targets = await this.api.transferTargets();
      if (this.current.rid === rid) this.set({targets, status: 'ready'});
    } catch {
      if (this.current.rid === rid) {
        this.set({status: 'failed', error: 'Could not load the agents and departments.'});
      }
    }
  }

  /** Closes the dialog without a transfer. */
  cancel(): void {
    this.set({rid: '', status: 'closed', error: ''});
  }

  /** Forwards the chat; resolves true once the server moved it. */
  async send(
    rid: string,
    to: {userId?: string; departmentId?: string},
    comment: string,
  ): Promise<boolean> {
    this.set({status: 'sending', error: ''});
    try {
      await this.api.forward(rid, to, comment);
    } catch (error) {
      const reason = REASONS[(error as Error).message] ?? 'Could not transfer the chat. Try again.';
      this.set({status: 'ready', error: reason});
      return false;
    }
    const target = to.userId
      ? this.current.targets.agents.find((a) => a.id === to.userId)?.name
      : this.current.targets.departments.find((d) => d.id === to.departmentId)?.name;
    const done = `Chat transferred to ${target ?? 'the new owner'}.`;
    this.set({rid: '', status: 'closed', done});
    return true;
  }

  private set(change: Partial<TransferSnapshot>): void {
    this.current = {...this.current, ...change};
    for (const listener of this.listeners) listener(this.current);
  }
}
