import {isAuthorRole, MESSAGE_STATUSES, STORED_VISITOR_FIELDS} from '../message-rules.js';
import {isObject} from '../protocol/index.js';
import type {
  AgentInfo,
  Attachment,
  Message,
  ReadingPosition,
  SessionView,
  VisitorInfo,
} from '../types.js';

export type {SessionView} from '../types.js';

/** Cached messages kept per session; older ones are dropped (the server still has them). */
export const MAX_CACHED_MESSAGES = 200;

/** A message waiting for the server's acknowledgement; resent with the same `id`. */
export interface OutboxEntry {
  id: string;
  /** Empty while the visitor has no room yet (a first message): it waits, never sent so. */
  rid: string;
  text: string;
  /** Client time of the first attempt (ms). */
  ts: number;
  attempts: number;
  /** The tab that sends it (outbox-handover.ts); absent where tabs do not share the store. */
  owner?: string;
  /** How often it changed hands between tabs: the higher count is the newer owner. */
  claim?: number;
}

/** The view of a visitor who has not opened anything yet. */
export const CLOSED_VIEW: Readonly<SessionView> = Object.freeze({
  open: false,
  draft: '',
  scrollTop: null,
  reading: null,
});

/** Everything persisted about one visitor session (version 1). */
export interface SessionRecord {
  v: 1;
  token: string;
  rid?: string;
  visitor?: VisitorInfo;
  messages: Message[];
  outbox: OutboxEntry[];
  /** ms since the epoch of the last save. */
  lastActivity: number;
  view?: SessionView;
  /** The last message the visitor has seen (the unread count starts after it). */
  lastReadId?: string;
  /** Server time (ms) of the newest message that came by stream or history: catch-up cursor. */
  lastSeen?: number;
  /**
   * How the chat in `rid` stood, and who served it, when the record was written: the next page
   * shows them at once, until the server says how the chat stands now.
   */
  chatState?: KnownChatState;
  agent?: AgentInfo;
}

/** The states of a chat in a room that a record keeps. */
export type KnownChatState = 'connecting' | 'active' | 'ended';
const KNOWN_CHAT_STATES: readonly string[] = ['connecting', 'active', 'ended'];

