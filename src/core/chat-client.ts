import {createChatExtras} from './chat-extras.js';
import {ChatFeatures} from './chat-features.js';
import {ChatSession} from './chat-session.js';
import {LiveChatClientBase} from './client-base.js';
import {restoreTimeoutMs, serverBase, type LiveChatClientOptions} from './client-options.js';
import {systemClock} from './clock.js';
import {newMessageId} from './ids.js';
import {messageText} from './message-sender.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import {createSessionStore, siteIdFor} from './store/create-session-store.js';
import {DdpConnection, websocketUrl} from './transport/ddp.js';
import {RestClient} from './transport/rest.js';
import type {TriggerEngine, TriggerEnvironment} from './triggers.js';
import {
  LiveChatError,
  type AgentRecord,
  type ChatStats,
  type HistoryEntry,
  type LeaveMessageInput,
  type Message,
  type PageInfo,
  type RateInput,
  type RegisterInput,
  type SendFileOptions,
  type SessionView,
  type VisitorInfo,
  type VisitorUpdate,
} from './types.js';

export type {LiveChatClientOptions} from './client-options.js';

/**
 * The headless Livechat client: the whole visitor side of the Rocket.Chat protocol (REST for
 * actions, DDP streams for live events), with an immutable snapshot and typed events. Every
 * async method rejects with a `LiveChatError`. Nothing is created on the server or written to
 * storage until the visitor interacts (`register`, `start`, `send`) or `restore()` finds a
 * session.
 */
export class LiveChatClient extends LiveChatClientBase {
  /** Resolves with the server config (`GET livechat/config`); rejects `invalid-config` if off. */
  readonly ready: Promise<RcConfig>;

  private readonly session: ChatSession;
  private readonly features: ChatFeatures;

  constructor(options: LiveChatClientOptions) {
    super();
    const base = serverBase(options.server);
    const clock = options.clock ?? systemClock;
    const siteId = options.siteId ?? siteIdFor(base);
    const persist = options.persist ?? 'local';
    this.session = new ChatSession({
      server: base,
      department: options.department,
      clock,
      emitter: this.emitter,
      model: this.model,
      rest: new RestClient({server: base, fetch: options.fetch, clock}),
      ddp: new DdpConnection(websocketUrl(base), {socketFactory: options.socketFactory, clock}),
      store: options.store ?? createSessionStore(persist, siteId),
      siteId,
      sharesTabs: !options.store && persist === 'local',
      restoreTimeoutMs: restoreTimeoutMs(options.restoreTimeout),
      extras: createChatExtras(options.fetch),
    });
    this.features = new ChatFeatures(this.session);
    this.ready = this.session.loadConfig(true);
    this.ready.catch(() => undefined);
  }

  /**
   * Registers or updates the visitor at once (`POST livechat/visitor`, then custom fields with
   * `POST livechat/custom.fields`); `registering` becomes `idle`.
   */
  async register(input: RegisterInput = {}): Promise<VisitorInfo> {
    this.session.assertAlive();
    const visitor = await this.session.register(input);
    this.features.registered();
    return visitor;
  }

  /** Changes fields of the visitor now (`POST livechat/visitor`, custom fields after). */
  async updateVisitor(fields: VisitorUpdate): Promise<VisitorInfo> {
    this.session.assertAlive();
    return this.session.visitors.update(fields ?? {});
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
    const trimmed = messageText(text, this.config?.settings?.limitTextLength);
    if (this.state === 'ended') throw new LiveChatError('no-active-chat', 'The chat has ended');
    this.features.visitorSent();
    return this.session.send(newMessageId(), trimmed);
  }

  /**
   * Uploads a file (`POST livechat/upload/:rid`) after checking it against the config: shown
   * as `pending` at once, then `sent` or `failed`; `onProgress` gets 0…1, `signal` cancels
   * (`aborted`).
   */
  async sendFile(file: Blob, options: SendFileOptions = {}): Promise<Message> {
    this.session.assertAlive();
    if (this.state === 'ended') throw new LiveChatError('no-active-chat', 'The chat has ended');
    const sending = this.features.files.send(file, options);
    this.features.visitorSent();
    return sending;
  }

