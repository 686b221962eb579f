import {decodeRcMessage, isObject} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import {DdpCallError, DdpConnection} from '../core/transport/ddp.js';
import type {DdpStatus, DdpSubscription} from '../core/transport/ddp.js';
import type {AgentRoom, AgentSession, ConnectionStatus} from './types.js';

type RoomAction = 'inserted' | 'updated' | 'removed';

/** What the live connection reports to the console. */
export interface AgentLiveHandlers {
  onMessage(message: RcMessage): void;
  onRoomChange(action: RoomAction, room: AgentRoom): void;
  /** The visitor types (with their draft where the server shares it) or stopped. */
  onVisitorTyping(rid: string, isTyping: boolean, draft: string): void;
  /** The queue of waiting chats changed. */
  onQueueChanged(): void;
  onConnection(status: ConnectionStatus): void;
  /** Logged in, first or after a lost link: the caller fetches what came before the streams. */
  onResumed(): void;
  onUnauthorized(): void;
}

const STREAM_OPTIONS = {useCollection: false, args: [{}]};
const ROOM_ACTIONS: readonly string[] = ['inserted', 'updated', 'removed'];

/**
 * The agent's DDP session: logs in with the auth token, then follows every message of the
 * agent's rooms (`__agent__`), the room list (`rooms-changed`), the queue of waiting chats and
 * each visitor's typing with their draft (`sneakPeek`, which only agents receive).
 *
 * A fresh socket is a fresh, anonymous DDP session, so subscriptions are dropped whenever the
 * link goes down and made again only after `login` succeeds (the connection's own re-send of
 * old subscriptions would reach the server before the login and be refused).
 */
export class AgentLive {
  private readonly ddp: DdpConnection;
  private readonly session: AgentSession;
  private readonly handlers: AgentLiveHandlers;
  private readonly typingSubs = new Map<string, DdpSubscription>();
  private readonly watched = new Set<string>();
  private streams: DdpSubscription[] = [];
  private isLoggedIn = false;
  private readonly offStatus: () => void;

  constructor(url: string, session: AgentSession, handlers: AgentLiveHandlers) {
    this.ddp = new DdpConnection(url);
    this.session = session;
    this.handlers = handlers;
    this.offStatus = this.ddp.on('status', ({status}) => this.handleStatus(status));
  }

  /** Opens the link; it keeps reconnecting until `close()`. */
  start(): void {
    this.ddp.connect().catch(() => undefined);
    // Back online: try at once. Gone offline: a socket that looks up is pinged, so a dead one
    // is found out within seconds rather than after the heartbeat's silence.
    globalThis.addEventListener?.('online', this.handleNetworkChange);
    globalThis.addEventListener?.('offline', this.handleNetworkChange);
  }

  /** Follows typing in exactly these rooms. */
  watchTyping(rids: readonly string[]): void {
    const wanted = new Set(rids);
    for (const rid of [...this.watched]) {
      if (wanted.has(rid)) continue;
      this.watched.delete(rid);
      this.typingSubs.get(rid)?.stop();
      this.typingSubs.delete(rid);
    }
    for (const rid of wanted) {
      if (this.watched.has(rid)) continue;
      this.watched.add(rid);
      if (this.isLoggedIn) this.subscribeTyping(rid);
    }
  }

  /** Tells the visitor of `rid` whether the agent is typing; dropped while offline. */
  sendTyping(rid: string, isTyping: boolean): void {
    if (!this.isLoggedIn) return;
    const activity = isTyping ? ['user-typing'] : [];
    this.ddp
      .call('stream-notify-room', [`${rid}/user-activity`, this.session.me.username, activity, {}])
      .catch(() => undefined);
  }

  /** Closes the socket; nothing is left running. */
  close(): void {
    globalThis.removeEventListener?.('online', this.handleNetworkChange);
    globalThis.removeEventListener?.('offline', this.handleNetworkChange);
    this.offStatus();
    this.dropSubscriptions();
    this.ddp.close();
  }

  private handleNetworkChange = (): void => this.ddp.reconnectNow();

  private handleStatus(status: DdpStatus): void {
    if (status === 'connected') {
      void this.login();
      return;
    }
    this.dropSubscriptions();
    this.handlers.onConnection(status);
  }

  private async login(): Promise<void> {
    try {
      await this.ddp.call('login', [{resume: this.session.authToken}]);
    } catch (error) {
      if (error instanceof DdpCallError && error.error !== 'disconnected') {
        this.handlers.onUnauthorized();
      }
      return;
    }
    this.isLoggedIn = true;
    this.subscribeAll();
    this.handlers.onConnection('connected');
    this.handlers.onResumed();
  }

  private subscribeAll(): void {
    this.streams = [
      this.ddp.subscribe('stream-room-messages', ['__agent__', STREAM_OPTIONS], (fields) => {
        if (fields.eventName !== '__agent__' || !Array.isArray(fields.args)) return;
        const message = decodeRcMessage(fields.args[0]);
        if (message) this.handlers.onMessage(message);
      }),
      this.ddp.subscribe(
        'stream-notify-user',
        [`${this.session.userId}/rooms-changed`, STREAM_OPTIONS],
        (fields) => this.handleRoomsChanged(fields),
      ),
      this.ddp.subscribe('stream-livechat-inquiry-queue-observer', ['public', STREAM_OPTIONS], () =>
        this.handlers.onQueueChanged(),
      ),
    ];
    for (const rid of this.watched) this.subscribeTyping(rid);
  }

  private handleRoomsChanged(fields: Record<string, unknown>): void {
    if (fields.eventName !== `${this.session.userId}/rooms-changed`) return;
    const [action, room] = Array.isArray(fields.args) ? fields.args : [];
    if (typeof action !== 'string' || !ROOM_ACTIONS.includes(action)) return;
    if (!isObject(room) || typeof room._id !== 'string') return;
    if (action !== 'removed' && !isObject(room.v)) return;
    this.handlers.onRoomChange(action as RoomAction, room as unknown as AgentRoom);
  }

  private subscribeTyping(rid: string): void {
    const eventName = `${rid}/user-activity`;
    const sub = this.ddp.subscribe('stream-notify-room', [eventName, STREAM_OPTIONS], (fields) => {
      if (fields.eventName !== eventName || !Array.isArray(fields.args)) return;
      const [username, activity, extra] = fields.args;
      if (username === this.session.me.username || !Array.isArray(activity)) return;
      const draft = isObject(extra) && typeof extra.sneakPeek === 'string' ? extra.sneakPeek : '';
      this.handlers.onVisitorTyping(rid, activity.includes('user-typing'), draft);
    });
    this.typingSubs.set(rid, sub);
  }

  private dropSubscriptions(): void {
    this.isLoggedIn = false;
    for (const sub of this.streams) sub.stop();
    for (const sub of this.typingSubs.values()) sub.stop();
    this.streams = [];
    this.typingSubs.clear();
  }
}