/** Where a session survives page loads; every method may reject, callers fall back. */
export interface SessionStore {
  /** The stored record, or `null`; must not create storage when there is none. */
  load(): Promise<SessionRecord | null>;
  save(record: SessionRecord): Promise<void>;
  /**
   * Reads the stored record, hands it to `change` and writes what that returns, with no other
   * writer (another tab) in between; resolves with the record written. `change` may run more
   * than once (a retry), so it must not have side effects. Optional, so a `store` written before
   * it existed keeps working: without it a shared save reads and writes in two steps.
   */
  update?(change: (stored: SessionRecord | null) => SessionRecord): Promise<SessionRecord>;
  clear(): Promise<void>;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isOptString = (v: unknown): v is string | undefined => v === undefined || isString(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readVisitor(v: unknown): VisitorInfo | undefined {
  if (!isObject(v) || !isString(v.token)) return undefined;
  if (!STORED_VISITOR_FIELDS.every((key) => isOptString(v[key]))) return undefined;
  return {...(v as unknown as VisitorInfo)};
}

function readAttachments(v: unknown): Attachment[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((a): a is Attachment => isObject(a) && isString(a.title) && isOptString(a.url));
}

/** A cached message, checked field by field (records are untrusted: D7). */
export function readMessage(v: unknown): Message | null {
  if (!isObject(v) || !isString(v.id) || !isString(v.rid) || !isString(v.text)) return null;
  if (!isNumber(v.ts) || !isOptString(v.type)) return null;
  const author = v.author;
  if (!isObject(author) || !isString(author.id) || !isString(author.username)) return null;
  if (!isString(author.name) || !isAuthorRole(author.role)) return null;
  if (!MESSAGE_STATUSES.includes(v.status as Message['status'])) return null;
  const message: Message = {
    id: v.id,
    rid: v.rid,
    text: v.text,
    ts: v.ts,
    author: {
      id: author.id,
      username: author.username,
      name: author.name,
      role: author.role,
    },
    status: v.status as Message['status'],
  };
  if (v.type !== undefined) message.type = v.type;
  const attachments = readAttachments(v.attachments);
  if (attachments) message.attachments = attachments;
  if (isNumber(v.editedAt)) message.editedAt = v.editedAt;
  if (v.imported === true) message.imported = true;
  return message;
}

function readAgent(v: unknown): AgentInfo | undefined {
  if (!isObject(v) || !isString(v.id) || !isString(v.username) || !isString(v.name)) return;
  if (!isOptString(v.status) || !isOptString(v.avatarUrl)) return;
  const agent: AgentInfo = {id: v.id, username: v.username, name: v.name};
  if (v.status !== undefined) agent.status = v.status;
  if (v.avatarUrl !== undefined) agent.avatarUrl = v.avatarUrl;
  return agent;
}

/** A kept reading position, or null (at the bottom) for anything else. */
export function readReading(v: unknown): ReadingPosition | null {
  return isObject(v) && isString(v.id) && v.id && isNumber(v.offset)
    ? {id: v.id, offset: v.offset}
    : null;
}

/**
 * A record written before views kept `reading` has a pixel `scrollTop` only: it stays readable
 * (custom UIs use it), and the widget takes it as being at the newest messages, since pixels
 * no longer say which message the visitor was reading once the history or the width changed.
 */
function readView(v: unknown): SessionView | undefined {
  if (!isObject(v) || typeof v.open !== 'boolean' || !isString(v.draft)) return undefined;
  const scrollTop = isNumber(v.scrollTop) && v.scrollTop >= 0 ? v.scrollTop : null;
  return {open: v.open, draft: v.draft, scrollTop, reading: readReading(v.reading)};
}

function readOutboxEntry(v: unknown): OutboxEntry | null {
  if (!isObject(v) || !isString(v.id) || !isString(v.rid) || !isString(v.text)) return null;
  if (!isNumber(v.ts) || !isNumber(v.attempts)) return null;
  const entry: OutboxEntry = {id: v.id, rid: v.rid, text: v.text, ts: v.ts, attempts: v.attempts};
  if (isString(v.owner) && v.owner) entry.owner = v.owner;
  if (isNumber(v.claim) && v.claim > 0) entry.claim = v.claim;
  return entry;
}

/**
 * Validates an untrusted stored value: a record of another version or without a token is
 * `null`; bad messages or outbox entries are dropped one by one.
 */
export function readSessionRecord(v: unknown): SessionRecord | null {
  if (!isObject(v) || v.v !== 1 || !isString(v.token) || !v.token) return null;
  if (!isOptString(v.rid)) return null;
  const messages = Array.isArray(v.messages) ? v.messages.map(readMessage) : [];
  const outbox = Array.isArray(v.outbox) ? v.outbox.map(readOutboxEntry) : [];
  const record: SessionRecord = {
    v: 1,
    token: v.token,
    messages: messages.filter((m): m is Message => m !== null).slice(-MAX_CACHED_MESSAGES),
    outbox: outbox.filter((e): e is OutboxEntry => e !== null),
    lastActivity: isNumber(v.lastActivity) ? v.lastActivity : 0,
  };
  if (v.rid) record.rid = v.rid;
  const visitor = readVisitor(v.visitor);
  if (visitor) record.visitor = visitor;
  const view = readView(v.view);
  if (view) record.view = view;
  if (isString(v.lastReadId) && v.lastReadId) record.lastReadId = v.lastReadId;
  if (isNumber(v.lastSeen)) record.lastSeen = v.lastSeen;
  if (record.rid && KNOWN_CHAT_STATES.includes(v.chatState as string)) {
    record.chatState = v.chatState as KnownChatState;
    const agent = readAgent(v.agent);
    if (agent) record.agent = agent;
  }
  return record;
}
