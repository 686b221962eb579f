import {decodeRcMessage, isObject} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import type {HistoryChat, HistoryPage, TransferTargets} from './history-parse.js';
import {parseHistoryChat, parseHistoryPage, parseTransferTargets} from './history-parse.js';
import {parseDepartments, parseFeedback, parseOfflineMessages, parseQueue} from './inbox-parse.js';
import type {
  AgentRoom,
  AgentSession,
  Department,
  OfflineMessage,
  QueueEntry,
  RoomFeedback,
} from './types.js';

/** A failed agent REST call: the HTTP status and Rocket.Chat's error string when it sent one. */
export class AgentApiError extends Error {
  readonly status: number;
  /** The form field a validation error is about (`details.field`), when the server named one. */
  readonly field: string | undefined;
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'AgentApiError';
    this.status = status;
    this.field = field;
  }

  /** The seconds a 429 asks to wait (Rocket.Chat's "You must wait N seconds"), if it says. */
  get retryAfterSeconds(): number | undefined {
    if (this.status !== 429) return undefined;
    const seconds = /wait (\d+) seconds?/.exec(this.message)?.[1];
    return seconds === undefined ? undefined : Number(seconds);
  }

  /** What the console says when the server holds a call back (429); else `undefined`. */
  get limitText(): string | undefined {
    if (this.status !== 429) return undefined;
    const seconds = this.retryAfterSeconds;
    const when = seconds ? `in ${seconds} seconds` : 'in a minute';
    return `Too many requests in a short time: the server is holding them back. Try again ${when}.`;
  }

  /** True when the credentials were refused, so the console must log in again. */
  get isUnauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** Rocket.Chat's error string of a refused call's body (`error`, else `message`), or the status. */
export function errorText(body: unknown, status: number): string {
  if (isObject(body)) {
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  }
  return `HTTP ${status}`;
}

/** One REST call: the JSON body, or an `AgentApiError`. */
export async function request(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new AgentApiError(0, 'network');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok || (isObject(body) && (body.success === false || body.status === 'error'))) {
    const field =
      isObject(body) && isObject(body.details) && typeof body.details.field === 'string'
        ? body.details.field
        : undefined;
    throw new AgentApiError(res.ok ? 400 : res.status, errorText(body, res.status), field);
  }
  return body;
}

const JSON_HEADERS = {'content-type': 'application/json'};
/** Offline messages per page (the server's most). */
export const OFFLINE_PAGE_SIZE = 100;

