import type {ChatContext} from './chat-context.js';
import {toLiveChatError} from './errors.js';
import {parseWireDate, type RcRoom} from './protocol/index.js';
import {Timer} from './timer.js';
import {markRoomRead} from './transport/livechat-api.js';
import {LiveChatError, type Message} from './types.js';

/** What the read state needs: the snapshot and the events. */
type ReadDeps = Pick<ChatContext, 'model' | 'emitter'>;

/** The visitor's reads reach the server at most this often: the newest one wins. */
export const READ_SYNC_MS = 1_500;
/** After a failure (offline, rate limit) the pending read waits this long before it goes again. */
const READ_RETRY_MS = 15_000;

/** The visitor's newest own message (confirmed by the server) sent before `until`, if any. */
export function seenMessageId(messages: readonly Message[], until: number | null): string | null {
  if (until === null) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.author.role === 'visitor' && m.status === 'sent' && !m.imported && m.ts < until) {
      return m.id;
    }
  }
  return null;
}

/**
 * The agent has read the room up to `until` (`stream-notify-room <rid>/messagesRead`, or the
 * room's `agentReadUntil`): `agentReadUntil` and `seenId` move forward, `agent-read` fires.
 * An older or repeated position changes nothing.
 */
export function applyAgentRead(ctx: ReadDeps, rid: string, until: number): void {
  const {model, emitter} = ctx;
  const snapshot = model.snapshot;
  if (snapshot.room?._id !== rid) return;
  if (snapshot.agentReadUntil !== null && until <= snapshot.agentReadUntil) return;
  const seenId = seenMessageId(snapshot.messages, until);
  model.patch({agentReadUntil: until, seenId});
  emitter.emit('agent-read', {until, messageId: seenId});
}

/** The reference server's room carries the agent's read position: "Seen" survives a reload. */
export function applyRoomRead(ctx: ReadDeps, room: RcRoom): void {
  const until = parseWireDate(room.agentReadUntil);
  if (until !== null) applyAgentRead(ctx, room._id, until);
}

/** Messages changed (a confirmation, a catch-up): the "Seen" message may be another one now. */
export function refreshSeen(ctx: Pick<ChatContext, 'model'>): void {
  const {messages, agentReadUntil, seenId} = ctx.model.snapshot;
  if (agentReadUntil === null) return;
  const next = seenMessageId(messages, agentReadUntil);
  if (next !== seenId) ctx.model.patch({seenId: next});
}

/**
 * Tells the server what the visitor has read (every `message-read`), coalesced to the newest
 * read at most every `READ_SYNC_MS`. The call is the reference server's addition: a server
 * that refuses it (Rocket.Chat answers 404) is not asked again in this session, and nothing is
 * reported; after a failure of the network or a rate limit the newest read goes again later.
 */
export class VisitorReads {
  #isUnsupported = false;
  #pendingId: string | null = null;
  #sentId: string | null = null;
  #lastSentAt = -Infinity;
  #isSending = false;
  readonly #off: () => void;
  readonly #timer: Timer;

  readonly #ctx: ReadDeps & Pick<ChatContext, 'rest' | 'clock' | 'state'>;

  constructor(ctx: ReadDeps & Pick<ChatContext, 'rest' | 'clock' | 'state'>) {
    this.#ctx = ctx;
    this.#off = ctx.emitter.on('message-read', ({messageId}) => this.#read(messageId));
    this.#timer = new Timer(ctx.clock, () => void this.#flush());
  }

  /** Marks `messageId` (default: the newest message) and everything before it as read. */
  markRead(messageId?: string): void {
    const {model, emitter} = this.#ctx;
    const {messages, lastReadId} = model.snapshot;
    const index =
      messageId === undefined ? messages.length - 1 : messages.findIndex((m) => m.id === messageId);
    if (index < 0) {
      if (messageId === undefined) return;
      throw new LiveChatError('invalid-input', `No message with id ${messageId}`);
    }
    const readIndex = lastReadId === null ? -1 : messages.findIndex((m) => m.id === lastReadId);
    if (index <= readIndex) return;
    const id = messages[index].id;
    model.patch({lastReadId: id});
    emitter.emit('message-read', {messageId: id});
  }

  /** Stops the timer and the listener. */
  dispose(): void {
    this.#off();
    this.#timer.stop();
    this.#isUnsupported = true;
  }

  #read(messageId: string): void {
    if (this.#isUnsupported) return;
    const id = this.#serverIdUpTo(messageId);
    if (!id || id === this.#sentId) return;
    this.#pendingId = id;
    this.#schedule();
  }

  /** The newest message the server knows at or before `messageId` (local ones are not its). */
  #serverIdUpTo(messageId: string): string | null {
    const {messages, room} = this.#ctx.model.snapshot;
    const index = messages.findIndex((m) => m.id === messageId);
    for (let i = index; i >= 0; i--) {
      const m = messages[i];
      if (m.status === 'sent' && !m.imported && m.rid === room?._id) return m.id;
    }
    return null;
  }

  #schedule(): void {
    if (this.#timer.isRunning || this.#isSending) return;
    this.#timer.start(Math.max(0, this.#lastSentAt + READ_SYNC_MS - this.#ctx.clock.now()));
  }

  async #flush(): Promise<void> {
    const {model, rest, clock} = this.#ctx;
    const id = this.#pendingId;
    const rid = model.snapshot.room?._id;
    const token = this.#ctx.state.token;
    this.#pendingId = null;
    if (!id || !rid || !token || this.#isUnsupported) return;
    this.#isSending = true;
    this.#lastSentAt = clock.now();
    try {
      await markRoomRead(rest, token, rid, id);
      this.#sentId = id;
    } catch (error) {
      const {code} = toLiveChatError(error);
      if (code !== 'network' && code !== 'rate-limited') {
        this.#isUnsupported = true;
        return;
      }
      // Offline or rate-limited: the newest read goes again, after a longer pause.
      this.#pendingId ??= id;
      this.#lastSentAt = clock.now() + READ_RETRY_MS - READ_SYNC_MS;
    } finally {
      this.#isSending = false;
    }
    if (this.#pendingId && !this.#isUnsupported) this.#schedule();
  }
}
