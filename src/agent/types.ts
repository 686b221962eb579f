import type {RcMessage, RcRoom, WireDate} from '../core/protocol/index.js';

/** The logged-in agent, as `POST /api/v1/login` describes them. */
export interface AgentUser {
  _id: string;
  username: string;
  name?: string;
}

/** What the console keeps between reloads of the tab: the agent's REST and DDP credentials. */
export interface AgentSession {
  userId: string;
  authToken: string;
  me: AgentUser;
}

/** A room as `GET livechat/rooms` and `rooms-changed` send it to an agent. */
export interface AgentRoom extends RcRoom {
  lastMessage?: RcMessage;
  /** The reference server's addition: the visitor has read the messages before this time. */
  visitorReadUntil?: WireDate;
  /** The reference server's addition: the serving agent has read the messages before this time. */
  agentReadUntil?: WireDate;
}

/** Who wrote a message, as the console styles it. */
export type AuthorRole = 'visitor' | 'agent' | 'system';
/** Where one of the agent's own replies stands. */
export type SendStatus = 'pending' | 'sent' | 'failed';

/** One message as the console shows it: text only, never Rocket.Chat's raw object. */
export interface ConsoleMessage {
  id: string;
  rid: string;
  text: string;
  ts: number;
  authorName: string;
  authorId: string;
  role: AuthorRole;
  /** Rocket.Chat's `t` for system messages. */
  type?: string;
  status: SendStatus;
  /** An attached file: its name, media type and signed link ('' until the server gave one). */
  /** An attached file; `description` is the caption sent with it. */
  file?: {name: string; type: string; url: string; description?: string};
}

/** One entry of the chat list. */
export interface RoomSummary {
  rid: string;
  visitorName: string;
  lastText: string;
  lastTs: number;
  unread: number;
  isOpen: boolean;
  isVisitorTyping: boolean;
  /** What the visitor is typing, where the server shares it (sneak peek); '' otherwise. */
  visitorDraft: string;
  /** The visitor has read the messages sent before this time (ms), or null. */
  visitorReadUntil: number | null;
  /** Whether the visitor is on the site: 'online', 'offline' (left the page), … ('' unknown). */
  visitorStatus: string;
}

/** The live (DDP) connection, as the console reports it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Everything the chat views render; replaced, never mutated. */
export interface ConsoleSnapshot {
  rooms: readonly RoomSummary[];
  selected: RoomSummary | null;
  /** Whether the Chats section, and so the selected chat, is on screen. */
  isChatShown: boolean;
  messages: readonly ConsoleMessage[];
  totalUnread: number;
  connection: ConnectionStatus;
  isAvailable: boolean;
  /** Survey answers and transcript requests of the selected room, once fetched. */
  feedback: RoomFeedback | null;
}

/** A message left through the widget's offline form. */
export interface OfflineMessage {
  id: string;
  name: string;
  email: string;
  message: string;
  department?: string;
  host?: string;
  ts: number;
  isRead: boolean;
  /**
   * Its mail to the shop: waiting for a retry, delivered, or refused for good (`mailError`
   * says why); absent when none was sent.
   */
  mail?: 'pending' | 'sent' | 'failed';
  mailError?: string;
}

/** A department, as the console names it. */
export interface Department {
  id: string;
  name: string;
}

/** A chat waiting in the manual queue. */
export interface QueueEntry {
  inquiryId: string;
  rid: string;
  visitorName: string;
  /** Whether the visitor is still on the site (`v.status`: online, offline…; '' unknown). */
  visitorStatus: string;
  since: number;
  /** The visitor's latest message, when there is one. */
  preview?: string;
}

/** One transcript the visitor asked for. */
export interface TranscriptRequest {
  email: string;
  requestedAt: number;
  isSent: boolean;
  /** True while the mail waits for the SMTP server (it is retried). */
  isPending: boolean;
  /** The SMTP server's reason when it refused the mail for good (it is not retried). */
  failure?: string;
}

/** What the visitor said about a chat: rating answers, comment, transcript requests. */
export interface RoomFeedback {
  rid: string;
  answers: readonly {name: string; value: string}[];
  comment?: string;
  transcripts: readonly TranscriptRequest[];
}

/** Where a list the console fetches stands. */
export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

/** The offline messages and the queue, as their sections render them. */
export interface InboxSnapshot {
  offline: readonly OfflineMessage[];
  offlineUnread: number;
  /** How many offline messages there are in all (`offline` may hold only the newest). */
  offlineTotal: number;
  offlineStatus: LoadStatus;
  /** The departments, to name the one a message was left for. */
  departments: readonly Department[];
  queue: readonly QueueEntry[];
  queueStatus: LoadStatus;
}
