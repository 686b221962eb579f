import {engineIfLoaded, LiveChatClientLoader} from './client-loader.js';
import {toLiveChatError} from './errors.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import type {clientTriggers, TriggerEngine, TriggerEnvironment} from './triggers.js';
import type {
  HistoryEntry,
  LeaveMessageInput,
  PageInfo,
  RateInput,
  RegisterInput,
  SendFileOptions,
  VisitorUpdate,
} from './client-inputs.js';
import {
  LiveChatError,
  type AgentInfo,
  type AgentRecord,
  type ChatStats,
  type Message,
  type SessionView,
  type VisitorInfo,
} from './types.js';

export type {LiveChatClientOptions} from './client-options.js';
export {provideEngine, type EngineModule} from './client-loader.js';

let loadedTriggers: {clientTriggers: typeof clientTriggers} | null = null;

/**
 * The headless Livechat client: the whole visitor side of the Rocket.Chat protocol (REST for
 * actions, DDP streams for live events), with an immutable snapshot and typed events. Every
 * async method rejects with a `LiveChatError`. Nothing is created on the server or written to
 * storage until the visitor interacts (`register`, `start`, `send`) or `restore()` finds a
 * session.
 *
 * The widget's first download holds only this facade: events, snapshot and the config request.
 * The engine (session, live link, outbox, store, features) is a separate chunk that the async
 * methods load on first use; until then `setTyping` is dropped, `getAgents`/`getStats` are
 * empty and `history()` waits. Imported from `core/index.ts`, the engine comes along at once.
 */
export class LiveChatClient extends LiveChatClientLoader {
  // `#` rather than `private`: in the first download, the minifier shortens these names.
  #triggers: TriggerEngine | null = null;

  /**
   * Registers or updates the visitor at once (`POST livechat/visitor`, then custom fields with
   * `POST livechat/custom.fields`); `registering` becomes `idle`.
   */
  async register(input: RegisterInput = {}): Promise<VisitorInfo> {
    const visitor = await this.call((engine) => engine.register(input));
    this.#triggers?.notify('after-guest-registration');
    return visitor;
  }

  /** Changes fields of the visitor now (`POST livechat/visitor`, custom fields after). */
  updateVisitor(fields: VisitorUpdate): Promise<VisitorInfo> {
    return this.call((engine) => engine.updateVisitor(fields));
  }

  /** Ensures the visitor and an open room, and subscribes to its live events. */
  start(): Promise<RcRoom> {
    return this.call((engine) => engine.start());
  }

  /**
   * Sends a message, optimistically: it is in the snapshot as `pending` at once, then `sent`
   * (`message-sent`) or `failed` (`message-failed`). Resolves when the server has it; a send
   * that got no answer is retried with the same id (on reconnect), never duplicated.
   */
  send(text: string): Promise<Message> {
    return this.call((engine) => engine.send(text));
  }

  /**
   * Uploads a file (`POST livechat/upload/:rid`) after checking it against the config: shown as
   * `pending` at once, then `sent` or `failed`; `onProgress` gets 0…1, `signal` aborts (`aborted`).
   */
  sendFile(file: Blob, options: SendFileOptions = {}): Promise<Message> {
    return this.call((engine) => engine.sendFile(file, options));
  }

  /** Sends a failed message again, with the same id. */
  retry(messageId: string): Promise<Message> {
    return this.call((engine) => engine.retry(messageId));
  }

  /** Tells the agent the visitor is typing (true on each keystroke) or stopped; throttled. */
  setTyping(isTyping: boolean): void {
    this.engine?.setTyping(isTyping);
  }

  /** Shares the visitor's draft with the agent (sneak peek); throttled, empty = stopped. */
  setSneakPeek(text: string): void {
    this.engine?.setSneakPeek(text);
  }

  /** Marks a message (default: the newest) and all before it as read: `message-read`. */
  markRead(messageId?: string): Promise<void> {
    return this.call((engine) => engine.markRead(messageId));
  }

  /**
   * The agent who would take a new chat (`GET livechat/agent.next/:token`), or null when nobody
   * is free, the server hides agents or the visitor is already chatting.
   */
  nextAgent(): Promise<AgentInfo | null> {
    return this.call((engine) => engine.nextAgent());
  }

  /** Older pages of this chat (`{done, value}`), each page oldest first, merged as they come. */
  history(): AsyncIterableIterator<Message[]> {
    return this.engine ? this.engine.history() : this.#historyOnceLoaded();
  }

  /** The agents of this chat with their connected and disconnected times (Genesys). */
  getAgents(): AgentRecord[] {
    return this.engine?.getAgents() ?? [];
  }

  /** `{startTime, endTime, duration, agents}` of this chat, in ms (Genesys). */
  getStats(): ChatStats {
    return this.engine?.getStats() ?? {startTime: null, endTime: null, duration: 0, agents: []};
  }

  /** Closes the chat as the visitor (`POST livechat/room.close`). */
  end(): Promise<void> {
    return this.call((engine) => engine.end());
  }

