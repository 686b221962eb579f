import {
  knownRoom,
  restoredMessages,
  sessionRecord,
  toVisitorInfo,
  type ChatContext,
  type ChatDeps,
} from './chat-context.js';
import {loadConfig} from './config-loader.js';
import {toLiveChatError} from './errors.js';
import {toAgentInfo} from './message-mapper.js';
import {MessageSender} from './message-sender.js';
import {Outbox} from './outbox.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import {RoomFeed} from './room-feed.js';
import {RoomStreams} from './room-streams.js';
import {SessionSync} from './session-sync.js';
import type {SessionRecord} from './store/session-store.js';
import {LiveChatError, type Message, type RegisterInput, type VisitorInfo} from './types.js';
import {VisitorManager} from './visitor-manager.js';

const destroyed = () => new LiveChatError('destroyed', 'The chat client was destroyed');
const noActiveChat = () => new LiveChatError('no-active-chat', 'There is no open chat');

/**
 * The visitor session behind `LiveChatClient`: config, visitor, room lifecycle, sending and
 * restoring. Live updates are `RoomFeed`'s job; this class decides when to open and close.
 */
export class ChatSession {
  private readonly ctx: ChatContext;
  private readonly feed: RoomFeed;
  private readonly visitors: VisitorManager;
  private readonly sender: MessageSender;
  private streams: RoomStreams | null = null;
  private startPromise: Promise<RcRoom> | null = null;
  private readonly startedRooms = new Set<string>();
  private isDestroyed = false;

  constructor(deps: ChatDeps) {
    const token = () => this.visitors.token;
    const outbox = new Outbox({
      rest: deps.rest,
      clock: deps.clock,
      token,
      canSend: () => deps.ddp.isConnected,
      confirm: (raw) => this.feed.ingest([raw]),
      fail: (id, error) => this.feed.failMessage(id, error),
      persist: () => sync.save(),
    });
    const sync = new SessionSync(deps.store, () => sessionRecord(this.ctx), (error) => {
      deps.emitter.emit('error', {error});
    });
    this.ctx = {...deps, token, outbox, sync};
    this.visitors = new VisitorManager(deps, sync);
    this.feed = new RoomFeed(this.ctx);
    this.sender = new MessageSender(this.ctx, this.feed, () => this.start());
    deps.ddp.on('status', ({status}) => {
      deps.model.patch({connection: status});
      if (status === 'connected') void this.handleConnected();
    });
    deps.ddp.on('reconnected', () => void this.loadConfig().catch(() => undefined));
  }

  /** Throws `destroyed` after `destroy()`. */
  assertAlive(): void {
    if (this.isDestroyed) throw destroyed();
  }

  /** Fetches the config (with the token when known) and applies its online state. */
  loadConfig(isFirst = false): Promise<RcConfig> {
    return loadConfig(this.ctx, this.visitors.token, isFirst);
  }

  /** `POST livechat/visitor` with the given fields, at once. */
  register(input: RegisterInput): Promise<VisitorInfo> {
    return this.visitors.register(input);
  }

  /** Ensures the visitor and an open room (one request at a time), then listens to it. */
  start(): Promise<RcRoom> {
    if (this.isDestroyed) return Promise.reject(destroyed());
    const {room, state} = this.ctx.model.snapshot;
    if (room && (state === 'connecting' || state === 'active')) {
      this.ensureLink();
      return Promise.resolve(room);
    }
    this.startPromise ??= this.openRoom().finally(() => {
      this.startPromise = null;
    });
    return this.startPromise;
  }

  /** Shows `text` as pending at once, then queues it for exactly-once delivery. */
  send(id: string, text: string): Promise<Message> {
    return this.sender.send(id, text);
  }

  /** Resends a failed message under its id. */
  retry(id: string): Promise<Message> {
    return this.sender.retry(id);
  }

  /** Closes the room as the visitor; `room-closed` from the server counts as done. */
  async end(): Promise<void> {
    const {model, rest} = this.ctx;
    const room = model.snapshot.room;
    if (!room || !this.visitors.token || model.snapshot.state === 'ended') throw noActiveChat();
    try {
      await rest.closeRoom(room._id, this.visitors.token);
    } catch (error) {
      const wrapped = toLiveChatError(error);
      if (wrapped.code !== 'room-closed') throw wrapped;
    }
    this.feed.handleClosed(room._id, 'visitor');
  }

