import type {Author} from './types.js';

// What the client's methods take (`sendFile`, `rate`, `leaveMessage`, `updateVisitor`,
// `pageVisited`, `importHistory`, `register`).

/** `sendFile()` options: progress as a fraction from 0 to 1, and cancellation. */
export interface SendFileOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  description?: string;
}

/** A survey answer: 1–5 (or Rocket.Chat's '1'…'5'). */
export type SurveyValue = number | string;

/** `rate()`: the items of `config.survey` plus a comment (sent as `additionalFeedback`). */
export interface RateInput {
  satisfaction?: SurveyValue;
  agentKnowledge?: SurveyValue;
  /** Rocket.Chat's spelling (sic). */
  agentResposiveness?: SurveyValue;
  agentResponsiveness?: SurveyValue;
  agentFriendliness?: SurveyValue;
  comment?: string;
}

/** `leaveMessage()`: the offline form. */
export interface LeaveMessageInput {
  name: string;
  email: string;
  message: string;
  department?: string;
}

/** `updateVisitor()`: fields of the visitor to change now. */
export interface VisitorUpdate {
  name?: string;
  email?: string;
  phone?: string;
  department?: string;
  customFields?: Record<string, string>;
}

/** `pageVisited()`: the page the visitor is on. */
export interface PageInfo {
  url: string;
  title?: string;
}

/** An externally supplied history entry for `importHistory()`. */
export interface HistoryEntry {
  id?: string;
  text: string;
  /** ms since the epoch, or an ISO date; defaults to now. */
  ts?: number | string;
  author?: Partial<Author>;
}

export interface RegisterInput {
  name?: string;
  email?: string;
  department?: string;
  customFields?: Record<string, string>;
}
