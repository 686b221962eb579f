import {
  Emitter,
  observableSymbol,
  type EmitterEvent,
  type InteropObservable,
  type Listener,
} from './emitter.js';
import {toLiveChatError} from './errors.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import {EarlySnapshot, type SnapshotSource} from './snapshot-model.js';
import type {
  AgentInfo,
  ChatClientEvents,
  ChatSnapshot,
  ConnectionState,
  Message,
  SessionState,
  VisitorInfo,
} from './types.js';

/**
 * The read side of `LiveChatClient`: the snapshot getters and the typed events (`on`, `off`,
 * `once`, `[Symbol.observable]`). A throwing listener is reported through `error`.
 */
export class LiveChatClientBase {
  protected readonly emitter: Emitter<ChatClientEvents>;
  /** An early snapshot until the engine is loaded, then the engine's `ChatModel`. */
  protected model: SnapshotSource;

  constructor() {
    this.emitter = new Emitter<ChatClientEvents>({wrapError: toLiveChatError});
    this.model = new EarlySnapshot(this.emitter);
  }

  /** The server config, once loaded. */
  get config(): RcConfig | null {
    return this.model.snapshot.config;
  }

  /** The session state: idle, registering, connecting, active, offline or ended. */
  get state(): SessionState {
    return this.model.snapshot.state;
  }

  /** The visitor, once registered or created. */
  get visitor(): VisitorInfo | null {
    return this.model.snapshot.visitor;
  }

  /** The open (or last) room. */
  get room(): RcRoom | null {
    return this.model.snapshot.room;
  }

  /** The serving agent, when known and not hidden by the server. */
  get agent(): AgentInfo | null {
    return this.model.snapshot.agent;
  }

  /** The live link's status. */
  get connection(): ConnectionState {
    return this.model.snapshot.connection;
  }

  /** Everything at once, immutable; a new object after every change (`state-change`). */
  getSnapshot(): ChatSnapshot {
    return this.model.snapshot;
  }

  /** The conversation so far, in order (a copy). */
  getTranscript(): Message[] {
    return [...this.model.snapshot.messages];
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof ChatClientEvents>(name: K, fn: Listener<ChatClientEvents[K]>): () => void {
    return this.emitter.on(name, fn);
  }

  /** Removes a listener. */
  off<K extends keyof ChatClientEvents>(name: K, fn: Listener<ChatClientEvents[K]>): void {
    this.emitter.off(name, fn);
  }

  /** Adds a listener for the next event only. */
  once<K extends keyof ChatClientEvents>(name: K, fn: Listener<ChatClientEvents[K]>): () => void {
    return this.emitter.once(name, fn);
  }

  /** Every event as `{type, detail}`, for RxJS and other Observable libraries. */
  [observableSymbol](): InteropObservable<EmitterEvent<ChatClientEvents>> {
    return this.emitter[observableSymbol]();
  }
}
