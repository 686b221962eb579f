import {sessionRecord, type ChatContext, type ChatDeps} from './chat-context.js';
import {catchUp, cursorFor} from './catch-up.js';
import {PER_CHAT} from './chat-model.js';
import {loadConfig} from './config-loader.js';
import {destroyed, toLiveChatError} from './errors.js';
import {Outbox} from './outbox.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import {applyRoomRead} from './read-receipts.js';
import {RoomFeed} from './room-feed.js';
import {RoomStreams} from './room-streams.js';
import {SessionKeeper} from './session-keeper.js';
import {SessionSync} from './session-sync.js';
import {linkFailure} from './transport/ddp-error.js';
import {LiveChatError} from './types.js';
import {VisitorManager} from './visitor-manager.js';

const noActiveChat = () => new LiveChatError('no-active-chat', 'There is no open chat');

/**
 * The visitor session behind `LiveChatClient`: config, visitor, room lifecycle, sending and
 * restoring. Live updates are `RoomFeed`'s job; this class decides when to open and close.
 */
export class ChatSession {
  /** The shared context (ChatFeatures builds on it). */
  readonly ctx: ChatContext;
  readonly feed: RoomFeed;
  readonly visitors: VisitorManager;
  /** Persistence and tabs: restore, the view, following other tabs. */
  readonly keeper: SessionKeeper;
  #streams: RoomStreams | null = null;
  #startPromise: Promise<RcRoom> | null = null;
  readonly #startedRooms = new Set<string>();
  #destroyedFlag = false;
  #configLoad: {token: string | null; answer: Promise<RcConfig>} | null = null;

  constructor(deps: ChatDeps) {
    const outbox = new Outbox({
      rest: deps.rest,
      clock: deps.clock,
      token: () => deps.state.token,
      canSend: () => deps.ddp.isConnected,
      confirm: (raw) => this.feed.ingest([raw]),
      fail: (id, error) => this.feed.failMessage(id, error),
      persist: () => sync.save(),
    });
    const onError = (error: LiveChatError) => deps.emitter.emit('error', {error});
    const sync = new SessionSync(deps.store, () => sessionRecord(this.ctx), onError, {
      isShared: deps.sharesTabs,
      exclusive: (task) => this.keeper.exclusiveSave(task),
      onSaved: (record) => this.keeper.saved(record),
    });
    this.ctx = {...deps, outbox, sync};
    this.visitors = new VisitorManager(deps, sync);
    this.feed = new RoomFeed(this.ctx);
    this.keeper = new SessionKeeper({
      ctx: this.ctx,
      feed: this.feed,
      visitors: this.visitors,
      // Resuming as the window opens: one request serves both.
      loadConfig: () => this.loadConfig(false, true),
      start: () => this.start(),
      attachRoom: (room) => this.#attachRoom(room),
      resetRoom: () => this.#resetRoom(),
      isDestroyed: () => this.isDestroyed,
    });
    deps.ddp.on('status', ({status}) => {
      // Refused for good (docs/reliability.md): the link stays down, which is not an ordinary
      // disconnect.
      deps.model.patch({connection: deps.ddp.fatalError ? 'failed' : status});
      if (status === 'connected') void this.#handleConnected();
    });
    deps.ddp.on('error', ({error}) => {
      if (error.error === 'failed') deps.emitter.emit('error', {error: linkFailure(error)});
    });
    deps.ddp.on('reconnected', () => void this.loadConfig().catch(() => undefined));
  }

  /** Whether `destroy()` ran. */
  get isDestroyed(): boolean {
    return this.#destroyedFlag;
  }

  /** Throws `destroyed` after `destroy()`. */
  assertAlive(): void {
    if (this.isDestroyed) throw destroyed();
  }

  /**
   * Fetches the config (with the token when known) and applies its online state. With
   * `mayShare`, a request for the same token already on its way will do (the window opening
   * as a session resumes); other callers want the server's state after a change.
   */
  loadConfig(isFirst = false, mayShare = false): Promise<RcConfig> {
    const token = this.ctx.state.token;
    if (mayShare && this.#configLoad?.token === token) return this.#configLoad.answer;
    const answer = loadConfig(this.ctx, token, isFirst);
    const load = {token, answer};
    this.#configLoad = load;
    const done = () => {
      if (this.#configLoad === load) this.#configLoad = null;
    };
    answer.then(done, done);
    return answer;
  }

  /** Ensures the visitor and an open room (one request at a time), then listens to it. */
  start(): Promise<RcRoom> {
    if (this.isDestroyed) return Promise.reject(destroyed());
    const room = this.ctx.model.snapshot.room;
    if (room && this.ctx.state.isChatting()) {
      this.#ensureLink();
      return Promise.resolve(room);
    }
    this.#startPromise ??= this.#openRoom().finally(() => {
      this.#startPromise = null;
    });
    return this.#startPromise;
  }

