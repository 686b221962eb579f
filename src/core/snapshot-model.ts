import type {Emitter} from './emitter.js';
import type {ChatClientEvents, ChatSnapshot, Message} from './types.js';

/** The snapshot of a new client: no config, visitor, room or message yet. */
export const INITIAL_SNAPSHOT: ChatSnapshot = Object.freeze({
  state: 'idle',
  connection: 'disconnected',
  config: null,
  visitor: null,
  room: null,
  agent: null,
  messages: Object.freeze([]) as readonly Message[],
  unread: 0,
  agentTyping: false,
  lastReadId: null,
  agentReadUntil: null,
  seenId: null,
  queue: null,
  agentHidden: false,
  transcriptOffered: false,
  transcriptSent: false,
  surveySent: false,
  offlineMessageSent: false,
});

/** Where the client's getters read the snapshot: this early one, then the engine's `ChatModel`. */
export interface SnapshotSource {
  readonly snapshot: ChatSnapshot;
  patch(changes: Partial<ChatSnapshot>): void;
}

/**
 * The snapshot while the client's engine is not loaded. Only the config, and the state and
 * queue it implies, can change then (no visitor, room, message or link exists), so a change
 * fires `state-change` alone; the engine's `ChatModel` goes on from the last one.
 */
export class EarlySnapshot implements SnapshotSource {
  snapshot: ChatSnapshot = INITIAL_SNAPSHOT;

  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #emitter: Emitter<ChatClientEvents>;

  constructor(emitter: Emitter<ChatClientEvents>) {
    this.#emitter = emitter;
  }

  /** Replaces the snapshot with `changes` applied and announces it. */
  patch(changes: Partial<ChatSnapshot>): void {
    const previous = this.snapshot.state;
    this.snapshot = Object.freeze({...this.snapshot, ...changes});
    this.#emitter.emit('state-change', {state: this.snapshot.state, previous});
  }
}

/** A source that reads and patches whichever source `current()` returns at that moment. */
export function currentSource(current: () => SnapshotSource): SnapshotSource {
  return {
    get snapshot() {
      return current().snapshot;
    },
    patch: (changes) => current().patch(changes),
  };
}
