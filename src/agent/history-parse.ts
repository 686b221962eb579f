import {decodeRcMessage, isObject, parseWireDate} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import {parseFeedback} from './inbox-parse.js';
import type {RoomFeedback} from './types.js';

/** One closed chat in the History list. */
export interface HistoryEntry {
  rid: string;
  visitorName: string;
  email?: string;
  closedAt: number;
  agentName?: string;
  messageCount: number;
  tags: readonly string[];
  closeComment?: string;
  /** A search's matching text; the matched words sit between `\uE000` and `\uE001`. */
  snippet?: string;
}

/** One page of History. */
export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
}

/** A closed chat opened read-only. */
export interface HistoryChat {
  entry: HistoryEntry;
  messages: RcMessage[];
  feedback: RoomFeedback;
}

/** Whom a chat can be transferred to. */
export interface TransferTargets {
  agents: readonly {id: string; name: string}[];
  departments: readonly {id: string; name: string}[];
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = (body: unknown, key: string): unknown[] =>
  isObject(body) && Array.isArray(body[key]) ? body[key] : [];

function parseEntry(c: unknown): HistoryEntry | null {
  if (!isObject(c) || !text(c._id)) return null;
  const visitor = isObject(c.visitor) ? c.visitor : {};
  const agent = isObject(c.agent) ? c.agent : {};
  return {
    rid: c._id as string,
    visitorName: text(visitor.name) ?? text(c.fname) ?? text(visitor.username) ?? '',
    email: text(visitor.email),
    closedAt: parseWireDate(c.closedAt) ?? 0,
    agentName: text(agent.name) ?? text(agent.username),
    messageCount: typeof c.msgs === 'number' ? c.msgs : 0,
    tags: Array.isArray(c.tags) ? c.tags.filter((t): t is string => typeof t === 'string') : [],
    closeComment: text(c.closeComment),
    snippet: text(c.snippet),
  };
}

/** `GET livechat/history` → a page of entries (malformed ones drop). */
export function parseHistoryPage(body: unknown): HistoryPage {
  const entries = list(body, 'chats')
    .map(parseEntry)
    .filter((e): e is HistoryEntry => !!e);
  const total = isObject(body) && typeof body.total === 'number' ? body.total : entries.length;
  return {entries, total};
}

/** `GET livechat/history.chat` → the chat, its messages and the visitor's feedback. */
export function parseHistoryChat(body: unknown): HistoryChat | null {
  const entry = isObject(body) ? parseEntry(body.chat) : null;
  if (!entry) return null;
  const messages = list(body, 'messages')
    .map(decodeRcMessage)
    .filter((m): m is RcMessage => m !== null);
  return {entry, messages, feedback: parseFeedback(entry.rid, body)};
}

/** `users/agent` and `department` → the choices of the transfer dialog, without oneself. */
export function parseTransferTargets(
  agents: unknown,
  departments: unknown,
  myId: string,
): TransferTargets {
  return {
    agents: list(agents, 'users').flatMap((u) =>
      isObject(u) && text(u._id) && u._id !== myId
        ? [{id: u._id as string, name: text(u.name) ?? text(u.username) ?? ''}]
        : [],
    ),
    departments: list(departments, 'departments').flatMap((d) =>
      isObject(d) && text(d._id) && d.enabled !== false
        ? [{id: d._id as string, name: text(d.name) ?? (d._id as string)}]
        : [],
    ),
  };
}
