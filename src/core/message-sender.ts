import {visitorAuthor, type ChatContext} from './chat-context.js';
import {toLiveChatError} from './errors.js';
import {newMessageId} from './ids.js';
import {
  codePointLength,
  MESSAGE_MAX_CODE_POINTS,
  toWellFormed,
  type RcRoom,
} from './protocol/index.js';
import type {RoomFeed} from './room-feed.js';
import type {ChatSession} from './chat-session.js';
import {LiveChatError, type ChatSnapshot, type Message} from './types.js';

// Zero-width characters count as blank too: a message of only ZWSP/ZWJ is empty.
const BLANK_EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/**
 * `text` without blank edges, a lone surrogate replaced by U+FFFD; throws `empty-message`, or
 * `too-large` beyond 5,000 code points or the config's lower `limitTextLength`.
 */
export function messageText(text: string, configLimit?: unknown): string {
  // The server refuses text that is not well-formed UTF-16, and each retry would send the same
  // text again: the message would never go.
  const wellFormed = typeof text === 'string' ? toWellFormed(text) : '';
  const trimmed = wellFormed.replace(BLANK_EDGES, '');
  if (!trimmed) throw new LiveChatError('empty-message', 'The message is empty');
  const isLower = typeof configLimit === 'number' && configLimit > 0;
  const max = isLower ? Math.min(configLimit, MESSAGE_MAX_CODE_POINTS) : MESSAGE_MAX_CODE_POINTS;
  if (codePointLength(trimmed) > max) {
    throw new LiveChatError('too-large', `Messages are limited to ${max} characters`);
  }
  return trimmed;
}

/** Throws `no-active-chat` when the chat in `snapshot` has ended: nothing can be sent to it. */
export function assertNotEnded(snapshot: ChatSnapshot): void {
  if (snapshot.state === 'ended') throw new LiveChatError('no-active-chat', 'The chat has ended');
}

/** Optimistic sends and retries: shown at once, queued in the outbox, delivered exactly once. */
export class MessageSender {
  readonly #ctx: Pick<ChatContext, 'model' | 'clock' | 'outbox' | 'sync' | 'state'>;
  readonly #feed: RoomFeed;
  readonly #session: Pick<ChatSession, 'start' | 'keeper'>;

  constructor(
    ctx: Pick<ChatContext, 'model' | 'clock' | 'outbox' | 'sync' | 'state'>,
    feed: RoomFeed,
    session: Pick<ChatSession, 'start' | 'keeper'>,
  ) {
    this.#ctx = ctx;
    this.#feed = feed;
    this.#session = session;
  }

  /**
   * Checks `text` (see `messageText`) and the chat, shows it as pending at once under a new id,
   * then queues it for delivery.
   */
  sendText(text: string): Promise<Message> {
    const {model, clock} = this.#ctx;
    const snapshot = model.snapshot;
    const trimmed = messageText(text, snapshot.config?.settings?.limitTextLength);
    assertNotEnded(snapshot);
    const message: Message = {
      id: newMessageId(),
      rid: snapshot.room?._id ?? '',
      text: trimmed,
      // Never before the newest message: a client clock hours behind the server's must not
      // file the pending message back in the history. The server's ts replaces it.
      ts: Math.max(clock.now(), (snapshot.messages.at(-1)?.ts ?? 0) + 1),
      author: visitorAuthor(snapshot.visitor),
      status: 'pending',
    };
    model.putLocal(message);
    return this.#enqueue(message);
  }

  /** Resends a failed message under its id (a pending one is just awaited). */
  async retry(id: string): Promise<Message> {
    const {model, outbox} = this.#ctx;
    const message = model.find(id);
    if (!message || message.author.role !== 'visitor') {
      throw new LiveChatError('no-active-chat', `No message of yours with id ${id}`);
    }
    if (message.status === 'sent') return message;
    if (outbox.has(id)) return outbox.wait(id);
    assertNotEnded(model.snapshot);
    model.setStatus(id, 'pending');
    return this.#enqueue(message);
  }

  /**
   * Queues `message`, stored before its first attempt: a page that goes away meanwhile leaves
   * it to the next page, which sends it under the same id. A new visitor's first message is
   * stored before any request, with a client-minted token and no room yet (`rid` empty: it
   * waits, never sent so) until `start()` has the room (chat-session.ts `attachRoom`). Known
   * offline, it is not kept: the config's answer fails it at once.
   */
  async #enqueue(message: Message): Promise<Message> {
    const {model, outbox, sync, state} = this.#ctx;
    const {id, text, ts} = message;
    const done = outbox.wait(id);
    done.catch(() => undefined); // The caller gets the rejection; a dropped one is no error.
    const isWaiting = !state.isChatting() && model.snapshot.state !== 'offline';
    if (isWaiting) {
      outbox.add({id, rid: '', text, ts, attempts: 0});
      await this.#session.keeper.withToken(async () => {
        sync.enable();
        await sync.save();
      });
    }
    let room: RcRoom;
    try {
      room = await this.#session.start();
    } catch (error) {
      const wrapped = toLiveChatError(error);
      this.#feed.failMessage(id, wrapped);
      throw wrapped;
    }
    if (!isWaiting) {
      outbox.add({id, rid: room._id, text, ts, attempts: 0});
      model.setStatus(id, 'pending', room._id);
    }
    await sync.save();
    outbox.flush();
    return done;
  }
}
