import {isObject, parseWireDate} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import {displayName} from './format.js';
import type {AgentRoom, AuthorRole, ConsoleMessage} from './types.js';

/** System types the agent never needs to see (Rocket.Chat's own client hides them too). */
const HIDDEN_TYPES = new Set(['command', 'livechat-started', 'livechat_navigation_history']);

/** Whether a raw message is shown in the conversation at all. */
export function isVisible(message: RcMessage): boolean {
  return !message.t || !HIDDEN_TYPES.has(message.t);
}

/** Whether the room ends with a visitor's message the agent has not read. */
export function hasUnreadEnd(room: AgentRoom): boolean {
  const last = room.lastMessage;
  if (!last || last.t || !last.token) return false;
  const sent = parseWireDate(last.ts) ?? 0;
  return sent >= (parseWireDate(room.agentReadUntil) ?? 0);
}

function roleOf(message: RcMessage, room: AgentRoom | undefined): AuthorRole {
  if (message.t) return 'system';
  if (message.token || (room && message.u.username === room.v.username)) return 'visitor';
  return 'agent';
}

/** "Ann transferred the chat to Bea: comment", from Rocket.Chat's `transferData`. */
function transferText(message: RcMessage, author: string): string {
  const data = (message as RcMessage & {transferData?: unknown}).transferData;
  const field = (v: unknown, key: string): Record<string, unknown> =>
    isObject(v) && isObject(v[key]) ? v[key] : {};
  const name = (v: Record<string, unknown>) =>
    (typeof v.name === 'string' && v.name) || (typeof v.username === 'string' && v.username) || '';
  const by = name(field(data, 'transferredBy')) || author;
  const to = name(field(data, 'transferredTo')) || name(field(data, 'nextDepartment'));
  const comment = isObject(data) && typeof data.comment === 'string' ? data.comment : '';
  const text = to ? `${by} transferred the chat to ${to}` : `${by} transferred the chat`;
  return comment ? `${text}: ${comment}` : text;
}

function systemText(message: RcMessage, author: string): string {
  switch (message.t) {
    case 'livechat-close':
      return message.msg ? `Chat closed: ${message.msg}` : 'Chat closed';
    case 'uj':
      return `${author} joined the chat`;
    case 'ul':
      return `${author} left the chat`;
    case 'livechat_transfer_history':
      return transferText(message, author);
    default:
      return message.msg;
  }
}

/** The caption sent with a file (its attachment's `description`), if any. */
function captionOf(message: RcMessage): string | undefined {
  const [attachment] = Array.isArray(message.attachments) ? message.attachments : [];
  const text = isObject(attachment) ? attachment.description : undefined;
  return typeof text === 'string' && text.trim() ? text : undefined;
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
    ...(message.file
      ? {
          file: {
            name: message.file.name,
            type: message.file.type,
            url: message.fileUpload?.publicFilePath ?? '',
            ...(captionOf(message) ? {description: captionOf(message)} : {}),
          },
        }
      : {}),
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
