import type {RcAgent, RcConfig, RcRoom, RcVisitor} from './protocol/index.js';

/** Who wrote a message, in the widget's own terms (never Rocket.Chat's raw `u`). */
export interface Author {
  id: string;
  username: string;
  name: string;
  role: 'visitor' | 'agent' | 'system';
}

export type MessageStatus = 'pending' | 'sent' | 'failed';

export interface Attachment {
  title: string;
  url?: string;
  type?: string;
  size?: number;
  description?: string;
}

/** The public message shape (DESIGN.md §4). `ts` is ms since the epoch. */
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
}

export type SessionState = 'idle' | 'registering' | 'connecting' | 'active' | 'offline' | 'ended';
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

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
  | 'storage';

/** What every async method of the client rejects with. */
export class LiveChatError extends Error {
  readonly code: LiveChatErrorCode;
  /** The server's own error string, when the server sent one. */
  readonly serverError?: string;
  constructor(code: LiveChatErrorCode, message: string, serverError?: string) {
    super(message);
    this.name = 'LiveChatError';
    this.code = code;
    this.serverError = serverError;
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
  unread: number;
  agentTyping: boolean;
}

export interface RegisterInput {
  name?: string;
  email?: string;
  department?: string;
  customFields?: Record<string, string>;
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
  'agent-status': {status: string};
  'queue-changed': {position: number; estimatedWaitSeconds?: number};
  'chat-started': {rid: string};
  'chat-ended': {rid: string; by: 'visitor' | 'agent'};
  restored: {messages: number};
  'restore-timeout': {idleSeconds: number};
  'restore-failed': {error: LiveChatError};
  'service-online': Record<string, never>;
  'service-offline': Record<string, never>;
  'unread-changed': {count: number};
  error: {error: LiveChatError};
}

export type ChatClientEventName = keyof ChatClientEvents;

export type {RcAgent, RcConfig, RcRoom, RcVisitor};
