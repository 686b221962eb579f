import {decodeRcMessage, isObject} from '../core/protocol/index.js';
import type {RcMessage} from '../core/protocol/index.js';
import {parseFeedback, parseOfflineMessages, parseQueue} from './inbox-parse.js';
import type {
  AgentRoom, AgentSession, OfflineMessage, QueueEntry, RoomFeedback,
} from './types.js';

/** A failed agent REST call: the HTTP status and Rocket.Chat's error string when it sent one. */
export class AgentApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'AgentApiError';
    this.status = status;
  }

  /** The seconds a 429 asks to wait (Rocket.Chat's "You must wait N seconds"), if it says. */
  get retryAfterSeconds(): number | undefined {
    if (this.status !== 429) return undefined;
    const seconds = /wait (\d+) seconds?/.exec(this.message)?.[1];
    return seconds === undefined ? undefined : Number(seconds);
  }

  /** True when the credentials were refused, so the console must log in again. */
  get isUnauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

function errorText(body: unknown, status: number): string {
  if (isObject(body)) {
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  }
  return `HTTP ${status}`;
}

async function request(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new AgentApiError(0, 'network');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok || (isObject(body) && (body.success === false || body.status === 'error'))) {
    throw new AgentApiError(res.ok ? 400 : res.status, errorText(body, res.status));
  }
  return body;
}

const JSON_HEADERS = {'content-type': 'application/json'};

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

  constructor(baseUrl: string, session: AgentSession) {
    this.baseUrl = baseUrl;
    this.session = session;
  }

  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    return request(`${this.baseUrl}/api/v1/${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : JSON_HEADERS),
        'X-User-Id': this.session.userId,
        'X-Auth-Token': this.session.authToken,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
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

  /** Closes a room for both sides; the visitor gets `livechat-close`. */
  async closeRoom(rid: string, comment?: string): Promise<void> {
    await this.call('POST', 'livechat/room.closeByUser', comment ? {rid, comment} : {rid});
  }

  /** The latest offline-form messages, newest first, and how many are unread in all. */
  async offlineMessages(): Promise<{messages: OfflineMessage[]; unread: number}> {
    const body = await this.call('GET', 'livechat/offline.messages?count=100');
    const unread = isObject(body) && typeof body.unread === 'number' ? body.unread : 0;
    return {messages: parseOfflineMessages(body), unread};
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
}
