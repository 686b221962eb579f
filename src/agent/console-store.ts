import {parseWireDate} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import {displayName} from './format.js';
import {hasUnreadEnd, isVisible, toConsoleMessage, upsertMessage} from './messages.js';
import type {
  AgentRoom,
  ConnectionStatus,
  ConsoleMessage,
  ConsoleSnapshot,
  RoomFeedback,
  RoomSummary,
} from './types.js';

type Listener = (snapshot: ConsoleSnapshot) => void;

/**
 * The console's state, kept out of the views: rooms, their messages, unread counts, who is
 * typing, which room is open. Every change builds a new immutable snapshot for listeners.
 */
export class ConsoleStore {
  private readonly myId: string;
  private readonly listeners = new Set<Listener>();
  private readonly rooms = new Map<string, AgentRoom>();
  private readonly closed = new Set<string>();
  private readonly messages = new Map<string, ConsoleMessage[]>();
  private readonly loaded = new Set<string>();
  private readonly unread = new Map<string, number>();
  private readonly typing = new Map<string, boolean>();
  private readonly drafts = new Map<string, string>();
  private readonly feedback = new Map<string, RoomFeedback>();
  private selected: string | null = null;
  /** Whether the Chats section is on screen, so the selected chat is being read. */
  private isChatShown = true;
  private connection: ConnectionStatus = 'connecting';
  private isAvailable = true;
  private current: ConsoleSnapshot;

  constructor(myId: string) {
    this.myId = myId;
    this.current = this.build();
  }

  /** The latest snapshot. */
  get snapshot(): ConsoleSnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The room by id, open or closed, if known. */
  room(rid: string): AgentRoom | undefined {
    return this.rooms.get(rid);
  }

  /** Ids of the rooms that are still open. */
  openRoomIds(): string[] {
    return [...this.rooms.keys()].filter((rid) => !this.closed.has(rid));
  }

  /** The agent's replies that did not reach the server, in every open room. */
  failedReplies(): ConsoleMessage[] {
    return this.openRoomIds().flatMap((rid) =>
      (this.messages.get(rid) ?? []).filter((m) => m.status === 'failed'),
    );
  }

  /** The fetched messages may miss some (the link was down): each room fetches them again. */
  markStale(): void {
    this.loaded.clear();
  }

  /** Whether a room's messages have been fetched since it was listed. */
  isLoaded(rid: string): boolean {
    return this.loaded.has(rid);
  }

  /**
   * Replaces the list with the server's open rooms; the open conversation stays on screen, and
   * so do the rooms in `changedMeanwhile` (the live stream spoke of them after the list was
   * asked for: the caller applies those changes, which keep their messages and unread counts).
   */
  setRooms(rooms: readonly AgentRoom[], changedMeanwhile: ReadonlySet<string> = new Set()): void {
    const listed = new Set(rooms.map((r) => r._id));
    for (const rid of [...this.rooms.keys()]) {
      if (listed.has(rid) || changedMeanwhile.has(rid)) continue;
      if (rid === this.selected) this.closed.add(rid);
      else this.forget(rid);
    }
    for (const room of rooms) {
      this.putRoom(room);
      const last = room.lastMessage;
      if (last && hasUnreadEnd(room) && !this.isReading(room._id) && !this.unread.get(room._id)) {
        // What came while the console was away (a reload, a lost link) is unread: at least the
        // newest message, the only one the list shows. Kept, so its live copy (which may come
        // after the list) counts not twice.
        this.unread.set(room._id, 1);
        const list = this.messages.get(room._id) ?? [];
        this.messages.set(room._id, upsertMessage(list, toConsoleMessage(last, room)));
      }
    }
    this.changed();
  }

  /** A room inserted or updated by the server. */
  upsertRoom(room: AgentRoom): void {
    if (room.open === false || room.closedAt) {
      this.closeRoom(room._id);
      return;
    }
    this.putRoom(room);
    // A visitor who left types no more, whatever the last typing event said.
    if (room.v.status === 'offline') this.setTyping(room._id, false);
    this.changed();
  }

  /** A room closed or taken away: dropped from the list, kept read-only if it is open on screen. */
  closeRoom(rid: string): void {
    if (rid === this.selected) this.closed.add(rid);
    else this.forget(rid);
    this.typing.delete(rid);
    this.drafts.delete(rid);
    this.changed();
  }

  /** Merges a fetched page of messages (oldest first) into a room. */
  setMessages(rid: string, raw: readonly RcMessage[]): void {
    const room = this.rooms.get(rid);
    if (!room) return;
    let list = this.messages.get(rid) ?? [];
    for (const m of raw) if (isVisible(m)) list = upsertMessage(list, toConsoleMessage(m, room));
    this.messages.set(rid, list);
    this.loaded.add(rid);
    this.changed();
  }

  /** A live message; counts as unread when it is someone else's and its room is not read. */
  receive(raw: RcMessage): void {
    const room = this.rooms.get(raw.rid);
    if (room && isVisible(raw)) {
      this.rooms.set(raw.rid, {...room, lastMessage: raw});
      const message = toConsoleMessage(raw, room);
      const list = this.messages.get(raw.rid) ?? [];
      const isNew = !list.some((m) => m.id === message.id);
      // Kept even before the room's history is fetched: the fetch may miss what arrives meanwhile.
      this.messages.set(raw.rid, upsertMessage(list, message));
      if (isNew && !this.isReading(raw.rid) && raw.u._id !== this.myId && !raw.t) {
        this.unread.set(raw.rid, (this.unread.get(raw.rid) ?? 0) + 1);
      }
    }
    if (raw.t === 'livechat-close') this.closeRoom(raw.rid);
    else this.changed();
  }

