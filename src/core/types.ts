import type {
  RcAgent,
  RcConfig,
  RcCustomField,
  RcDepartment,
  RcRoom,
  RcTrigger,
  RcVisitor,
} from './protocol/index.js';

/** Who wrote a message, in the widget's own terms (never Rocket.Chat's raw `u`). */
export interface Author {
  id: string;
  username: string;
  name: string;
  role: 'visitor' | 'agent' | 'system';
}

export type MessageStatus = 'pending' | 'sent' | 'failed';

/**
 * A file of a message: `title` is the file name, `url` the link that opens it for the visitor
 * (signed, on servers that sign links), `type` its media type, `size` in bytes, `width` and
 * `height` of an image when the server knows them.
 */
export interface Attachment {
  title: string;
  url?: string;
  type?: string;
  size?: number;
  description?: string;
  width?: number;
  height?: number;
}

/** The public message shape (README.md, "Public surface"). `ts` is ms since the epoch. */
export interface Message {
  id: string;
  rid: string;
  text: string;
  ts: number;
  author: Author;
  /** Rocket.Chat's `t` for system messages. */
  type?: string;
  status: MessageStatus;
  attachments?: Attachment[];
  editedAt?: number;
  /** Shown from `importHistory()` or a trigger: local only, never sent to the server. */
  imported?: boolean;
}

export type SessionState = 'idle' | 'registering' | 'connecting' | 'active' | 'offline' | 'ended';
/** The live link; `failed`: the server refused it for good (see the `error` event), no retries. */
export type ConnectionState =
  'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

export type LiveChatErrorCode =
  | 'no-active-chat'
  | 'empty-message'
  | 'offline'
  | 'invalid-config'
  | 'too-large'
  | 'rate-limited'
  | 'invalid-token'
  | 'invalid-room'
  | 'room-closed'
  | 'network'
  | 'server'
  | 'destroyed'
  | 'storage'
  | 'invalid-file'
  | 'quota-exceeded'
  | 'invalid-input'
  | 'aborted'
  | 'incompatible-server'
  | 'forbidden';

/** What every async method of the client rejects with. */
export class LiveChatError extends Error {
  readonly code: LiveChatErrorCode;
  /** The server's own error string, when the server sent one. */
  readonly serverError?: string;
  /**
   * The input field the server refused, when it named one: `name`, `email`, `department`,
   * `message`, or a custom field's `_id` (or, from older Rocket.Chat servers, its label).
   */
  readonly field?: string;
  /** `rate-limited`: how long the server asked to wait before trying again, when it said. */
  retryAfterMs?: number;
  constructor(code: LiveChatErrorCode, message: string, serverError?: string, field?: string) {
    super(message);
    this.name = 'LiveChatError';
    this.code = code;
    this.serverError = serverError;
    if (field !== undefined) this.field = field;
  }
}

export interface VisitorInfo {
  token: string;
  name?: string;
  email?: string;
  department?: string;
  username?: string;
  id?: string;
}

export interface AgentInfo {
  id: string;
  username: string;
  name: string;
  status?: string;
  avatarUrl?: string;
}

/** Immutable view of everything the client knows; replaced, never mutated. */
export interface ChatSnapshot {
  state: SessionState;
  connection: ConnectionState;
  config: RcConfig | null;
  visitor: VisitorInfo | null;
  room: RcRoom | null;
  agent: AgentInfo | null;
  messages: readonly Message[];
  /** Agent messages after `lastReadId` (all of them while nothing was read). */
  unread: number;
  agentTyping: boolean;
  /** The last message the visitor has seen (`markRead()`), or null. */
  lastReadId: string | null;
  /**
   * The agent has read the messages sent before this time (ms; Rocket.Chat's `messagesRead`
   * `until`), or null while the server has said nothing.
   */
  agentReadUntil: number | null;
  /** The visitor's newest message the agent has read (to mark "Seen"), or null. */
  seenId: string | null;
  /** The place in line while waiting for an agent, or null. */
  queue: QueueInfo | null;
  /** The server hides who the agent is (`agentHiddenInfo`): `agent` stays null. */
  agentHidden: boolean;
  /** The server asked to offer the transcript (`promptTranscript`) for this chat. */
  transcriptOffered: boolean;
  /** `requestTranscript()` succeeded for this chat. */
  transcriptSent: boolean;
  /** `rate()` succeeded for this chat. */
  surveySent: boolean;
  /** `leaveMessage()` succeeded. */
  offlineMessageSent: boolean;
}

/** Where the visitor waits: Rocket.Chat's `spot` (1 = next) and its estimate, if any. */
export interface QueueInfo {
  position: number;
  estimatedWaitSeconds?: number;
}

/** One agent of the chat, as Genesys' `getAgents()` lists them (times in ms). */
export interface AgentRecord {
  id: string;
  username: string;
  name: string;
  connected: boolean;
  supervisor: boolean;
  connectedTime: number;
  disconnectedTime?: number;
}

/** `getStats()`: times in ms since the epoch, `duration` in ms (until now while open). */
export interface ChatStats {
  startTime: number | null;
  endTime: number | null;
  duration: number;
  agents: AgentRecord[];
}

/**
 * A place in the log that survives a change of what it holds: the message at the top of the
 * view, and how far (px) the view's top edge is below that message's top (negative: above it).
 */
export interface ReadingPosition {
  id: string;
  offset: number;
}

/** How the visitor left the widget: window, draft and where the log was scrolled. */
export interface SessionView {
  open: boolean;
  draft: string;
  /**
   * Pixels from the top of the log; `null` when it sat at the bottom (follow new messages).
   * Kept for custom UIs; the widget itself comes back to `reading`.
   */
  scrollTop: number | null;
  /** The message being read; `null` at the bottom, or when only `scrollTop` was given. */
  reading?: ReadingPosition | null;
}

/** Core events; the element re-emits each as `lc-<name>`. Each handler gets one object. */
export interface ChatClientEvents {
  ready: {config: RcConfig};
  'state-change': {state: SessionState; previous: SessionState};
  'connection-change': {connection: ConnectionState; previous: ConnectionState};
  'message-received': {message: Message};
  'message-sent': {message: Message};
  'message-failed': {message: Message; error: LiveChatError};
  'message-updated': {message: Message};
  'message-read': {messageId: string};
  typing: {isTyping: boolean; username: string};
  'agent-changed': {agent: AgentInfo | null};
  /** The agent left the chat: transferred it, closed it or was removed from it. */
  'agent-left': {agent: AgentInfo};
  /** The agent has read the chat up to `until`; `messageId`: the visitor's newest message read. */
  'agent-read': {until: number; messageId: string | null};
  'agent-status': {status: string};
  'queue-changed': {position: number; estimatedWaitSeconds?: number};
  'chat-started': {rid: string};
  'chat-ended': {rid: string; by: 'visitor' | 'agent'};
  /** A stored session came back within `restore-timeout`: the cached messages and the view. */
  restored: {messages: number; view: SessionView};
  'restore-timeout': {idleSeconds: number};
  'restore-failed': {error: LiveChatError};
  'service-online': Record<string, never>;
  'service-offline': Record<string, never>;
  'unread-changed': {count: number};
  error: {error: LiveChatError};
}

export type ChatClientEventName = keyof ChatClientEvents;

export type {RcAgent, RcConfig, RcCustomField, RcDepartment, RcRoom, RcTrigger, RcVisitor};
