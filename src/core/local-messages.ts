import type {ChatContext} from './chat-context.js';
import type {TriggerHost} from './triggers.js';
import {newMessageId} from './ids.js';
import {isAuthorRole} from './message-rules.js';
import {parseWireDate} from './protocol/index.js';
import type {HistoryEntry} from './client-inputs.js';
import {LiveChatError, type AgentInfo, type Author, type Message} from './types.js';

/** What a greeting needs: the chat's state and snapshot, its events and the time. */
type GreetingDeps = Pick<ChatContext, 'clock' | 'model' | 'state' | 'emitter'>;

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
export function importHistory(
  ctx: Pick<ChatContext, 'clock' | 'model' | 'sync'>,
  entries: readonly unknown[],
): Message[] {
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
export function showGreeting(ctx: GreetingDeps, text: string, author: Author): Message {
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

/**
 * The chat as a trigger engine sees it: whether a chat is going on, the agent who would take a
 * new one (`nextAgent`, asked only once a visitor exists), and the greeting it shows.
 */
export function chatTriggerHost(
  ctx: GreetingDeps,
  nextAgent: () => Promise<AgentInfo | null>,
): TriggerHost {
  const {state} = ctx;
  return {
    // A greeting under "the chat has ended" would read as the agent answering after all.
    isChatting: () => state.isChatting() || state.snapshot.state === 'ended',
    nextAgent: async () => {
      if (!state.token) return null;
      const agent = await nextAgent();
      return agent && {id: agent.id, username: agent.username, name: agent.name, role: 'agent'};
    },
    fallbackName: () => state.snapshot.config?.theme?.title ?? '',
    greet: (text, author) => showGreeting(ctx, text, author),
  };
}
