import {decodeRcMessage, isObject} from '../protocol/index.js';
import type {RcAgent, RcConfig, RcMessage, RcRoom, RcVisitor} from '../protocol/index.js';
import {systemClock, type Clock} from '../clock.js';
import {LiveChatError} from '../types.js';
import {httpError, networkError} from './rest-errors.js';

/** A REST request gives up after this long; the caller treats it as a network failure. */
export const REST_TIMEOUT_MS = 10_000;

type Query = Record<string, string | number | undefined>;

/** Options of a `RestClient`. */
export interface RestClientOptions {
  /** The server's base URL (`https://chat.example.com`); calls go to `<server>/api/v1/`. */
  server: string;
  fetch?: typeof fetch;
  clock?: Clock;
  timeoutMs?: number;
}

/** `POST livechat/visitor` input (rocketchat-protocol.md §2.2). */
export interface VisitorInput {
  token: string;
  name?: string;
  email?: string;
  department?: string;
  phone?: string;
  customFields?: {key: string; value: string; overwrite: boolean}[];
  /**
   * This project's additions, for the agent's visitor panel: the browser's language (BCP 47)
   * and IANA time zone. Rocket.Chat's `livechat/visitor` ignores visitor keys it does not know.
   */
  language?: string;
  timezone?: string;
}

/** `POST livechat/message` input: `_id` is minted by the client (exactly-once key). */
export interface MessageInput {
  token: string;
  rid: string;
  msg: string;
  _id: string;
}

/** `GET livechat/config`: the enabled config, or Rocket.Chat's `{enabled:false}`. */
export type ConfigAnswer = RcConfig | {enabled: false};

/** Query of `GET livechat/messages.history/:rid`; `ls` and `end` are ms since the epoch. */
export interface HistoryQuery {
  ls?: number;
  end?: number;
  limit?: number;
}

/**
 * JSON over `fetch` under `<server>/api/v1/`, with Rocket.Chat's visitor calls. Every failure
 * rejects with a `LiveChatError` (`network` when no answer came, the raw RC error kept in
 * `serverError`).
 */
export class RestClient {
  readonly #base: string;
  readonly #fetchFn: typeof fetch;
  readonly #clock: Clock;
  readonly #timeoutMs: number;

  constructor(options: RestClientOptions) {
    this.#base = `${options.server.replace(/\/+$/, '')}/api/v1/`;
    const fetchFn = options.fetch ?? globalThis.fetch;
    // Called unbound, the global fetch throws "Illegal invocation".
    this.#fetchFn = (input, init) => fetchFn(input, init);
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? REST_TIMEOUT_MS;
  }

  /** GET `path` with `query` (undefined values are left out); resolves the parsed body. */
  get<T = Record<string, unknown>>(path: string, query: Query = {}): Promise<T> {
    return this.#request<T>('GET', path, query);
  }

  /** POST `body` as JSON to `path`; resolves the parsed body. */
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
    return this.#request<T>('POST', path, {}, body);
  }

  /** PUT `body` as JSON to `path`. */
  put<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
    return this.#request<T>('PUT', path, {}, body);
  }

  /** DELETE `path`, with a JSON body when given (Rocket.Chat puts the token there). */
  delete<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
    return this.#request<T>('DELETE', path, {}, body);
  }

  /** The absolute URL of `path` under `<server>/api/v1/`. */
  url(path: string): string {
    return new URL(path, this.#base).href;
  }

  /** `GET livechat/config?token&department`. */
  async config(token?: string, department?: string): Promise<ConfigAnswer> {
    const body = await this.get('livechat/config', {token, department});
    if (!isObject(body.config)) throw invalid('config');
    return body.config as unknown as ConfigAnswer;
  }

  /** `POST livechat/visitor`: creates or updates the visitor of `input.token`. */
  async visitor(input: VisitorInput): Promise<RcVisitor> {
    const body = await this.post('livechat/visitor', {visitor: input});
    if (!isObject(body.visitor) || typeof body.visitor.token !== 'string') throw invalid('visitor');
    return body.visitor as unknown as RcVisitor;
  }

  /** `GET livechat/room?token&rid`: the visitor's open room, or a new one. */
  async room(token: string, rid?: string): Promise<{room: RcRoom; newRoom: boolean}> {
    const body = await this.get('livechat/room', {token, rid});
    if (!isObject(body.room) || typeof body.room._id !== 'string') throw invalid('room');
    return {room: body.room as unknown as RcRoom, newRoom: body.newRoom === true};
  }

  /** `POST livechat/message` with a client-minted `_id`. */
  async sendMessage(input: MessageInput): Promise<RcMessage> {
    const body = await this.post('livechat/message', input);
    return decodedMessage(body.message);
  }

  /** `GET livechat/message/:_id?token&rid`. */
  async getMessage(id: string, token: string, rid: string): Promise<RcMessage> {
    const body = await this.get(`livechat/message/${encodeURIComponent(id)}`, {token, rid});
    return decodedMessage(body.message);
  }

  /** `GET livechat/messages.history/:rid`: newest first; malformed entries are dropped. */
  async history(rid: string, token: string, query: HistoryQuery = {}): Promise<RcMessage[]> {
    const body = await this.get(`livechat/messages.history/${encodeURIComponent(rid)}`, {
      token,
      ls: query.ls === undefined ? undefined : new Date(query.ls).toISOString(),
      end: query.end === undefined ? undefined : new Date(query.end).toISOString(),
      limit: query.limit,
    });
    if (!Array.isArray(body.messages)) throw invalid('messages');
    return body.messages.map(decodeRcMessage).filter((m): m is RcMessage => m !== null);
  }

  /** `POST livechat/room.close`. */
  async closeRoom(rid: string, token: string): Promise<void> {
    await this.post('livechat/room.close', {rid, token});
  }

  /** `GET livechat/agent.info/:rid/:token`. */
  async agentInfo(rid: string, token: string): Promise<RcAgent> {
    const path = `livechat/agent.info/${encodeURIComponent(rid)}/${encodeURIComponent(token)}`;
    const body = await this.get(path);
    if (!isObject(body.agent)) throw invalid('agent');
    return body.agent as unknown as RcAgent;
  }

  async #request<T>(method: string, path: string, query: Query, body?: unknown): Promise<T> {
    const url = new URL(path, this.#base);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const controller = new AbortController();
    const timer = this.#clock.setTimeout(() => controller.abort(), this.#timeoutMs);
    let response: Response;
    let parsed: unknown;
    try {
      response = await this.#fetchFn(url.href, {
        method,
        headers: body === undefined ? {} : {'Content-Type': 'application/json'},
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      parsed = await response.json().catch(() => undefined);
    } catch (error) {
      throw networkError(error);
    } finally {
      this.#clock.clearTimeout(timer);
    }
    if (!response.ok || !isObject(parsed) || parsed.success === false) {
      throw httpError(response.status, parsed, response.headers?.get?.('retry-after'));
    }
    return parsed as T;
  }
}

function invalid(what: string): LiveChatError {
  return new LiveChatError('server', `The server sent an unreadable ${what}`);
}

function decodedMessage(value: unknown): RcMessage {
  const message = decodeRcMessage(value);
  if (!message) throw invalid('message');
  return message;
}