  /** Sends the survey in one `POST livechat/room.survey`; the comment is `additionalFeedback`. */
  rate(input: RateInput): Promise<void> {
    return this.call((engine) => engine.rate(input));
  }

  /** Asks the server to email this chat's transcript (`POST livechat/transcript`). */
  requestTranscript(email: string): Promise<void> {
    return this.call((engine) => engine.requestTranscript(email));
  }

  /** Sends the offline form (`POST livechat/offline.message`); creates no visitor. */
  leaveMessage(input: LeaveMessageInput): Promise<void> {
    return this.call((engine) => engine.leaveMessage(input));
  }

  /** Chooses the department: the visitor's before a chat, a transfer during one. */
  setDepartment(id: string): Promise<void> {
    return this.call((engine) => engine.setDepartment(id));
  }

  /** Reports the page the visitor is on (`POST livechat/page.visited`) once a visitor exists. */
  pageVisited(page: PageInfo): Promise<void> {
    return this.call((engine) => engine.pageVisited(page));
  }

  /**
   * Shows externally supplied history (marked `imported`, never sent); returns the transcript.
   * Before the engine is loaded the entries are shown once it is (a bad one then reaches
   * `error`), and the transcript returned is the one so far.
   */
  importHistory(entries: HistoryEntry[]): Message[] {
    if (this.engine) return this.engine.importHistory(entries);
    this.assertAlive();
    this.load()
      .then((engine) => engine.importHistory(entries))
      .catch((error: unknown) => this.emitter.emit('error', {error: toLiveChatError(error)}));
    return this.getTranscript();
  }

  /**
   * The element shows or hides the window: opening refreshes the config (then every 60 s while
   * offline) and marks messages read; `byVisitor` fires `chat-opened-by-visitor` triggers.
   */
  setWindowOpen(isOpen: boolean, options: {byVisitor?: boolean} = {}): void {
    // A window that was never opened has nothing to tell an engine that does not exist yet.
    if (!isOpen && !this.engine && !this.engineLoad) return;
    const byVisitor = options.byVisitor === true;
    this.call(async (engine) => {
      engine.setWindowOpen(isOpen);
      if (isOpen && byVisitor) this.#triggers?.notify('chat-opened-by-visitor');
    }).catch(() => undefined);
  }

  /** Keeps the draft and scroll (`null`: at the bottom) for `restored`; at once (`pagehide`). */
  saveView(view: Partial<Pick<SessionView, 'draft' | 'scrollTop' | 'reading'>>): void {
    this.engine?.saveView(view);
  }

  /**
   * Runs `config.triggers` in this page and returns the trigger engine, whose `onFire` tells the
   * element to open. Synchronous, so it needs the trigger code at hand: after `runTriggers()`
   * or once the engine is loaded (always, imported from `core/index.ts`).
   */
  useTriggers(env: TriggerEnvironment): TriggerEngine {
    this.assertAlive();
    const code = loadedTriggers ?? engineIfLoaded();
    if (!code) throw new LiveChatError('invalid-input', 'The trigger code is not loaded yet');
    this.#triggers?.stop();
    this.#triggers = code.clientTriggers(
      this,
      () => this.engine?.triggerHost,
      () => this.load().then((engine) => engine.triggerHost),
      env,
    );
    return this.#triggers;
  }

  /** `useTriggers()` after loading the trigger code alone (a small chunk), not the engine. */
  async runTriggers(env: TriggerEnvironment): Promise<TriggerEngine> {
    this.assertAlive();
    loadedTriggers ??= engineIfLoaded() ?? (await import('./triggers.js'));
    return this.useTriggers(env);
  }

  /**
   * Looks for an earlier session (without creating storage); if there is one, paints its cached
   * messages at once, then reconnects and catches up. Resolves whether one was found. The
   * engine is loaded only when the page may hold one; it reads it while the window loads.
   */
  async restore(): Promise<boolean> {
    this.assertAlive();
    if (!this.engine && !(await this.mayHaveSession())) return false;
    const shown = this.load().catch(() => undefined); // a failed window: opening tries again
    return (await (this.engineLoad ?? this.load())).restore(shown);
  }

  /** Fetches the config again (e.g. when the window opens); fires `service-online`/`-offline`. */
  refreshConfig(): Promise<RcConfig> {
    return this.call((engine) => engine.refreshConfig());
  }

  /** Skips the reconnect backoff (call it on `online` or when the page becomes visible). */
  reconnectNow(): void {
    this.engine?.reconnectNow();
  }

  /** Closes the live link (state is kept; the next `send`/`start` reconnects). */
  disconnect(): void {
    this.engine?.disconnect();
  }

  /** Stops everything for good: link, timers, listeners; pending calls reject `destroyed`. */
  destroy(): void {
    this.#triggers?.stop();
    this.stop();
  }

  async *#historyOnceLoaded(): AsyncIterableIterator<Message[]> {
    yield* (await this.load()).history();
  }
}
