import {createChatExtras} from './chat-extras.js';
import {ChatFeatures} from './chat-features.js';
import {ChatModel} from './chat-model.js';
import {ChatSession} from './chat-session.js';
import {restoreTimeoutMs, type LiveChatClientOptions} from './client-options.js';
import {systemClock} from './clock.js';
import type {Emitter} from './emitter.js';
import {newMessageId} from './ids.js';
import {messageText} from './message-sender.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import {createSessionStore} from './store/create-session-store.js';
import {DdpConnection, websocketUrl} from './transport/ddp.js';
import {RestClient} from './transport/rest.js';
import {createSharedLink, type SharedLink} from './transport/shared-link.js';
import type {TriggerHost} from './triggers.js';
import {
  LiveChatError,
  type AgentInfo,
  type AgentRecord,
  type ChatClientEvents,
  type ChatSnapshot,
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

// The client imports this module when it is first needed; these come along for the client's
// own use (the first config request's fallback, and `useTriggers()` once the engine is here).
export {RestClient} from './transport/rest.js';
export {TriggerEngine} from './triggers.js';

/** What the client hands its engine: its events, its snapshot so far, and its options. */
export interface EngineInit {
  emitter: Emitter<ChatClientEvents>;
  snapshot: ChatSnapshot;
  options: LiveChatClientOptions;
  /** The server's base URL (`serverBase()`) and storage namespace (`siteIdFor()`). */
  server: string;
  siteId: string;
}

/**
 * The working part of `LiveChatClient`: session, live link, outbox, store and features, which
 * the client loads only once a visitor needs them. Each method is the `LiveChatClient` method
 * of the same name, which the client delegates here (and documents).
 */
export class ChatEngine {
  /** The snapshot from now on (it goes on from the client's early one). */
  readonly model: ChatModel;
  /** The chat as a trigger engine sees it. */
  readonly triggerHost: TriggerHost;
  private readonly session: ChatSession;
  private readonly features: ChatFeatures;
  /** The site's one live link for all its tabs, where they share the session and can share it. */
  private readonly link: SharedLink | null;

  constructor({emitter, snapshot, options, server, siteId}: EngineInit) {
    const clock = options.clock ?? systemClock;
    const persist = options.persist ?? 'local';
    const sharesTabs = !options.store && persist === 'local';
    const url = websocketUrl(server);
    const {socketFactory} = options;
    this.link = sharesTabs && options.shareLink !== false
      ? createSharedLink(siteId, url, {socketFactory, clock})
      : null;
    this.model = new ChatModel(emitter, snapshot);
    this.session = new ChatSession({
      server,
      department: options.department,
      clock,
      emitter,
      model: this.model,
      rest: new RestClient({server, fetch: options.fetch, clock}),
      ddp: new DdpConnection(url, {socketFactory: this.link?.socketFactory ?? socketFactory, clock}),
      store: options.store ?? createSessionStore(persist, siteId),
      siteId,
      sharesTabs,
      restoreTimeoutMs: restoreTimeoutMs(options.restoreTimeout),
      extras: createChatExtras(options.fetch),
    });
    this.features = new ChatFeatures(this.session);
    this.triggerHost = this.features.triggerHost();
  }

  /** Fetches the config (with the token when known); `isFirst` fires `ready` or `error`. */
  loadConfig(isFirst = false): Promise<RcConfig> {
    this.session.assertAlive();
    return this.session.loadConfig(isFirst);
  }

  /** The config as of now: a request on its way for the same visitor will do. */
  refreshConfig(): Promise<RcConfig> {
    this.session.assertAlive();
    return this.session.loadConfig(false, true);
  }

  async register(input: RegisterInput): Promise<VisitorInfo> {
    this.session.assertAlive();
    return this.session.register(input);
  }

  async updateVisitor(fields: VisitorUpdate): Promise<VisitorInfo> {
    this.session.assertAlive();
    return this.session.visitors.update(fields ?? {});
  }

  start(): Promise<RcRoom> {
    return this.session.start();
  }

  async send(text: string): Promise<Message> {
    this.session.assertAlive();
    const trimmed = messageText(text, this.model.snapshot.config?.settings?.limitTextLength);
    if (this.model.snapshot.state === 'ended') throw noActiveChat();
    this.features.visitorSent();
    return this.session.send(newMessageId(), trimmed);
  }

  async sendFile(file: Blob, options: SendFileOptions): Promise<Message> {
    this.session.assertAlive();
    if (this.model.snapshot.state === 'ended') throw noActiveChat();
    const sending = this.features.files.send(file, options);
    this.features.visitorSent();
    return sending;
  }

  async retry(messageId: string): Promise<Message> {
    this.session.assertAlive();
    const {files} = this.features;
    return files.has(messageId) ? files.retry(messageId) : this.session.retry(messageId);
  }

  setTyping(isTyping: boolean): void {
    this.features.typing.setTyping(isTyping);
  }

  setSneakPeek(text: string): void {
    const draft = typeof text === 'string' ? text : '';
    // Drafts go only to a server that offers sneak peeks (the reference server's `sneakPeek`);
    // elsewhere the visitor's keystrokes only say "typing".
    if (this.model.snapshot.config?.settings?.sneakPeek === true) {
      this.features.typing.setSneakPeek(draft);
    } else {
      this.features.typing.setTyping(draft.trim() !== '');
    }
  }

  async nextAgent(): Promise<AgentInfo | null> {
    this.session.assertAlive();
    return this.features.nextAgent();
  }

  async markRead(messageId?: string): Promise<void> {
    this.features.markRead(messageId);
  }

  history(): AsyncIterableIterator<Message[]> {
    return this.features.history();
  }

  getAgents(): AgentRecord[] {
    return this.features.getAgents();
  }

  getStats(): ChatStats {
    return this.features.getStats();
  }

  async end(): Promise<void> {
    this.session.assertAlive();
    return this.session.end();
  }

  async rate(input: RateInput): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.rate(input);
  }

  async requestTranscript(email: string): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.requestTranscript(email);
  }

  async leaveMessage(input: LeaveMessageInput): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.leaveMessage(input);
  }

  async setDepartment(id: string): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.setDepartment(id);
  }

  async pageVisited(page: PageInfo): Promise<void> {
    this.session.assertAlive();
    return this.features.actions.pageVisited(page);
  }

  importHistory(entries: HistoryEntry[]): Message[] {
    this.session.assertAlive();
    return this.features.importHistory(entries);
  }

  setWindowOpen(isOpen: boolean): void {
    this.features.setWindowOpen(isOpen);
    this.session.saveView({open: isOpen});
  }

  saveView(view: Partial<Pick<SessionView, 'draft' | 'scrollTop'>>): void {
    this.session.saveView(view ?? {});
  }

  async restore(): Promise<boolean> {
    this.session.assertAlive();
    return this.session.restore();
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
    this.features.dispose();
    this.session.destroy();
    this.link?.dispose();
  }
}

function noActiveChat(): LiveChatError {
  return new LiveChatError('no-active-chat', 'The chat has ended');
}
