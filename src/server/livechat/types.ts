/**
 * Documents as the domain hands them to the transports. Dates are `Date` objects: REST turns them
 * into ISO strings (JSON.stringify), DDP into `{$date}` (ddp/ejson.ts), as Rocket.Chat does.
 */

export interface UserRef {
  _id: string;
  username: string;
  name?: string;
}

export interface MessageDoc {
  _id: string;
  rid: string;
  msg: string;
  ts: Date;
  u: UserRef;
  _updatedAt: Date;
  t?: string;
  token?: string;
  alias?: string;
  groupable?: boolean;
  transcriptRequested?: boolean;
  [key: string]: unknown;
}

export interface VisitorDoc {
  _id: string;
  token: string;
  username: string;
  name?: string;
  visitorEmails?: {address: string}[];
  phone?: {phoneNumber: string}[];
  department?: string;
  status: string;
  livechatData?: Record<string, string>;
  ts: Date;
  _updatedAt: Date;
}

export interface RoomDoc {
  _id: string;
  t: 'l';
  fname: string;
  msgs: number;
  ts: Date;
  lm?: Date;
  _updatedAt: Date;
  open: boolean;
  v: {_id: string; username: string; token: string; status: string};
  servedBy?: {_id: string; username: string; ts: Date};
  departmentId?: string;
  source: {type: string};
  closedAt?: Date;
  closer?: string;
  closedBy?: UserRef;
  /** Tags the closing agent gave the chat. */
  tags?: string[];
  /** Answers of `room.survey` (Rocket.Chat's `surveyFeedback`). */
  surveyFeedback?: Record<string, string>;
  /** Room-scoped custom fields. */
  livechatData?: Record<string, string>;
  lastMessage?: MessageDoc;
  /** This server's addition: the visitor has read the messages before this time. */
  visitorReadUntil?: Date;
  /** This server's addition: the serving agent has read the messages before this time. */
  agentReadUntil?: Date;
}

/** What `agent.info` and `agentData` carry about an agent. */
export interface AgentInfo {
  _id: string;
  username: string;
  name: string;
  status: 'online' | 'away';
  livechat?: Record<string, unknown>;
}

/** Agent availability, as `POST livechat/agent.status` sets it. */
export type AgentStatus = 'available' | 'not-available';

/** An agent account as the reference server stores it. */
export interface AgentRecord {
  id: string;
  username: string;
  name: string;
  livechatStatus: AgentStatus;
  /** Sees every chat in History and may transfer any open chat. */
  isAdmin: boolean;
}

/** Rocket.Chat's bot: it writes the queue message and closes the chats visitors abandoned. */
export const BOT_USER: UserRef = {_id: 'rocket.cat', username: 'rocket.cat'};

/**
 * Who closed a room: the visitor (by token), a logged-in user, or the server's bot (`BOT_USER`,
 * livechat/inactivity-close.ts), which Rocket.Chat records as a user's close.
 */
export type Closer =
  {kind: 'visitor'; visitor: VisitorDoc} | {kind: 'user'; user: AgentRecord} | {kind: 'bot'};
