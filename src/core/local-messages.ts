import type {ChatContext} from './chat-context.js';
import {newMessageId} from './ids.js';
import {isAuthorRole} from './message-rules.js';
import {parseWireDate} from './protocol/index.js';
import {LiveChatError, type Author, type HistoryEntry, type Message} from './types.js';


function invalidEntry(index: number, why: string): LiveChatError {
  return new LiveChatError('invalid-input', `History entry ${index} ${why}`);
}

function toImported(entry: unknown, index: number, now: number): Message {
  if (typeof entry !== 'object' || entry === null) throw invalidEntry(index, 'is not an object');
  const {id, text, ts, author} = entry as HistoryEntry;
  if (typeof text !== 'string') throw invalidEntry(index, 'has no text');
  const isBadId = id !== undefined && (typeof id !== 'string' || !id);
  if (isBadId) throw invalidEntry(index, 'has a bad id');
  const time = ts === undefined ? now : parseWireDate(ts);
  if (time === null) throw invalidEntry(index, 'has an unreadable ts');
  const role = author?.role ?? 'agent';
  if (!isAuthorRole(role)) throw invalidEntry(index, 'has an unknown author role');
  const name = typeof author?.name === 'string' ? author.name : '';
  const username = typeof author?.username === 'string' ? author.username : '';
  return {
    id: id ?? newMessageId(),
    rid: '',
    text,
    ts: time,
    author: {id: typeof author?.id === 'string' ? author.id : '', username, name, role},
    status: 'sent',
    imported: true,
  };
}

/**
 * Shows externally supplied history (Chat SDK's `importHistory`): each entry becomes a local
 * message marked `imported`, never sent to the server; an id already shown is skipped. A bad
 * entry rejects the whole call with `invalid-input`, importing nothing. Returns the transcript.
 */
export function importHistory(ctx: ChatContext, entries: readonly unknown[]): Message[] {
  if (!Array.isArray(entries)) {
    throw new LiveChatError('invalid-input', 'importHistory() takes an array of entries');
  }
  const now = ctx.clock.now();
  const messages = entries.map((entry, index) => toImported(entry, index, now));
  const fresh = messages.filter((m) => !ctx.model.find(m.id));
  if (fresh.length > 0) ctx.model.putLocal(...fresh);
  void ctx.sync.save();
  return [...ctx.model.snapshot.messages];
}

/**
 * Shows a trigger's greeting as a local agent message and fires `message-received`. It stays
 * out of the stored session until the visitor answers (`ChatExtras.unansweredGreetings`).
 */
export function showGreeting(ctx: ChatContext, text: string, author: Author): Message {
  const message: Message = {
    id: newMessageId(),
    rid: '',
    text,
    ts: ctx.clock.now(),
    author,
    status: 'sent',
    imported: true,
  };
  ctx.state.unansweredGreetings.add(message.id);
  const isRead = ctx.state.isWindowOpen;
  ctx.model.putLocal(message);
  if (isRead) ctx.model.patch({lastReadId: message.id});
  ctx.emitter.emit('message-received', {message});
  if (isRead) ctx.emitter.emit('message-read', {messageId: message.id});
  return message;
}