  /** Closes the room as the visitor; `room-closed` from the server counts as done. */
  async end(): Promise<void> {
    const {model, rest, state} = this.ctx;
    const room = model.snapshot.room;
    const token = state.token;
    if (!room || !token || model.snapshot.state === 'ended') throw noActiveChat();
    try {
      await rest.closeRoom(room._id, token);
    } catch (error) {
      const wrapped = toLiveChatError(error);
      if (wrapped.code !== 'room-closed') throw wrapped;
    }
    this.feed.handleClosed(room._id, 'visitor');
  }

  /** Retries the live link at once (or checks that it is still alive), if a chat needs it. */
  reconnectNow(): void {
    if (this.isDestroyed) return;
    const {state, ddp} = this.ctx;
    // After disconnect() (the page went into the back/forward cache) the link is off: reopen.
    if (ddp.status === 'disconnected') {
      return void (this.#streams && state.isChatting() && this.#ensureLink());
    }
    ddp.reconnectNow();
  }

  /** Closes the live link; the session stays and the next `start`/`send` reconnects. */
  disconnect(): void {
    this.ctx.ddp.close();
  }

  /** Stops the link, timers and pending promises for good. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.#destroyedFlag = true;
    // The latest state (a reply that just arrived) must not wait on a queued save that
    // `disable()` would cancel: the next page restores from what is written here.
    this.ctx.sync.flush();
    this.ctx.sync.disable();
    this.keeper.dispose();
    this.#streams?.stop();
    this.#streams = null;
    this.ctx.ddp.close();
    this.ctx.ddp.clear();
    this.ctx.outbox.dispose(destroyed());
  }

  async #openRoom(): Promise<RcRoom> {
    const {model, emitter} = this.ctx;
    this.ctx.sync.enable();
    if (model.snapshot.state === 'ended') this.#resetRoom();
    const config = await this.loadConfig().catch(() => undefined);
    if (config?.online === false) throw new LiveChatError('offline', 'No agent is online');
    const visitor = await this.keeper.ensureVisitor();
    let answer: {room: RcRoom; newRoom: boolean};
    try {
      answer = await this.visitors.room(visitor, () => this.keeper.ensureVisitor());
    } catch (error) {
      const wrapped = toLiveChatError(error);
      if (wrapped.code === 'offline') model.patch({state: 'offline'});
      throw wrapped;
    }
    this.assertAlive(); // The page went away meanwhile: the next one takes the session up.
    const {room} = answer;
    this.#attachRoom(room);
    if (!this.#startedRooms.has(room._id)) {
      this.#startedRooms.add(room._id);
      emitter.emit('chat-started', {rid: room._id});
    }
    void this.feed.fetchAgent(room);
    // A room waiting for an agent: its place in line is in the config (`queueInfo`), since the
    // server's first `queueData` may go out before the subscription.
    if (!room.servedBy) void this.loadConfig().catch(() => undefined);
    await this.ctx.sync.save();
    return room;
  }

  #attachRoom(room: RcRoom): void {
    const {model, ddp} = this.ctx;
    const token = this.ctx.state.token;
    if (!token) return;
    model.patch({room, state: model.snapshot.agent || room.servedBy ? 'active' : 'connecting'});
    applyRoomRead(this.ctx, room);
    // Messages written before the room existed (message-sender.ts) go to it now.
    for (const entry of this.ctx.outbox.list().filter((e) => !e.rid)) {
      this.ctx.outbox.add({...entry, rid: room._id});
      model.setStatus(entry.id, 'pending', room._id);
    }
    if (this.#streams?.rid !== room._id) {
      this.#streams?.stop();
      this.#streams = new RoomStreams(ddp, room._id, token, this.feed);
      if (ddp.isConnected) void this.#catchUpWhenSubscribed();
    }
    this.#ensureLink();
  }

  async #handleConnected(): Promise<void> {
    const {ddp, state, outbox} = this.ctx;
    // Binds the visitor's presence to this socket (the shared link's hub sends it on the real
    // one, after each reconnect or takeover). A server may refuse it; the chat goes on.
    const {token} = state;
    if (token) ddp.call('livechat:setUpConnection', [{token}]).catch(() => undefined);
    outbox.flush();
    if (this.#streams && this.ctx.state.isChatting()) await this.#catchUpWhenSubscribed();
  }

  async #catchUpWhenSubscribed(): Promise<void> {
    // Subscribed first, then fetched: a message sent in between arrives by one path or the other.
    // The fetch starts where the cursor stood as the subscription went out (this task): a
    // message the link brings meanwhile (the visitor's own echo) would move it past one sent
    // before the subscription, which the link never brings (an agent joining a new room).
    const rid = this.ctx.model.snapshot.room?._id;
    const start = rid ? {rid, since: cursorFor(this.ctx.state, rid)} : undefined;
    await this.#streams?.ready();
    await catchUp(this.ctx, this.feed, start);
  }

  #resetRoom(): void {
    this.#streams?.stop();
    this.#streams = null;
    const cleared = {room: null, agent: null, messages: [], agentTyping: false} as const;
    this.ctx.model.patch({...cleared, ...PER_CHAT, state: 'idle'});
  }

  #ensureLink(): void {
    if (this.ctx.ddp.status === 'disconnected') this.ctx.ddp.connect().catch(() => undefined);
  }
}
