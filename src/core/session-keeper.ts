import {followedCursor, knownRoom, restoredMessages, toVisitorInfo} from './chat-context.js';
import {RESTORE_TIMEOUT_MS, type ChatContext} from './chat-context.js';
import {catchUp} from './catch-up.js';
import {toLiveChatError} from './errors.js';
import {newVisitorToken} from './ids.js';
import {mergeMessages, toAgentInfo} from './message-mapper.js';
import {OutboxHandover} from './outbox-handover.js';
import type {RcConfig, RcRoom} from './protocol/index.js';
import type {RoomFeed} from './room-feed.js';
import {CLOSED_VIEW, readReading, type SessionRecord} from './store/session-store.js';
import {TabSync, type TabMessage} from './tab-sync.js';
import {LiveChatError, type SessionView, type VisitorInfo} from './types.js';
import type {VisitorManager} from './visitor-manager.js';

/** What keeping the session needs (the outbox handover takes the link from it too). */
export type KeeperDeps = Omit<ChatContext, 'uploader' | 'department'>;

/** What the keeper needs from the session it keeps. */
export interface KeeperHost {
  readonly ctx: KeeperDeps;
  readonly feed: RoomFeed;
  readonly visitors: VisitorManager;
  loadConfig(): Promise<RcConfig>;
  /** Ensures the visitor and an open room (`ChatSession.start`). */
  start(): Promise<RcRoom>;
  /** Shows `room` as the current chat and listens to it. */
  attachRoom(room: RcRoom): void;
  /** Forgets the current chat (another tab started a new one). */
  resetRoom(): void;
  isDestroyed(): boolean;
}

const isOpen = (room: RcRoom | undefined) => room && room.open !== false && !room.closedAt;

/**
 * Brings a stored session back and keeps the tabs of one site on one session (docs/reliability.md):
 * restores the cached transcript, outbox and view (`restored`, or `restore-timeout` when the
 * visitor was away too long, or `restore-failed`), resumes the room from the server, and
 * follows the chat another tab starts or ends.
 */
export class SessionKeeper {
  private readonly tabs: TabSync | null;
  /** Tabs take over each other's outbox; without Web Locks only a new page takes it over. */
  private readonly handover: OutboxHandover | null;
  private readonly offs: (() => void)[] = [];
  private posted = '';

  constructor(private readonly host: KeeperHost) {
    const {ctx} = host;
    const siteId = ctx.siteId;
    this.tabs = ctx.sharesTabs && siteId ? new TabSync(siteId, (m) => void this.follow(m)) : null;
    const tabs = this.tabs;
    this.handover = tabs?.hasLocks ? new OutboxHandover(ctx, tabs, host.feed) : null;
    if (tabs) this.offs.push(ctx.emitter.on('chat-ended', (e) => tabs.post({type: 'ended', ...e})));
  }

  /** Runs a read-merge-write of the shared session while no other tab writes. */
  exclusiveSave<T>(task: () => Promise<T>): Promise<T> {
    return this.tabs ? this.tabs.exclusive(task, 'store') : task();
  }

  /** Reads the stored session; if there is one, shows and resumes it once `shown` is there. */
  async restore(shown?: Promise<unknown>): Promise<boolean> {
    const {ctx} = this.host;
    let record: SessionRecord | null;
    try {
      record = await ctx.store.load();
    } catch (error) {
      await shown;
      const wrapped = new LiveChatError('storage', 'The stored chat session could not be read');
      wrapped.cause = error;
      ctx.emitter.emit('restore-failed', {error: wrapped});
      return false;
    }
    await shown;
    // The visitor may have started meanwhile (and picked the stored session up then).
    if (!record || this.host.isDestroyed() || ctx.state.token) return false;
    this.adopt(record, true);
    const idleMs = ctx.clock.now() - record.lastActivity;
    if (idleMs <= (ctx.restoreTimeoutMs ?? RESTORE_TIMEOUT_MS)) {
      ctx.state.view = {...CLOSED_VIEW, ...record.view};
      ctx.emitter.emit('restored', {messages: record.messages.length, view: {...ctx.state.view}});
    } else {
      ctx.emitter.emit('restore-timeout', {idleSeconds: Math.round(idleMs / 1000)});
    }
    if (record.rid) await this.resume(record.rid);
    // Stored before the room existed: visitor (an upsert) and room again, same token, then send.
    else if (record.outbox.length > 0) await this.startWaiting();
    return true;
  }

  /** The visitor, created if needed (with the token of `withToken`). */
  ensureVisitor(): Promise<VisitorInfo> {
    return this.withToken(() => this.host.visitors.ensure());
  }

  /**
   * Runs `task` once the visitor has a token, minted here if need be (client-made: a first
   * message is stored with it before any request). Between tabs one at a time, taking over a
   * session another tab stored meanwhile: two tabs never make two visitors (and two rooms).
   */
  withToken<T>(task: () => Promise<T>): Promise<T> {
    const {ctx} = this.host;
    const isKnown = () => Boolean(ctx.state.token && ctx.model.snapshot.visitor?.id);
    const take = async () => {
      const record = this.tabs && !isKnown() ? await ctx.store.load().catch(() => null) : null;
      if (record && !isKnown() && (ctx.state.token ?? record.token) === record.token) {
        ctx.state.token = record.token;
        ctx.model.patch({visitor: record.visitor ?? {token: record.token}});
      }
      ctx.state.token ??= newVisitorToken();
      return task();
    };
    return this.tabs && !isKnown() ? this.tabs.exclusive(take) : take();
  }

