import {nanoid} from 'nanoid';
import {toWellFormed, type RcMessage} from '../core/protocol/index.js';
import {websocketUrl} from '../core/transport/socket.js';
import {AgentApi, AgentApiError} from './api.js';
import {ConsoleStore} from './console-store.js';
import {HistoryModel} from './history-model.js';
import {Inbox} from './inbox.js';
import {AgentLive} from './live.js';
import {ReadMarker} from './read-marker.js';
import {keepOpenChat, openChatOf} from './tab-memory.js';
import {TransferModel} from './transfer-model.js';
import type {AgentRoom, AgentSession, ConsoleMessage} from './types.js';

/** Rocket.Chat's widget re-sends "typing" every 4.5 s and says "stopped" after 5 s of quiet. */
const TYPING_REFRESH_MS = 4500;
const TYPING_IDLE_MS = 5000;
/** A visitor who stops typing without saying so (tab closed) stops showing after this. */
const VISITOR_TYPING_TIMEOUT_MS = 15000;

/** What a `ConsoleController` needs to run one session. */
export interface ConsoleControllerOptions {
  /** The server's HTTP origin, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  session: AgentSession;
  /** Called once when the server refuses the session's credentials. */
  onUnauthorized: () => void;
  /** Told what to show when the server holds calls back (429, `AgentApiError.limitText`). */
  onNotice?: (text: string) => void;
}

/**
 * Runs one logged-in console session: REST calls, the live DDP connection and the store that
 * the views render. Holds no DOM.
 */
export class ConsoleController {
  readonly store: ConsoleStore;
  /** Offline messages and the queue of waiting chats. */
  readonly inbox: Inbox;
  /** Closed chats and their search (the History section). */
  readonly history: HistoryModel;
  /** The transfer dialog's choices and state. */
  readonly transfer: TransferModel;
  private readonly api: AgentApi;
  private readonly live: AgentLive;
  private readonly reads: ReadMarker;
  private readonly options: ConsoleControllerOptions;
  private readonly visitorTypingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private typing: {rid: string; sentAt: number; timer: ReturnType<typeof setTimeout>} | null = null;
  private roomsReload: Promise<void> | null = null;
  private roomChangesMeanwhile: Map<string, AgentRoom | null> | null = null;
  private isDisposed = false;

  constructor(options: ConsoleControllerOptions) {
    this.options = options;
    this.store = new ConsoleStore(options.session.userId);
    this.api = new AgentApi(options.baseUrl, options.session, options.onNotice);
    this.inbox = new Inbox(this.api);
    this.reads = new ReadMarker(this.api, this.store, options.session.userId);
    this.history = new HistoryModel(this.api);
    this.transfer = new TransferModel(this.api);
    this.live = new AgentLive(websocketUrl(options.baseUrl), options.session, {
      onMessage: (m) => this.handleLiveMessage(m),
      onRoomChange: (action, room) => this.handleRoomChange(action, room),
      onVisitorTyping: (rid, isTyping, draft) => this.handleVisitorTyping(rid, isTyping, draft),
      onQueueChanged: () => void this.inbox.loadQueue(),
      onConnection: (status) => this.store.setConnection(status),
      onResumed: () => void this.refresh(),
      onUnauthorized: () => this.unauthorized(),
    });
  }

  /** Loads the open rooms (rejects with `AgentApiError` when the session is refused), goes live. */
  async start(): Promise<void> {
    const [isAvailable, rooms] = await Promise.all([this.api.isAvailable(), this.api.openRooms()]);
    this.store.setAvailable(isAvailable);
    this.store.setRooms(rooms);
    this.live.start();
    this.live.watchTyping(this.store.openRoomIds());
    void this.inbox.loadQueue();
    void this.inbox.loadOffline();
    // A reload comes back to the chat that was open, if it is still the agent's.
    const open = openChatOf();
    if (open && this.store.room(open)) void this.select(open);
  }

