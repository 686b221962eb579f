import type {ChatContext} from './chat-context.js';
import {newVisitorToken} from './ids.js';
import {toAgentInfo} from './message-mapper.js';
import {codePointLength, MESSAGE_MAX_CODE_POINTS, type RcRoom} from './protocol/index.js';
import {
  nextAgent,
  requestTranscript,
  sendOfflineMessage,
  sendPageVisited,
  sendSurvey,
  transferRoom,
  type SurveyAnswer,
} from './transport/livechat-api.js';
import type {LeaveMessageInput, PageInfo, RateInput, SurveyValue} from './client-inputs.js';
import {LiveChatError, type AgentInfo} from './types.js';
import type {VisitorManager} from './visitor-manager.js';

// A pragmatic check (one @, a dot in the domain, no spaces): the server has the last word.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DEFAULT_SURVEY_VALUES = ['1', '2', '3', '4', '5'];

const invalid = (text: string) => new LiveChatError('invalid-input', text);
const noChat = () => new LiveChatError('no-active-chat', 'There is no chat yet');

/** Whether `email` looks like an email address. */
export function isEmail(email: unknown): email is string {
  return typeof email === 'string' && EMAIL_PATTERN.test(email.trim());
}

function surveyValue(name: string, value: SurveyValue, allowed: readonly string[]): string {
  const text = String(value).trim();
  if (!allowed.includes(text)) {
    throw invalid(`${name} must be one of ${allowed.join(', ')}`);
  }
  return text;
}

/**
 * The answers of `rate()` as one `room.survey` body: Rocket.Chat's item names (the correct
 * spelling `agentResponsiveness` becomes its `agentResposiveness`), the comment as
 * `additionalFeedback`.
 */
export function surveyAnswers(input: RateInput, allowed: readonly string[]): SurveyAnswer[] {
  const values = allowed.length > 0 ? allowed : DEFAULT_SURVEY_VALUES;
  const items: [string, SurveyValue | undefined][] = [
    ['satisfaction', input.satisfaction],
    ['agentKnowledge', input.agentKnowledge],
    ['agentResposiveness', input.agentResposiveness ?? input.agentResponsiveness],
    ['agentFriendliness', input.agentFriendliness],
  ];
  const data: SurveyAnswer[] = [];
  for (const [name, value] of items) {
    if (value === undefined || value === null) continue;
    data.push({name, value: surveyValue(name, value, values)});
  }
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (comment) data.push({name: 'additionalFeedback', value: comment});
  if (data.length === 0) throw invalid('The rating has no answer');
  return data;
}

/**
 * The visitor's requests besides messages: rating, transcript, offline message, department
 * switch, page tracking and the next agent; each one REST call, as Rocket.Chat's widget makes it.
 */
export class VisitorRequests {
  readonly #ctx: Pick<ChatContext, 'model' | 'state' | 'rest' | 'department' | 'server'>;
  readonly #visitors: VisitorManager;

  constructor(
    ctx: Pick<ChatContext, 'model' | 'state' | 'rest' | 'department' | 'server'>,
    visitors: VisitorManager,
  ) {
    this.#ctx = ctx;
    this.#visitors = visitors;
  }

  /** `POST livechat/room.survey` with every answer at once. */
  async rate(input: RateInput): Promise<void> {
    const {room, token} = this.#chat();
    const data = surveyAnswers(input ?? {}, this.#ctx.model.snapshot.config?.survey?.values ?? []);
    await sendSurvey(this.#ctx.rest, {token, rid: room._id, data});
    this.#ctx.model.patch({surveySent: true});
  }

  /** `POST livechat/transcript` for the current (or just ended) chat. */
  async requestTranscript(email: string): Promise<void> {
    if (!isEmail(email)) throw invalid('The email address is not valid');
    const {room, token} = this.#chat();
    await requestTranscript(this.#ctx.rest, {token, rid: room._id, email: email.trim()});
    this.#ctx.model.patch({transcriptSent: true});
  }

  /** `POST livechat/offline.message`: needs no visitor, creates none. */
  async leaveMessage(input: LeaveMessageInput): Promise<void> {
    const name = typeof input?.name === 'string' ? input.name.trim() : '';
    const message = typeof input?.message === 'string' ? input.message.trim() : '';
    if (!name) throw invalid('The name is missing');
    if (!isEmail(input.email)) throw invalid('The email address is not valid');
    if (!message) throw invalid('The message is empty');
    if (codePointLength(message) > MESSAGE_MAX_CODE_POINTS) {
      const limit = `Messages are limited to ${MESSAGE_MAX_CODE_POINTS} characters`;
      throw new LiveChatError('too-large', limit);
    }
    const department = input.department || this.#ctx.department;
    const body = {name, email: input.email.trim(), message, ...(department ? {department} : {})};
    await sendOfflineMessage(this.#ctx.rest, body);
    this.#ctx.model.patch({offlineMessageSent: true});
  }

  /** Without a chat: the visitor's department; during one: `room.transfer` to it. */
  async setDepartment(id: string): Promise<void> {
    if (typeof id !== 'string' || !id.trim()) throw invalid('The department id is missing');
    const {model, rest} = this.#ctx;
    const {room, visitor} = model.snapshot;
    const token = this.#ctx.state.token;
    if (!room || !token || !this.#ctx.state.isChatting()) {
      await this.#visitors.update({department: id});
      return;
    }
    const moved = await transferRoom(rest, {token, rid: room._id, department: id});
    const next: RcRoom = moved ?? {...room, departmentId: id};
    model.patch({room: next, visitor: visitor ? {...visitor, department: id} : visitor});
  }

  /** `POST livechat/page.visited`; skipped until the visitor exists (it creates nobody). */
  async pageVisited(page: PageInfo): Promise<void> {
    if (typeof page?.url !== 'string' || !page.url) throw invalid('The page URL is missing');
    const token = this.#ctx.state.token;
    if (!token) return;
    const rid = this.#ctx.model.snapshot.room?._id;
    const pageInfo = {change: 'url' as const, title: page.title ?? '', location: {href: page.url}};
    await sendPageVisited(this.#ctx.rest, {token, ...(rid ? {rid} : {}), pageInfo});
  }

  /**
   * The agent a new chat would go to (`agent.next`), or null: nobody is free, the server hides
   * agents, or the visitor already has a chat. Before a visitor exists a throwaway token asks,
   * which creates nothing on the server.
   */
  async nextAgent(): Promise<AgentInfo | null> {
    const ctx = this.#ctx;
    const department = ctx.model.snapshot.visitor?.department ?? ctx.department;
    try {
      const agent = await nextAgent(ctx.rest, ctx.state.token ?? newVisitorToken(), department);
      return agent ? toAgentInfo(agent, ctx.server) : null;
    } catch (error) {
      if (error instanceof LiveChatError && error.serverError === 'agent-not-found') return null;
      throw error;
    }
  }

  #chat(): {room: RcRoom; token: string} {
    const room = this.#ctx.model.snapshot.room;
    const token = this.#ctx.state.token;
    if (!room || !token) throw noChat();
    return {room, token};
  }
}