  /**
   * Remembers how the visitor sees the widget (window, draft, scroll: pixels alone unset the
   * message read) with the session, and notes the time: written at once, even on `pagehide`.
   */
  saveView(view: Partial<SessionView>): void {
    const next = {...this.host.ctx.state.view};
    if (typeof view.open === 'boolean') next.open = view.open;
    if (typeof view.draft === 'string') next.draft = view.draft;
    const top = view.scrollTop;
    if (top === null || (typeof top === 'number' && Number.isFinite(top) && top >= 0)) {
      next.scrollTop = top;
    }
    if (view.reading !== undefined || top !== undefined) next.reading = readReading(view.reading);
    this.host.ctx.state.view = next;
    this.host.ctx.sync.flush();
  }

  /** A save went through: tells the other tabs when the session or its room changed. */
  saved(record: SessionRecord): void {
    this.handover?.saved(record);
    const key = `${record.token} ${record.rid ?? ''}`;
    if (!this.tabs || key === this.posted) return;
    this.posted = key;
    this.tabs.post({type: 'session', token: record.token, rid: record.rid ?? null});
  }

  /** Stops listening to the other tabs. */
  dispose(): void {
    this.handover?.dispose();
    this.tabs?.close();
    for (const off of this.offs) off();
  }

  private adopt(record: SessionRecord, withOutbox: boolean): void {
    const {ctx} = this.host;
    ctx.sync.enable();
    ctx.state.token = record.token;
    this.posted = `${record.token} ${record.rid ?? ''}`;
    const visitor = record.visitor ?? {token: record.token};
    const lastReadId = record.lastReadId ?? null;
    // Another live tab still owns its unsent messages, and may be between showing one and
    // queuing it: they come here once the server has them, or when this tab takes them over.
    // A new page queues the stored outbox, and sends the entries whose owner is gone (all of
    // them, without Web Locks to tell).
    // Following again (a repeated tab message), it keeps what the stream brought meanwhile.
    const messages = withOutbox
      ? restoredMessages(record)
      : mergeMessages(
          ctx.model.snapshot.messages.filter((m) => m.rid === record.rid),
          record.messages.filter((m) => m.status === 'sent'),
        );
    const {rid, chatState} = record;
    // The chat as the visitor last saw it shows at once; `resume()` then asks the server.
    const known = rid &&
      chatState && {
        room: knownRoom(rid, visitor, chatState !== 'ended'),
        state: chatState,
        agent: record.agent ?? null,
      };
    ctx.model.patch({visitor, messages, lastReadId, ...(known || {})});
    if (withOutbox) for (const entry of record.outbox) ctx.outbox.add(entry);
    ctx.state.restoringRid = rid ?? null;
    const lastSeen = withOutbox ? record.lastSeen : followedCursor(record);
    ctx.state.lastSeen = rid && lastSeen !== undefined ? {rid, ts: lastSeen} : null;
  }

  private async resume(rid: string): Promise<void> {
    try {
      await this.resumeRoom(rid);
    } finally {
      this.host.ctx.state.restoringRid = null;
    }
  }

  private async resumeRoom(rid: string): Promise<void> {
    const {ctx, feed} = this.host;
    const {model, server} = ctx;
    const token = ctx.state.token ?? '';
    const config = await this.host.loadConfig().catch(() => null);
    if (this.host.isDestroyed()) return;
    if (config?.guest) model.patch({visitor: toVisitorInfo(config.guest, token)});
    const visitor = model.snapshot.visitor ?? {token};
    // Without a config (network down) assume the room is still open; the link will tell.
    const assumed = knownRoom(rid, visitor, true);
    const openRoom = config ? (isOpen(config.room) ? config.room : undefined) : assumed;
    if (openRoom) {
      if (openRoom._id !== rid) model.patch({messages: [], lastReadId: null});
      // The server's word on the agent replaces the stored one (none: hidden, or in line).
      if (config) model.patch({agent: config.agent ? toAgentInfo(config.agent, server) : null});
      this.host.attachRoom(openRoom);
      ctx.outbox.flush();
      return;
    }
    // Closed while the visitor was away: show how it ended, and nothing can be sent any more.
    model.patch({room: knownRoom(rid, visitor, false), state: 'ended'});
    for (const entry of ctx.outbox.list()) {
      feed.failMessage(entry.id, new LiveChatError('room-closed', 'The chat has ended'));
    }
    await catchUp(ctx, feed);
  }

  private async startWaiting(): Promise<void> {
    const {ctx, feed} = this.host;
    try {
      await this.host.start();
      ctx.outbox.flush();
    } catch (error) {
      // Offline, or no network: a clear failure with a retry, not a message pending for good.
      if (this.host.isDestroyed()) return;
      for (const {id} of ctx.outbox.list()) feed.failMessage(id, toLiveChatError(error));
    }
  }

  private async follow(message: TabMessage): Promise<void> {
    const {ctx, feed} = this.host;
    if (this.host.isDestroyed()) return;
    if (message.type === 'ended') return feed.handleClosed(message.rid, message.by);
    if (message.type === 'outbox') return this.handover?.watch(message.owner);
    const known = ctx.model.snapshot.room;
    if (ctx.state.token && ctx.state.token !== message.token) return;
    if (ctx.state.token && message.rid === (known?._id ?? null)) return;
    const record = await ctx.store.load().catch(() => null);
    if (!record || record.token !== message.token || this.host.isDestroyed()) return;
    // A chat is left only for another room. A record without one is behind this tab: news
    // repeated late (client-loader.ts relays what woke it), or read before this tab's own
    // save of the room landed; dropping the room there would stop its streams for good.
    const room = ctx.model.snapshot.room;
    if (room && (!record.rid || record.rid === room._id)) return;
    if (room) this.host.resetRoom();
    this.adopt(record, false);
    if (record.rid) await this.resume(record.rid);
  }
}