  /** Opens a room in the conversation pane, fetching its messages the first time. */
  async select(rid: string | null): Promise<void> {
    this.store.select(rid);
    keepOpenChat(rid);
    if (!rid) return;
    void this.loadFeedback(rid);
    if (!this.store.isLoaded(rid)) await this.loadMessages(rid);
  }

  /** Takes a waiting chat and opens it once it is among the agent's rooms. */
  async take(inquiryId: string): Promise<void> {
    const rid = await this.guard(this.inbox.take(inquiryId));
    if (!rid) return;
    if (!this.store.room(rid)) await this.reloadRooms();
    await this.select(rid);
  }

  /** Sends a reply, shown at once as pending. */
  async send(rid: string, text: string): Promise<void> {
    this.stopTyping();
    const me = this.options.session.me;
    const message: ConsoleMessage = {
      id: nanoid(),
      rid,
      text: toWellFormed(text), // a lone surrogate would be refused, and each retry too
      ts: Date.now(),
      authorName: me.name || me.username,
      authorId: me._id,
      role: 'agent',
      status: 'pending',
    };
    this.store.addPending(message);
    await this.deliver(message);
  }

  /** Sends a failed reply again, with the same id so the server cannot store it twice. */
  async retry(rid: string, id: string): Promise<void> {
    const message = this.store.failedReplies().find((m) => m.id === id && m.rid === rid);
    if (!message) return;
    this.store.setStatus(rid, id, 'pending');
    await this.deliver(message);
  }

  /** Closes a room, with the agent's comment and tags; the visitor sees the chat end. */
  async close(rid: string, comment: string, tags: readonly string[] = []): Promise<void> {
    this.stopTyping();
    await this.guard(this.api.closeRoom(rid, comment || undefined, tags));
    this.store.closeRoom(rid);
  }

  /** Hands a chat to another agent or department; it leaves this console once moved. */
  async forward(
    rid: string,
    to: {userId?: string; departmentId?: string},
    comment: string,
  ): Promise<void> {
    this.stopTyping();
    if (!(await this.transfer.send(rid, to, comment))) return;
    this.store.closeRoom(rid);
    if (this.store.snapshot.selected?.rid === rid) this.store.select(null);
  }

  /** Switches whether new chats are routed to this agent. */
  async setAvailable(isAvailable: boolean): Promise<void> {
    await this.guard(this.api.setStatus(isAvailable ? 'available' : 'not-available'));
    this.store.setAvailable(isAvailable);
  }

  /** Replaces the agent's picture, which visitors see on the agent card. */
  async setAvatar(file: Blob): Promise<void> {
    await this.guard(this.api.setAvatar(file));
  }

