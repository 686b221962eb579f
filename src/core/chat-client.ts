import {ChatModel} from './chat-model.js';
import {ChatSession} from './chat-session.js';
import {systemClock, type Clock} from './clock.js';
import {
  Emitter,
  observableSymbol,
  type EmitterEvent,
  type InteropObservable,
  type Listener,
} from './emitter.js';
import {toLiveChatError} from './errors.js';
import {newMessageId} from './ids.js';
import {
  codePointLength,
  MESSAGE_MAX_CODE_POINTS,
  type RcConfig,
  type RcRoom,
} from './protocol/index.js';
import {createSessionStore, type PersistMode} from './store/create-session-store.js';
import type {SessionStore} from './store/session-store.js';
import {DdpConnection, websocketUrl, type SocketFactory} from './transport/ddp.js';
import {RestClient} from './transport/rest.js';
import {
  LiveChatError,
  type AgentInfo,
  type ChatClientEvents,
  type ChatSnapshot,
  type ConnectionState,
  type Message,
  type RegisterInput,
  type SessionState,
  type VisitorInfo,
} from './types.js';

/** Options of a `LiveChatClient`; only `server` is required. */
export interface LiveChatClientOptions {
  /** The Rocket.Chat (or reference) server's http(s) base URL. */
  server: string;
  department?: string;
  /** Separates sessions of different sites on one origin (storage key `session:<siteId>`). */
  siteId?: string;
  /** Overrides the store `persist` would pick. */
  store?: SessionStore;
  socketFactory?: SocketFactory;
  fetch?: typeof fetch;
  clock?: Clock;
  /** `local` (IndexedDB, default), `session` (this tab) or `none` (memory). */
  persist?: PersistMode;
}

// Zero-width characters count as blank too (C4: a message of only ZWSP/ZWJ is empty).
const BLANK_EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/**
 * The headless Livechat client: the whole visitor side of the Rocket.Chat protocol (REST for
 * actions, DDP streams for live events), with an immutable snapshot and typed events. Every
 * async method rejects with a `LiveChatError`. Nothing is created on the server or written to
 * storage until the visitor interacts (`register`, `start`, `send`) or `restore()` finds a
 * session.
 */
export class LiveChatClient {
  /** Resolves with the server config (`GET livechat/config`); rejects `invalid-config` if off. */
  readonly ready: Promise<RcConfig>;

  private readonly emitter: Emitter<ChatClientEvents>;
  private readonly model: ChatModel;
  private readonly session: ChatSession;

  constructor(options: LiveChatClientOptions) {
    let server: URL;
    try {
      server = new URL(options.server);
    } catch {
      throw new LiveChatError('invalid-config', `Invalid server URL: ${options.server}`);
    }
    if (server.protocol !== 'http:' && server.protocol !== 'https:') {
      throw new LiveChatError('invalid-config', 'The server URL must be http(s)');
    }
    const base = server.href.replace(/\/+$/, '');
    const clock = options.clock ?? systemClock;
    this.emitter = new Emitter<ChatClientEvents>({
      onListenerError: (error, name) => this.reportListenerError(error, name),
    });
    this.model = new ChatModel(this.emitter);
    this.session = new ChatSession({
      server: base,
      department: options.department,
      clock,
      emitter: this.emitter,
      model: this.model,
      rest: new RestClient({server: base, fetch: options.fetch, clock}),
      ddp: new DdpConnection(websocketUrl(base), {socketFactory: options.socketFactory, clock}),
      store: options.store ?? createSessionStore(options.persist ?? 'local', options.siteId),
    });
    this.ready = this.session.loadConfig(true);
    this.ready.catch(() => undefined);
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

  /** Registers or updates the visitor at once (`POST livechat/visitor`). */
  async register(input: RegisterInput = {}): Promise<VisitorInfo> {
    this.session.assertAlive();
    return this.session.register(input);
  }

  /** Ensures the visitor and an open room, and subscribes to its live events. */
  start(): Promise<RcRoom> {
    return this.session.start();
  }

  /**
   * Sends a message, optimistically: it is in the snapshot as `pending` at once, then `sent`
   * (`message-sent`) or `failed` (`message-failed`). Resolves when the server has it; a send
   * that got no answer is retried with the same id (on reconnect), never duplicated.
   */
  async send(text: string): Promise<Message> {
    this.session.assertAlive();
    const trimmed = text.replace(BLANK_EDGES, '');
    if (!trimmed) throw new LiveChatError('empty-message', 'The message is empty');
    if (codePointLength(trimmed) > MESSAGE_MAX_CODE_POINTS) {
      const limit = `Messages are limited to ${MESSAGE_MAX_CODE_POINTS} characters`;
      throw new LiveChatError('too-large', limit);
    }
    if (this.state === 'ended') throw new LiveChatError('no-active-chat', 'The chat has ended');
    return this.session.send(newMessageId(), trimmed);
  }

  /** Sends a failed message again, with the same id. */
  async retry(messageId: string): Promise<Message> {
    this.session.assertAlive();
    return this.session.retry(messageId);
  }

  /** Closes the chat as the visitor (`POST livechat/room.close`). */
  async end(): Promise<void> {
    this.session.assertAlive();
    return this.session.end();
  }

  /**
   * Looks for an earlier session (without creating storage); if there is one, paints its cached
   * messages at once, then reconnects and catches up. Resolves whether one was found.
   */
  async restore(): Promise<boolean> {
    this.session.assertAlive();
    return this.session.restore();
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

  /** Fetches the config again (e.g. when the window opens); fires `service-online`/`-offline`. */
  refreshConfig(): Promise<RcConfig> {
    this.session.assertAlive();
    return this.session.loadConfig();
  }

  /** Skips the reconnect backoff (call it on `online` or when the page becomes visible). */
  reconnectNow(): void {
    this.session.reconnectNow();
  }

  /** Closes the live link (state is kept; the next `send`/`start` reconnects). */
  disconnect(): void {
    this.session.disconnect();
  }

  /** Stops everything for good: link, timers, listeners; pending calls reject `destroyed`. */
  destroy(): void {
    this.session.destroy();
    this.emitter.clear();
  }

  private reportListenerError(error: unknown, name: keyof ChatClientEvents): void {
    if (name === 'error' || !this.emitter.hasListeners('error')) {
      queueMicrotask(() => {
        throw error;
      });
      return;
    }
    const wrapped = toLiveChatError(error);
    this.emitter.emit('error', {error: wrapped});
  }
}
