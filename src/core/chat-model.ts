import type {Emitter} from './emitter.js';
import {isVisibleMessage, mergeMessages, toMessage, type MapContext} from './message-mapper.js';
import type {RcMessage} from './protocol/index.js';
import {INITIAL_SNAPSHOT} from './snapshot-model.js';
import type {ChatClientEvents, ChatSnapshot, Message, MessageStatus} from './types.js';

const PER_CHAT_FIELDS = [
  'lastReadId',
  'agentReadUntil',
  'seenId',
  'queue',
  'agentHidden',
  'transcriptOffered',
  'transcriptSent',
  'surveySent',
] as const;

/** Snapshot fields that belong to one chat: a new chat starts them afresh, as a new client. */
export const PER_CHAT = Object.fromEntries(
  PER_CHAT_FIELDS.map((field) => [field, INITIAL_SNAPSHOT[field]]),
) as Pick<ChatSnapshot, (typeof PER_CHAT_FIELDS)[number]>;

/** What one batch of server messages changed in the transcript. */
export interface IngestResult {
  /** New messages from others (agent, system): `message-received`. */
  received: Message[];
  /** Known messages whose text or edit time changed: `message-updated`. */
  updated: Message[];
  /** Our own messages the server just acknowledged (they were pending or failed). */
  confirmed: Message[];
}

/** Agent messages after the last read one: what the launcher badge counts. */
export function countUnread(messages: readonly Message[], lastReadId: string | null): number {
  const readIndex = lastReadId === null ? -1 : messages.findIndex((m) => m.id === lastReadId);
  let count = 0;
  for (let i = readIndex + 1; i < messages.length; i++) {
    if (messages[i].author.role === 'agent') count++;
  }
  return count;
}

/**
 * Owns the client's `ChatSnapshot`: every change replaces it (frozen) and fires `state-change`
 * (with `previous === state` when only data changed), plus `connection-change` when the link
 * status moved and `unread-changed` when the unread count did.
 */
export class ChatModel {
  readonly #emitter: Emitter<ChatClientEvents>;
  #current: ChatSnapshot;

  /** `current`: the snapshot to go on from (the client's, once its engine is loaded). */
  constructor(emitter: Emitter<ChatClientEvents>, current: ChatSnapshot = INITIAL_SNAPSHOT) {
    this.#emitter = emitter;
    this.#current = current;
  }

  /** The latest immutable snapshot. */
  get snapshot(): ChatSnapshot {
    return this.#current;
  }

  /** Replaces the snapshot with `changes` applied and announces it. */
  patch(changes: Partial<ChatSnapshot>): void {
    const previous = this.#current;
    const next: ChatSnapshot = {...previous, ...changes};
    if (changes.messages) next.messages = Object.freeze([...changes.messages]);
    if (changes.messages || 'lastReadId' in changes) {
      next.unread = countUnread(next.messages, next.lastReadId);
    }
    this.#current = Object.freeze(next);
    if (next.connection !== previous.connection) {
      this.#emitter.emit('connection-change', {
        connection: next.connection,
        previous: previous.connection,
      });
    }
    this.#emitter.emit('state-change', {state: next.state, previous: previous.state});
    if (next.unread !== previous.unread) this.#emitter.emit('unread-changed', {count: next.unread});
  }

  /** Removes the message with `id`; returns it, if it was there. */
  remove(id: string): Message | undefined {
    const message = this.find(id);
    if (message) this.patch({messages: this.#current.messages.filter((m) => m !== message)});
    return message;
  }

  /** The message with `id`, if the transcript has it. */
  find(id: string): Message | undefined {
    return this.#current.messages.find((m) => m.id === id);
  }

  /** Adds or replaces local messages (optimistic sends, status flips) by id. */
  putLocal(...messages: Message[]): void {
    this.patch({messages: mergeMessages(this.#current.messages, messages)});
  }

  /** Sets the status of a known message; returns the updated message. */
  setStatus(id: string, status: MessageStatus, rid?: string): Message | undefined {
    const message = this.find(id);
    if (!message) return undefined;
    const next = {...message, status, rid: rid ?? message.rid};
    this.putLocal(next);
    return next;
  }

  /**
   * Merges server messages (hidden system types are skipped) and reports what changed; with
   * `isRead`, new messages from others count as read at once (the window is open).
   */
  ingest(
    raws: readonly RcMessage[],
    context: MapContext,
    hiddenTypes: readonly string[],
    isRead = false,
  ): IngestResult {
    const result: IngestResult = {received: [], updated: [], confirmed: []};
    const incoming: Message[] = [];
    for (const raw of raws) {
      if (!isVisibleMessage(raw, hiddenTypes)) continue;
      const message = toMessage(raw, context);
      const known = this.find(message.id) ?? incoming.find((m) => m.id === message.id);
      incoming.push(message);
      if (!known) {
        if (message.author.role !== 'visitor') result.received.push(message);
      } else if (known.status !== 'sent') {
        result.confirmed.push(message);
      } else if (known.text !== message.text || known.editedAt !== message.editedAt) {
        result.updated.push(message);
      }
    }
    if (incoming.length === 0) return result;
    const messages = mergeMessages(this.#current.messages, incoming);
    const lastRead = isRead && result.received.length > 0 ? messages.at(-1)?.id : undefined;
    this.patch(lastRead ? {messages, lastReadId: lastRead} : {messages});
    return result;
  }
}