  /** Restores a stored session: cached transcript first, then the server's view of the room. */
  async restore(): Promise<boolean> {
    const {store, model, emitter} = this.ctx;
    let record: SessionRecord | null;
    try {
      record = await store.load();
    } catch (error) {
      const wrapped = new LiveChatError('storage', 'The stored chat session could not be read');
      wrapped.cause = error;
      emitter.emit('restore-failed', {error: wrapped});
      return false;
    }
    if (!record || this.isDestroyed) return false;
    this.ctx.sync.enable();
    this.visitors.token = record.token;
    const visitor = record.visitor ?? {token: record.token};
    model.patch({visitor, messages: restoredMessages(record)});
    for (const entry of record.outbox) this.ctx.outbox.add(entry);
    emitter.emit('restored', {messages: record.messages.length});
    if (record.rid) await this.resumeRoom(record.rid, visitor);
    return true;
  }

  /** Retries the live link at once, if it is waiting to reconnect. */
  reconnectNow(): void {
    if (!this.isDestroyed) this.ctx.ddp.reconnectNow();
  }

  /** Closes the live link; the session stays and the next `start`/`send` reconnects. */
  disconnect(): void {
    this.ctx.ddp.close();
  }

  /** Stops the link, timers and pending promises for good. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.ctx.sync.disable();
    this.streams?.stop();
    this.streams = null;
    this.ctx.ddp.close();
    this.ctx.ddp.clear();
    this.ctx.outbox.dispose(destroyed());
  }

  private async resumeRoom(rid: string, visitor: VisitorInfo): Promise<void> {
    const {model, server} = this.ctx;
    const config = await this.loadConfig().catch(() => null);
    if (config?.guest) model.patch({visitor: toVisitorInfo(config.guest, visitor.token)});
    const isOpen = (room: RcRoom | undefined) => room && room.open !== false && !room.closedAt;
    // Without a config (network down) assume the room is still open; the link will tell.
    const assumed = knownRoom(rid, visitor, true);
    const openRoom = config ? (isOpen(config.room) ? config.room : undefined) : assumed;
    if (openRoom) {
      if (openRoom._id !== rid) model.patch({messages: []});
      if (config?.agent) model.patch({agent: toAgentInfo(config.agent, server)});
      this.attachRoom(openRoom);
      this.ctx.outbox.flush();
      return;
    }
    // Closed while the visitor was away: show how it ended, and nothing can be sent any more.
    model.patch({room: knownRoom(rid, model.snapshot.visitor ?? visitor, false), state: 'ended'});
    for (const entry of this.ctx.outbox.list()) {
      this.feed.failMessage(entry.id, new LiveChatError('room-closed', 'The chat has ended'));
    }
    await this.feed.catchUp();
  }

  private async openRoom(): Promise<RcRoom> {
    const {model, rest, emitter} = this.ctx;
    this.ctx.sync.enable();
    if (model.snapshot.state === 'ended') this.resetRoom();
    await this.loadConfig().catch(() => undefined);
    const visitor = await this.visitors.ensure();
    let answer: {room: RcRoom; newRoom: boolean};
    try {
      answer = await rest.room(visitor.token);
    } catch (error) {
      const wrapped = toLiveChatError(error);
      if (wrapped.code === 'offline') model.patch({state: 'offline'});
      throw wrapped;
    }
    const {room} = answer;
    this.attachRoom(room);
    if (!this.startedRooms.has(room._id)) {
      this.startedRooms.add(room._id);
      emitter.emit('chat-started', {rid: room._id});
    }
    void this.feed.fetchAgent(room);
    await this.ctx.sync.save();
    return room;
  }

  private attachRoom(room: RcRoom): void {
    const {model, ddp} = this.ctx;
    const token = this.visitors.token;
    if (!token) return;
    model.patch({room, state: model.snapshot.agent || room.servedBy ? 'active' : 'connecting'});
    if (this.streams?.rid !== room._id) {
      this.streams?.stop();
      this.streams = new RoomStreams(ddp, room._id, token, this.feed);
      if (ddp.isConnected) void this.catchUpWhenSubscribed();
    }
    this.ensureLink();
  }

  private async handleConnected(): Promise<void> {
    this.ctx.outbox.flush();
    const state = this.ctx.model.snapshot.state;
    const isLive = state === 'connecting' || state === 'active';
    if (this.streams && isLive) await this.catchUpWhenSubscribed();
  }

  private async catchUpWhenSubscribed(): Promise<void> {
    // Subscribed first, then fetched: a message sent in between arrives by one path or the other.
    await this.streams?.ready();
    await this.feed.catchUp();
  }

  private resetRoom(): void {
    this.streams?.stop();
    this.streams = null;
    const cleared = {room: null, agent: null, messages: [], agentTyping: false} as const;
    this.ctx.model.patch({...cleared, state: 'idle'});
  }

  private ensureLink(): void {
    if (this.ctx.ddp.status === 'disconnected') this.ctx.ddp.connect().catch(() => undefined);
  }
}
