import type {ChatModel} from './chat-model.js';
import type {Clock} from './clock.js';
import type {Emitter} from './emitter.js';
import type {Outbox} from './outbox.js';
import type {RcRoom, RcVisitor} from './protocol/index.js';
import type {SessionSync} from './session-sync.js';
import type {ChatState} from './state.js';
import {MAX_CACHED_MESSAGES, type SessionRecord, type SessionStore} from './store/session-store.js';
import type {DdpConnection} from './transport/ddp.js';
import type {RestClient} from './transport/rest.js';
import type {Uploader} from './transport/upload.js';
import type {Author, ChatClientEvents, Message, VisitorInfo} from './types.js';

/**
 * What the engine builds the modules of one chat from (one instance of each per client). No
 * module takes all of it: each names the part it needs (`Pick<ChatContext, …>`).
 */
export interface ChatDeps {
  server: string;
  department?: string;
  clock: Clock;
  emitter: Emitter<ChatClientEvents>;
  /** The chat's mutable state; `model` is its snapshot. */
  state: ChatState;
  model: ChatModel;
  rest: RestClient;
  ddp: DdpConnection;
  store: SessionStore;
  uploader: Uploader;
  /** Storage and tab namespace of this server (`siteIdFor`). */
  siteId?: string;
  /** Beyond this much idle time a restored session starts with the window closed. */
  restoreTimeoutMs?: number;
  /** Other tabs share the store (IndexedDB): keep them in step over a BroadcastChannel. */
  sharesTabs?: boolean;
}

/** `ChatDeps` plus the outbox and the session writer. */
export interface ChatContext extends ChatDeps {
  readonly outbox: Outbox;
  readonly sync: SessionSync;
}

/** The public visitor shape of a Rocket.Chat visitor. */
export function toVisitorInfo(raw: RcVisitor, token: string): VisitorInfo {
  const visitor: VisitorInfo = {token, id: raw._id, username: raw.username};
  if (raw.name) visitor.name = raw.name;
  const email = raw.visitorEmails?.[0]?.address;
  if (email) visitor.email = email;
  if (raw.department) visitor.department = raw.department;
  return visitor;
}

/** The author of this visitor's own optimistic messages. */
export function visitorAuthor(visitor: VisitorInfo | null): Author {
  return {
    id: visitor?.id ?? '',
    username: visitor?.username ?? '',
    name: visitor?.name ?? visitor?.username ?? '',
    role: 'visitor',
  };
}

/** A placeholder room for a restored rid the server has not described yet. */
export function knownRoom(rid: string, visitor: VisitorInfo, isOpen: boolean): RcRoom {
  return {
    _id: rid,
    t: 'l',
    open: isOpen,
    v: {_id: visitor.id ?? '', token: visitor.token, username: visitor.username ?? ''},
  };
}

/** The record to persist now, or `null` while there is no visitor token. */
export function sessionRecord(
  ctx: Pick<ChatContext, 'state' | 'model' | 'outbox' | 'clock'>,
): SessionRecord | null {
  const token = ctx.state.token;
  if (!token) return null;
  const snapshot = ctx.model.snapshot;
  // A trigger's greeting stays local until the visitor answers it (README.md).
  const unanswered = ctx.state.unansweredGreetings;
  const messages = snapshot.messages.filter((m) => !unanswered.has(m.id));
  const record: SessionRecord = {
    v: 1,
    token,
    messages: messages.slice(-MAX_CACHED_MESSAGES),
    outbox: ctx.outbox.list(),
    lastActivity: ctx.clock.now(),
  };
  const rid = snapshot.room?._id ?? ctx.state.restoringRid;
  if (rid) record.rid = rid;
  if (snapshot.visitor) record.visitor = snapshot.visitor;
  record.view = {...ctx.state.view};
  if (snapshot.lastReadId) record.lastReadId = snapshot.lastReadId;
  const {lastSeen} = ctx.state;
  if (lastSeen && lastSeen.rid === record.rid) record.lastSeen = lastSeen.ts;
  const {state, agent} = snapshot;
  if (snapshot.room && (state === 'connecting' || state === 'active' || state === 'ended')) {
    record.chatState = state;
    if (agent) record.agent = agent;
  }
  return record;
}

/** The cached messages of `record`; a pending one without an outbox entry becomes failed. */
export function restoredMessages(record: SessionRecord): Message[] {
  const queued = new Set(record.outbox.map((entry) => entry.id));
  // It was saved before it reached the queue, so nobody will send it: offer a retry instead.
  return record.messages.map((m) =>
    m.status === 'pending' && !queued.has(m.id) ? {...m, status: 'failed'} : m,
  );
}

/**
 * Where a tab following another tab's chat starts its catch-up: the other tab's cursor may be
 * past messages the server got from it but it had not yet marked sent (an agent reply came in
 * between), and this tab left them out; so from the message before the first such one
 * (undefined: the newest page).
 */
export function followedCursor(record: SessionRecord): number | undefined {
  const first = record.messages.findIndex((m) => m.status !== 'sent');
  if (first < 0 || record.lastSeen === undefined) return record.lastSeen;
  return first === 0 ? undefined : Math.min(record.lastSeen, record.messages[first - 1].ts);
}

/** Default `restore-timeout`: a visitor back within a minute finds the widget as they left it. */
export const RESTORE_TIMEOUT_MS = 60_000;

/** `restoreTimeout` (seconds) in ms; anything but a non-negative number means the default. */
export function restoreTimeoutMs(seconds: unknown): number | undefined {
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : undefined;
}
