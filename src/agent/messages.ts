import {parseWireDate} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import {displayName} from './format.js';
import type {AgentRoom, AuthorRole, ConsoleMessage} from './types.js';

/** System types the agent never needs to see (Rocket.Chat's own client hides them too). */
const HIDDEN_TYPES = new Set(['command', 'livechat-started', 'livechat_navigation_history']);

/** Whether a raw message is shown in the conversation at all. */
export function isVisible(message: RcMessage): boolean {
  return !message.t || !HIDDEN_TYPES.has(message.t);
}

function roleOf(message: RcMessage, room: AgentRoom | undefined): AuthorRole {
  if (message.t) return 'system';
  if (message.token || (room && message.u.username === room.v.username)) return 'visitor';
  return 'agent';
}

function systemText(message: RcMessage, author: string): string {
  switch (message.t) {
    case 'livechat-close':
      return message.msg ? `Chat closed: ${message.msg}` : 'Chat closed';
    case 'uj':
      return `${author} joined the chat`;
    case 'ul':
      return `${author} left the chat`;
    default:
      return message.msg;
  }
}

/** Turns a Rocket.Chat message into what the console renders. */
export function toConsoleMessage(message: RcMessage, room?: AgentRoom): ConsoleMessage {
  const authorName = displayName(message.u.name || message.alias || message.u.username);
  return {
    id: message._id,
    rid: message.rid,
    text: message.t ? systemText(message, authorName) : message.msg,
    ts: parseWireDate(message.ts) ?? Date.now(),
    authorName,
    authorId: message.u._id,
    role: roleOf(message, room),
    type: message.t,
    status: 'sent',
  };
}

/** Inserts or replaces by id, keeping the list ordered by time (events may repeat or overtake). */
export function upsertMessage(
  list: readonly ConsoleMessage[],
  message: ConsoleMessage,
): ConsoleMessage[] {
  const next = list.filter((m) => m.id !== message.id);
  let i = next.length;
  while (i > 0 && next[i - 1].ts > message.ts) i--;
  next.splice(i, 0, message);
  return next;
}
