import {restoreTimeoutMs} from './chat-context.js';
import type {ChatModel} from './chat-model.js';
import {ChatSession} from './chat-session.js';
import {statsOf} from './chat-stats.js';
import type {EngineInit} from './client-options.js';
import {systemClock} from './clock.js';
import {FileSender, uploaderFor} from './file-sender.js';
import {historyPages} from './history.js';
import {chatTriggerHost, importHistory} from './local-messages.js';
import {MessageSender} from './message-sender.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import {OnlineWatch} from './online-watch.js';
import {VisitorReads} from './read-receipts.js';
import {VisitorRequests} from './requests.js';
import {ChatState} from './state.js';
import {createSessionStore} from './store/create-session-store.js';
import {DdpConnection, websocketUrl} from './transport/ddp.js';
import {RestClient} from './transport/rest.js';
import {createSharedLink, type SharedLink} from './transport/shared-link.js';
import type {TriggerHost} from './triggers.js';
import {TypingNotifier, typingTarget} from './typing.js';
import type {
  HistoryEntry,
  LeaveMessageInput,
  PageInfo,
  RateInput,
  RegisterInput,
  SendFileOptions,
  VisitorUpdate,
} from './client-inputs.js';
import type {
  AgentInfo,
  AgentRecord,
  ChatStats,
  Message,
  SessionView,
  VisitorInfo,
} from './types.js';

// The client imports this module when it is first needed; these come along for the client's
// own use (the first config request's fallback, and `useTriggers()` once the engine is here).
export {RestClient} from './transport/rest.js';
export {clientTriggers} from './triggers.js';

/**
 * The working part of `LiveChatClient`, which the client loads only once a visitor needs it.
 * It builds every module of one chat here, and each method is the `LiveChatClient` method of
 * the same name (documented there): after `destroy()` it rejects `destroyed` (`alive()`), else
 * it hands the call to the module that owns the job.
 */
export class ChatEngine {
  /** The snapshot from now on (it goes on from the client's early one). */
  readonly model: ChatModel;
  /** The chat as a trigger engine sees it. */
  readonly triggerHost: TriggerHost;
  private readonly state: ChatState;
  /** Config, room lifecycle, live link and restore. */
  private readonly session: ChatSession;
  private readonly sender: MessageSender;
  private readonly files: FileSender;
  private readonly requests: VisitorRequests;
  private readonly typing: TypingNotifier;
  private readonly reads: VisitorReads;
  private readonly online: OnlineWatch;
  /** The site's one live link for all its tabs, where they share the session and can share it. */
  private readonly link: SharedLink | null;

  constructor({emitter, snapshot, options, server, siteId}: EngineInit) {
    const clock = options.clock ?? systemClock;
    const persist = options.persist ?? 'local';
    const sharesTabs = !options.store && persist === 'local';
    const url = websocketUrl(server);
    const {socketFactory} = options;
    const shares = sharesTabs && options.shareLink !== false;
    this.link = shares ? createSharedLink(siteId, url, {socketFactory, clock}) : null;
    const linkFactory = this.link?.socketFactory ?? socketFactory;
    const state = new ChatState(emitter, snapshot, clock);
    this.state = state;
    this.model = state.model;
    const session = new ChatSession({
      server,
      department: options.department,
      clock,
      emitter,
      state,
      model: state.model,
      rest: new RestClient({server, fetch: options.fetch, clock}),
      ddp: new DdpConnection(url, {socketFactory: linkFactory, clock}),
      store: options.store ?? createSessionStore(persist, siteId),
      uploader: uploaderFor(options.fetch),
      siteId,
      sharesTabs,
      restoreTimeoutMs: restoreTimeoutMs(options.restoreTimeout),
    });
    this.session = session;
    const {ctx, feed} = session;
    const start = () => session.start();
    this.sender = new MessageSender(ctx, feed, session);
    this.files = new FileSender(ctx, feed, start);
    this.requests = new VisitorRequests(ctx, session.visitors);
    this.typing = new TypingNotifier(ctx.ddp, clock, () => typingTarget(state));
    this.reads = new VisitorReads(ctx);
    const isOffline = () => state.snapshot.config?.online === false;
    this.online = new OnlineWatch(clock, emitter, () => session.loadConfig(), isOffline);
    this.triggerHost = chatTriggerHost(ctx, () => this.requests.nextAgent());
  }

