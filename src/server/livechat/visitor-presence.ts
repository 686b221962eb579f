import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import {publishVisitorChange} from './room-events.js';

/** How long a visitor with no bound socket still counts as online (a reload, the next page). */
export const DEFAULT_VISITOR_OFFLINE_GRACE_MS = 8000;

/**
 * The visitors' presence from their live sockets (`livechat:setUpConnection` binds a token to a
 * socket): online with the first bound socket, offline once the last one has been closed for
 * `graceMs`, so that a reload or a move to another page of the site does not show the visitor
 * leaving and coming back. A visitor's REST request (`seen`) counts as a moment of presence: a
 * page registers and opens its room before its link connects, and one closed before that never
 * binds, so without a socket the same grace runs from the request. Each change is stored and sent
 * to the agent serving the visitor's open room (`rooms-changed` `updated`, with `v.status`), as
 * Rocket.Chat updates the room's `v.status`, or to the agents watching the queue while the room
 * waits; going offline also ends the visitor's typing indication.
 */
export class VisitorPresence {
  private readonly sockets = new Map<string, number>();
  private readonly leaving = new Map<string, NodeJS.Timeout>();
  private isDisposed = false;

  constructor(
    private readonly ctx: LivechatContext,
    private readonly graceMs = DEFAULT_VISITOR_OFFLINE_GRACE_MS,
  ) {
    // Whoever was online when the server stopped has no socket now: a page still open binds
    // again as its link reconnects, one closed meanwhile would otherwise stay online for good.
    ctx.visitors.markOnlineOffline();
  }

  /** A socket of the visitor `token` is bound. */
  bind(token: string): void {
    this.sockets.set(token, (this.sockets.get(token) ?? 0) + 1);
    clearTimeout(this.leaving.get(token));
    this.leaving.delete(token);
    this.change(token, 'online');
  }

  /** A bound socket of `token` closed. */
  release(token: string): void {
    const count = (this.sockets.get(token) ?? 0) - 1;
    if (count > 0) return void this.sockets.set(token, count);
    this.sockets.delete(token);
    // At shutdown every socket closes: the visitors have not left, and the database is closing.
    if (!this.isDisposed) this.startGrace(token);
  }

  /**
   * The visitor `token` made a request over REST (registered, opened their room, sent, or
   * reported `status`): they are there now with that status; with no bound socket to hold it,
   * they count as gone once the grace has passed without one binding.
   */
  seen(token: string, status = 'online'): void {
    if (this.isDisposed || this.sockets.has(token)) return;
    if (!this.ctx.visitors.findByToken(token)) return;
    this.change(token, status);
    if (status !== 'offline') this.startGrace(token);
  }

  /** Whether the visitor `token` has a page open, or left less than the grace ago. */
  isPresent(token: string): boolean {
    return this.sockets.has(token) || this.leaving.has(token);
  }

  /** Stops the pending grace timers (the server shuts down). */
  dispose(): void {
    this.isDisposed = true;
    for (const timer of this.leaving.values()) clearTimeout(timer);
    this.leaving.clear();
  }

  /** Offline after `graceMs`, unless a socket binds first; a running grace starts again. */
  private startGrace(token: string): void {
    clearTimeout(this.leaving.get(token));
    this.leaving.delete(token);
    if (this.graceMs <= 0) return this.change(token, 'offline');
    const timer = setTimeout(() => {
      this.leaving.delete(token);
      this.change(token, 'offline');
    }, this.graceMs);
    timer.unref();
    this.leaving.set(token, timer);
  }

  private change(token: string, status: string): void {
    const {visitors, rooms, streams} = this.ctx;
    const visitor = visitors.findByToken(token);
    if (!visitor || visitor.status === status) return;
    visitors.setStatus(token, status);
    const open = rooms.findOpenByToken(token);
    const room = open && rooms.findById(open._id, true);
    if (!room) return;
    if (status === 'offline') {
      const {username} = room.v;
      streams.publish(channels.notifyRoom(room._id, 'user-activity'), [username, []]);
      streams.publish(channels.agentActivity(room._id), [username, []]);
      streams.publish(channels.notifyRoom(room._id, 'typing'), [username, false]);
    }
    publishVisitorChange(this.ctx, room);
  }
}