  /** Shows the agent's own message at once, before the server confirms it. */
  addPending(message: ConsoleMessage): void {
    this.messages.set(message.rid, upsertMessage(this.messages.get(message.rid) ?? [], message));
    this.changed();
  }

  /** Marks one of the agent's messages as sent or failed. */
  setStatus(rid: string, id: string, status: ConsoleMessage['status']): void {
    const list = this.messages.get(rid);
    const found = list?.find((m) => m.id === id);
    if (!list || !found || found.status === status) return;
    this.messages.set(rid, upsertMessage(list, {...found, status}));
    this.changed();
  }

  /** Opens a room in the conversation pane (or none) and, on screen, clears its unread count. */
  select(rid: string | null): void {
    const previous = this.selected;
    this.selected = rid;
    if (previous && previous !== rid && this.closed.has(previous)) this.forget(previous);
    if (rid && this.isChatShown) this.unread.delete(rid);
    this.changed();
  }

  /**
   * Records whether the Chats section is on screen. While another section is, the selected chat
   * is not being read: its visitor's messages count as unread (and are not marked read).
   */
  showChat(isShown: boolean): void {
    if (this.isChatShown === isShown) return;
    this.isChatShown = isShown;
    if (isShown && this.selected) this.unread.delete(this.selected);
    this.changed();
  }

  /** The agent read a room elsewhere (another tab): its unread count goes. */
  markSeen(rid: string): void {
    if (!this.unread.delete(rid)) return;
    this.changed();
  }

  /** Records whether the visitor of a room is typing, and their draft (kept only while typing). */
  setTyping(rid: string, isTyping: boolean, draft = ''): void {
    const shown = isTyping ? draft : '';
    if ((this.typing.get(rid) ?? false) === isTyping && (this.drafts.get(rid) ?? '') === shown) {
      return;
    }
    this.typing.set(rid, isTyping);
    this.drafts.set(rid, shown);
    this.changed();
  }

  /** Records what the visitor said about a room (rating, comment, transcript requests). */
  setFeedback(feedback: RoomFeedback): void {
    if (!this.rooms.has(feedback.rid)) return;
    this.feedback.set(feedback.rid, feedback);
    this.changed();
  }

  /** Records the live connection's state. */
  setConnection(connection: ConnectionStatus): void {
    if (this.connection === connection) return;
    this.connection = connection;
    this.changed();
  }

  /** Records the agent's availability. */
  setAvailable(isAvailable: boolean): void {
    this.isAvailable = isAvailable;
    this.changed();
  }

  private isReading(rid: string): boolean {
    return rid === this.selected && this.isChatShown;
  }

  private putRoom(room: AgentRoom): void {
    this.rooms.set(room._id, {...this.rooms.get(room._id), ...room});
    this.closed.delete(room._id);
  }

  private forget(rid: string): void {
    this.rooms.delete(rid);
    this.closed.delete(rid);
    this.messages.delete(rid);
    this.loaded.delete(rid);
    this.unread.delete(rid);
    this.typing.delete(rid);
    this.drafts.delete(rid);
    this.feedback.delete(rid);
  }

  private summary(room: AgentRoom): RoomSummary {
    const list = this.messages.get(room._id);
    const last = list?.[list.length - 1];
    const raw = room.lastMessage;
    const fallback = raw && isVisible(raw) ? toConsoleMessage(raw, room) : undefined;
    // The room's own last message is newer when some came while the link was down.
    const shown = last && !(fallback && fallback.ts > last.ts) ? last : fallback;
    return {
      rid: room._id,
      visitorName: displayName(room.fname || room.v.username),
      // A picture or a file says so in the list, in notifications and to screen readers.
      lastText: shown?.text || (shown?.file ? `File: ${shown.file.name}` : ''),
      lastTs: shown?.ts ?? parseWireDate(room.ts) ?? 0,
      unread: this.unread.get(room._id) ?? 0,
      isOpen: !this.closed.has(room._id),
      isVisitorTyping: this.typing.get(room._id) ?? false,
      visitorDraft: this.drafts.get(room._id) ?? '',
      visitorReadUntil: parseWireDate(room.visitorReadUntil),
      visitorStatus: room.v.status ?? '',
    };
  }

  private build(): ConsoleSnapshot {
    const rooms = [...this.rooms.values()]
      .filter((r) => !this.closed.has(r._id))
      .map((r) => this.summary(r))
      .sort((a, b) => b.lastTs - a.lastTs);
    const selectedRoom = this.selected ? this.rooms.get(this.selected) : undefined;
    return {
      rooms,
      selected: selectedRoom ? this.summary(selectedRoom) : null,
      isChatShown: this.isChatShown,
      messages: (this.selected && this.messages.get(this.selected)) || [],
      totalUnread: rooms.reduce((n, r) => n + r.unread, 0),
      connection: this.connection,
      isAvailable: this.isAvailable,
      feedback: (this.selected && this.feedback.get(this.selected)) || null,
    };
  }

  private changed(): void {
    this.current = this.build();
    for (const listener of this.listeners) listener(this.current);
  }
}