  /** Fetches the config (with the token when known); `isFirst` fires `ready` or `error`. */
  loadConfig(isFirst = false): Promise<RcConfig> {
    return this.alive(() => this.session.loadConfig(isFirst));
  }

  /** The config as of now: a request on its way for the same visitor will do. */
  refreshConfig(): Promise<RcConfig> {
    return this.alive(() => this.session.loadConfig(false, true));
  }

  register(input: RegisterInput): Promise<VisitorInfo> {
    return this.alive(() => this.session.visitors.register(input));
  }

  updateVisitor(fields: VisitorUpdate): Promise<VisitorInfo> {
    return this.alive(() => this.session.visitors.update(fields ?? {}));
  }

  start(): Promise<RcRoom> {
    return this.alive(() => this.session.start());
  }

  send(text: string): Promise<Message> {
    return this.alive(() => this.visitorSent(this.sender.sendText(text)));
  }

  sendFile(file: Blob, options: SendFileOptions): Promise<Message> {
    return this.alive(() => this.visitorSent(this.files.send(file, options)));
  }

  retry(messageId: string): Promise<Message> {
    return this.alive(() =>
      this.files.has(messageId) ? this.files.retry(messageId) : this.sender.retry(messageId),
    );
  }

  setTyping(isTyping: boolean): void {
    this.typing.setTyping(isTyping);
  }

  setSneakPeek(text: string): void {
    // Drafts go only to a server that offers sneak peeks (the reference server's `sneakPeek`).
    this.typing.setSneakPeek(text, this.state.snapshot.config?.settings?.sneakPeek === true);
  }

  nextAgent(): Promise<AgentInfo | null> {
    return this.alive(() => this.requests.nextAgent());
  }

  async markRead(messageId?: string): Promise<void> {
    this.reads.markRead(messageId);
  }

  history(): AsyncIterableIterator<Message[]> {
    return historyPages(this.session.ctx, () => this.session.feed.mapContext());
  }

  getAgents(): AgentRecord[] {
    return this.state.stats.list();
  }

  getStats(): ChatStats {
    return statsOf(this.state.stats, this.state.snapshot, this.session.ctx.clock.now());
  }

  end(): Promise<void> {
    return this.alive(() => this.session.end());
  }

  rate(input: RateInput): Promise<void> {
    return this.alive(() => this.requests.rate(input));
  }

  requestTranscript(email: string): Promise<void> {
    return this.alive(() => this.requests.requestTranscript(email));
  }

  leaveMessage(input: LeaveMessageInput): Promise<void> {
    return this.alive(() => this.requests.leaveMessage(input));
  }

  setDepartment(id: string): Promise<void> {
    return this.alive(() => this.requests.setDepartment(id));
  }

  pageVisited(page: PageInfo): Promise<void> {
    return this.alive(() => this.requests.pageVisited(page));
  }

  importHistory(entries: HistoryEntry[]): Message[] {
    this.session.assertAlive();
    return importHistory(this.session.ctx, entries);
  }

  setWindowOpen(isOpen: boolean): void {
    if (this.session.isDestroyed) return;
    this.state.isWindowOpen = isOpen;
    this.online.setOpen(isOpen);
    if (isOpen) this.reads.markRead();
    this.session.keeper.saveView({open: isOpen});
  }

  saveView(view: Partial<Pick<SessionView, 'draft' | 'scrollTop' | 'reading'>>): void {
    if (!this.session.isDestroyed) this.session.keeper.saveView(view ?? {});
  }

  restore(shown?: Promise<unknown>): Promise<boolean> {
    return this.alive(() => this.session.keeper.restore(shown));
  }

  reconnectNow(): void {
    this.session.reconnectNow();
  }

  disconnect(): void {
    this.session.disconnect();
    // The page is going into the back/forward cache or being frozen: another tab leads.
    this.link?.leave();
  }

  destroy(): void {
    this.typing.dispose();
    this.reads.dispose();
    this.online.dispose();
    this.files.dispose();
    this.state.dispose();
    this.session.destroy();
    this.link?.dispose();
  }

  /** Runs `job` as a promise; after `destroy()` it rejects `destroyed`, and so does a throw. */
  private async alive<T>(job: () => T | Promise<T>): Promise<T> {
    this.session.assertAlive();
    return job();
  }

  /** The visitor sent something: typing stops and trigger greetings become part of the chat. */
  private visitorSent(sending: Promise<Message>): Promise<Message> {
    this.typing.sent();
    this.state.unansweredGreetings.clear();
    return sending;
  }
}