/** Logs an agent in with `POST /api/v1/login` and returns the session to keep. */
export async function loginAgent(
  baseUrl: string,
  user: string,
  password: string,
): Promise<AgentSession> {
  const body = await request(`${baseUrl}/api/v1/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({user, password}),
  });
  const data = isObject(body) && isObject(body.data) ? body.data : null;
  if (!data || typeof data.userId !== 'string' || typeof data.authToken !== 'string') {
    throw new AgentApiError(500, 'bad-login-response');
  }
  const me = isObject(data.me) ? data.me : {};
  return {
    userId: data.userId,
    authToken: data.authToken,
    me: {
      _id: data.userId,
      username: typeof me.username === 'string' ? me.username : user,
      name: typeof me.name === 'string' ? me.name : undefined,
    },
  };
}

/** The agent-side REST calls of the reference server (Rocket.Chat's agent API subset). */
export class AgentApi {
  private readonly baseUrl: string;
  private readonly session: AgentSession;

  /** `onLimited`: told the text to show when the server holds a call back (429). */
  constructor(
    baseUrl: string,
    session: AgentSession,
    private readonly onLimited?: (text: string) => void,
  ) {
    this.baseUrl = baseUrl;
    this.session = session;
  }

  /** One authenticated call to `/api/v1/<path>`; rejects with `AgentApiError`. */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return request(`${this.baseUrl}/api/v1/${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : JSON_HEADERS),
        'X-User-Id': this.session.userId,
        'X-Auth-Token': this.session.authToken,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error: unknown) => {
      const limited = error instanceof AgentApiError && error.limitText;
      if (limited) this.onLimited?.(limited);
      throw error;
    });
  }

  /** Whether the agent currently takes new chats (`GET /api/v1/me`, `statusLivechat`). */
  async isAvailable(): Promise<boolean> {
    const body = await this.call('GET', 'me');
    return !isObject(body) || body.statusLivechat !== 'not-available';
  }

  /** Ends the session on the server, so the token stops working. */
  async logout(): Promise<void> {
    await this.call('POST', 'logout', {});
  }

  /** Sets the agent's availability for new chats. */
  async setStatus(status: 'available' | 'not-available'): Promise<void> {
    await this.call('POST', 'livechat/agent.status', {status});
  }

  /** The open rooms this agent can see. */
  async openRooms(): Promise<AgentRoom[]> {
    const body = await this.call('GET', 'livechat/rooms?open=true');
    const rooms = isObject(body) && Array.isArray(body.rooms) ? body.rooms : [];
    return rooms.filter(
      (r): r is AgentRoom => isObject(r) && typeof r._id === 'string' && isObject(r.v),
    );
  }

  /** Every message of a room, oldest first. */
  async messages(rid: string): Promise<RcMessage[]> {
    const body = await this.call('GET', `livechat/room.messages?rid=${encodeURIComponent(rid)}`);
    const list = isObject(body) && Array.isArray(body.messages) ? body.messages : [];
    return list.map(decodeRcMessage).filter((m): m is RcMessage => m !== null);
  }

  /** Sends a message as the agent; the client-made `_id` makes a resend harmless. */
  async send(rid: string, msg: string, id: string): Promise<RcMessage | null> {
    const body = await this.call('POST', 'chat.sendMessage', {message: {rid, msg, _id: id}});
    return isObject(body) ? decodeRcMessage(body.message) : null;
  }

  /** Marks a room read (Rocket.Chat's `subscriptions.read`); the visitor sees "Seen". */
  async markRead(rid: string): Promise<void> {
    await this.call('POST', 'subscriptions.read', {rid});
  }

  /** Closes a room for both sides, with an optional comment and tags; the visitor is told. */
  async closeRoom(rid: string, comment?: string, tags: readonly string[] = []): Promise<void> {
    const body = {rid, ...(comment ? {comment} : {}), ...(tags.length > 0 ? {tags} : {})};
    await this.call('POST', 'livechat/room.closeByUser', body);
  }

  /**
   * A page of offline-form messages, newest first from `offset`, with how many there are and
   * how many are unread in all.
   */
  async offlineMessages(
    offset = 0,
  ): Promise<{messages: OfflineMessage[]; unread: number; total: number}> {
    const body = await this.call(
      'GET',
      `livechat/offline.messages?offset=${offset}&count=${OFFLINE_PAGE_SIZE}`,
    );
    const count = (key: string) =>
      isObject(body) && typeof body[key] === 'number' ? (body[key] as number) : 0;
    return {messages: parseOfflineMessages(body), unread: count('unread'), total: count('total')};
  }

  /** Every department (`GET livechat/department`). */
  async departments(): Promise<Department[]> {
    return parseDepartments(await this.call('GET', 'livechat/department'));
  }

  /** Marks an offline message read, or unread again. */
  async markOfflineMessage(id: string, read: boolean): Promise<void> {
    await this.call('POST', 'livechat/offline.messages.read', {_id: id, read});
  }

  /** The chats waiting for an agent (manual routing, or every agent busy). */
  async queued(): Promise<QueueEntry[]> {
    return parseQueue(await this.call('GET', 'livechat/inquiries.queued?count=100'));
  }

  /** Takes a waiting chat; it then appears among the agent's rooms. */
  async takeInquiry(inquiryId: string): Promise<void> {
    await this.call('POST', 'livechat/inquiries.take', {inquiryId});
  }

  /** Replaces the agent's picture (`users.setAvatar`, multipart `image`). */
  async setAvatar(file: Blob): Promise<void> {
    const form = new FormData();
    form.append('image', file);
    await request(`${this.baseUrl}/api/v1/users.setAvatar`, {
      method: 'POST',
      headers: {'X-User-Id': this.session.userId, 'X-Auth-Token': this.session.authToken},
      body: form,
    });
  }

  /** The survey answers and transcript requests of a room the agent serves. */
  async roomFeedback(rid: string): Promise<RoomFeedback> {
    const path = `livechat/room.feedback?rid=${encodeURIComponent(rid)}`;
    return parseFeedback(rid, await this.call('GET', path));
  }

  /** A page of closed chats (newest first), or of those matching `query`. */
  async history(query: string, offset: number, count: number): Promise<HistoryPage> {
    const params = new URLSearchParams({q: query, offset: String(offset), count: String(count)});
    return parseHistoryPage(await this.call('GET', `livechat/history?${params}`));
  }

  /** One closed chat, read-only: messages, rating and transcript requests. */
  async historyChat(rid: string): Promise<HistoryChat> {
    const path = `livechat/history.chat?rid=${encodeURIComponent(rid)}`;
    const chat = parseHistoryChat(await this.call('GET', path));
    if (!chat) throw new AgentApiError(500, 'bad-history-response');
    return chat;
  }

  /** The available agents (other than this one) and the departments a chat can move to. */
  async transferTargets(): Promise<TransferTargets> {
    const [agents, departments] = await Promise.all([
      this.call('GET', 'livechat/users/agent?onlyAvailable=true'),
      this.call('GET', 'livechat/department'),
    ]);
    return parseTransferTargets(agents, departments, this.session.userId);
  }

  /** Hands an open chat to another agent or a department (Rocket.Chat's `room.forward`). */
  async forward(
    roomId: string,
    to: {userId?: string; departmentId?: string},
    comment: string,
  ): Promise<void> {
    const body = {roomId, ...to, ...(comment ? {comment} : {})};
    await this.call('POST', 'livechat/room.forward', body);
  }
}