  /** Tells the visitor the agent is typing (throttled) or has stopped. */
  setTyping(rid: string, isTyping: boolean): void {
    if (!isTyping || (this.typing && this.typing.rid !== rid)) this.stopTyping();
    if (!isTyping) return;
    const now = Date.now();
    if (!this.typing || now - this.typing.sentAt >= TYPING_REFRESH_MS) {
      this.live.sendTyping(rid, true);
      if (this.typing) clearTimeout(this.typing.timer);
      this.typing = {rid, sentAt: now, timer: setTimeout(() => this.stopTyping(), TYPING_IDLE_MS)};
      return;
    }
    clearTimeout(this.typing.timer);
    this.typing.timer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  /** Ends the session on the server too (best effort: the tab forgets it either way). */
  logout(): Promise<void> {
    this.dispose();
    return this.api.logout().catch(() => undefined);
  }

  /** Closes the connection and every timer. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.stopTyping();
    this.history.dispose();
    this.inbox.dispose();
    for (const timer of this.visitorTypingTimers.values()) clearTimeout(timer);
    this.visitorTypingTimers.clear();
    this.live.close();
    this.reads.dispose();
  }

  private async deliver(message: ConsoleMessage): Promise<void> {
    try {
      await this.api.send(message.rid, message.text, message.id);
      this.store.setStatus(message.rid, message.id, 'sent');
    } catch (error) {
      if (error instanceof AgentApiError && error.isUnauthorized) this.unauthorized();
      this.store.setStatus(message.rid, message.id, 'failed');
    }
  }

  private stopTyping(): void {
    if (!this.typing) return;
    clearTimeout(this.typing.timer);
    this.live.sendTyping(this.typing.rid, false);
    this.typing = null;
  }

  private async loadFeedback(rid: string): Promise<void> {
    const feedback = await this.guard(this.api.roomFeedback(rid)).catch(() => null);
    if (feedback) this.store.setFeedback(feedback);
  }

  private async loadMessages(rid: string): Promise<void> {
    const messages = await this.guard(this.api.messages(rid)).catch(() => null);
    if (messages) this.store.setMessages(rid, messages);
  }

  /** Live (again): what came before the streams; failed replies go again (same ids, once). */
  private async refresh(): Promise<void> {
    void this.inbox.loadQueue();
    void this.inbox.loadOffline();
    await this.reloadRooms();
    this.store.markStale();
    for (const message of this.store.failedReplies()) void this.retry(message.rid, message.id);
    const rid = this.store.snapshot.selected?.rid;
    if (rid) await this.loadMessages(rid);
  }

  private reloadRooms(): Promise<void> {
    if (this.roomsReload) return this.roomsReload;
    // The server's list may predate rooms the live stream brought meanwhile: those go on top.
    const meanwhile = new Map<string, AgentRoom | null>();
    this.roomChangesMeanwhile = meanwhile;
    this.roomsReload = this.guard(this.api.openRooms())
      .then((rooms) => {
        this.store.setRooms(rooms, new Set(meanwhile.keys()));
        for (const [rid, room] of meanwhile) {
          if (room) this.store.upsertRoom(room);
          else this.store.closeRoom(rid);
        }
        this.live.watchTyping(this.store.openRoomIds());
      })
      .catch(() => undefined)
      .finally(() => {
        this.roomsReload = null;
        this.roomChangesMeanwhile = null;
      });
    return this.roomsReload;
  }

  private handleLiveMessage(message: RcMessage): void {
    if (this.store.room(message.rid)) this.store.receive(message);
    else void this.reloadRooms().then(() => this.store.receive(message));
    if (message.token) this.handleVisitorTyping(message.rid, false);
    // The live stream carries no signed file link; the room's REST page does (fetched again
    // even while a first fetch is on its way: that one may predate the file).
    if (message.file && !message.fileUpload) void this.loadMessages(message.rid);
    if (message.t === 'livechat-close') this.live.watchTyping(this.store.openRoomIds());
  }

  private handleRoomChange(action: 'inserted' | 'updated' | 'removed', room: AgentRoom): void {
    this.roomChangesMeanwhile?.set(room._id, action === 'removed' ? null : room);
    if (action === 'removed') this.store.closeRoom(room._id);
    else this.store.upsertRoom(room);
    // Ratings and transcript requests come after the chat ended; messages update open rooms.
    const isSelected = room._id === this.store.snapshot.selected?.rid;
    if (action === 'updated' && room.open === false && isSelected) {
      void this.loadFeedback(room._id);
    }
    this.live.watchTyping(this.store.openRoomIds());
  }

  private handleVisitorTyping(rid: string, isTyping: boolean, draft = ''): void {
    clearTimeout(this.visitorTypingTimers.get(rid));
    this.visitorTypingTimers.delete(rid);
    if (isTyping) {
      const stop = () => this.handleVisitorTyping(rid, false);
      this.visitorTypingTimers.set(rid, setTimeout(stop, VISITOR_TYPING_TIMEOUT_MS));
    }
    this.store.setTyping(rid, isTyping, draft);
  }

  private async guard<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof AgentApiError && error.isUnauthorized) this.unauthorized();
      throw error;
    }
  }

  private unauthorized(): void {
    if (this.isDisposed) return;
    this.dispose();
    this.options.onUnauthorized();
  }
}