  /** Sends a failed message again, with the same id. */
  async retry(messageId: string): Promise<Message> {
    this.session.assertAlive();
    const {files} = this.features;
    return files.has(messageId) ? files.retry(messageId) : this.session.retry(messageId);
  }

  /** Tells the agent the visitor is typing (true on each keystroke) or stopped; throttled. */
  setTyping(isTyping: boolean): void {
    this.features.typing.setTyping(isTyping);
  }

  /** Shares the visitor's draft with the agent (sneak peek); throttled, empty = stopped. */
  setSneakPeek(text: string): void {
    this.features.typing.setSneakPeek(typeof text === 'string' ? text : '');
  }

  /** Marks a message (default: the newest) and all before it as read: `message-read`. */
  async markRead(messageId?: string): Promise<void> {
    this.features.markRead(messageId);
  }

  /** Older pages of this chat (`{done, value}`), each page oldest first, merged as they come. */
  history(): AsyncIterableIterator<Message[]> {
    return this.features.history();
  }

  /** The agents of this chat with their connected and disconnected times (Genesys). */
  getAgents(): AgentRecord[] {
    return this.features.getAgents();
  }

  /** `{startTime, endTime, duration, agents}` of this chat, in ms (Genesys). */
  getStats(): ChatStats {
    return this.features.getStats();
  }

  /** Closes the chat as the visitor (`POST livechat/room.close`). */
  async end(): Promise<void> {
    this.session.assertAlive();
    return this.session.end();
  }

  /** Sends the survey in one `POST livechat/room.survey`; the comment is `additionalFeedback`. */
  async rate(input: RateInput): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.rate(input);
  }

  /** Asks the server to email this chat's transcript (`POST livechat/transcript`). */
  async requestTranscript(email: string): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.requestTranscript(email);
  }

  /** Sends the offline form (`POST livechat/offline.message`); creates no visitor. */
  async leaveMessage(input: LeaveMessageInput): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.leaveMessage(input);
  }

  /** Chooses the department: the visitor's before a chat, a transfer during one. */
  async setDepartment(id: string): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.setDepartment(id);
  }

  /** Reports the page the visitor is on (`POST livechat/page.visited`) once a visitor exists. */
  async pageVisited(page: PageInfo): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.pageVisited(page);
  }

  /** Shows externally supplied history (marked `imported`, never sent); returns the transcript. */
  importHistory(entries: HistoryEntry[]): Message[] {
    this.session.assertAlive();
    return this.features.importHistory(entries);
  }

  /**
   * The element shows or hides the window: opening refreshes the config (then every 60 s while
   * offline) and marks messages read; `byVisitor` fires `chat-opened-by-visitor` triggers.
   */
  setWindowOpen(isOpen: boolean, options: {byVisitor?: boolean} = {}): void {
    this.features.setWindowOpen(isOpen, options.byVisitor === true);
    this.session.saveView({open: isOpen});
  }

  /** Keeps the draft and scroll (`null`: at the bottom) for `restored`; at once (`pagehide`). */
  saveView(view: Partial<Pick<SessionView, 'draft' | 'scrollTop'>>): void {
    this.session.saveView(view ?? {});
  }

  /** Runs `config.triggers` in this page; the engine's `onFire` tells the element to open. */
  useTriggers(env: TriggerEnvironment): TriggerEngine {
    this.session.assertAlive();
    return this.features.useTriggers(env);
  }

  /**
   * Looks for an earlier session (without creating storage); if there is one, paints its cached
   * messages at once, then reconnects and catches up. Resolves whether one was found.
   */
  async restore(): Promise<boolean> {
    this.session.assertAlive();
    return this.session.restore();
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
    this.features.dispose();
    this.session.destroy();
    this.emitter.clear();
  }
}
