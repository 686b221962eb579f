/**
 * Shared helpers for node:test suites (server, core, e2e) that need a real reference server:
 * start one on a free port with a temporary data folder, log an agent in, call the REST API, and
 * drive raw DDP over `ws`. Every helper cleans up after itself through `close()`.
 */
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import WebSocket from 'ws';
import {startServer} from '../../../src/server/app.js';
import type {RunningServer, ServerOptions} from '../../../src/server/app.js';

/** The agent every test server has unless `agents` is given. */
export const TEST_AGENT = {username: 'agent', password: 'agent-password', name: 'Agent Smith'};

/** A department of the demo shop (`Sales` → id `sales`), offered on both forms, served by `agent`. */
export const shopDepartment = (name: string, agent: string) => ({
  _id: name.toLowerCase(),
  name,
  showOnRegistration: true,
  showOnOfflineForm: true,
  agents: [agent],
});

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`; unchanged by `restart()`. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Open DDP sockets on the server now. */
  openSockets(): number;
  /** Stops the server, keeping its port and data folder for `restart()`. */
  stop(): Promise<void>;
  /** Stops the server (unless stopped) and starts it again on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops the server and deletes the data folder (unless the caller gave it). */
  close(): Promise<void>;
}

/**
 * Starts a reference server on 127.0.0.1, a free port and a fresh temporary data folder, with
 * TEST_AGENT and rate limits off (pass `rateLimit: true` to test them). Any option can be
 * overridden.
 */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'live-chat-test-')));
  const settings: ServerOptions = {
    host: '127.0.0.1',
    port: 0,
    agents: [TEST_AGENT],
    rateLimit: false,
    logger: false,
    ...options,
    dataDir,
  };
  let running: RunningServer | null;
  try {
    running = await startServer(settings);
  } catch (error) {
    if (ownDir) await rm(dataDir, {recursive: true, force: true});
    throw error;
  }
  const {url, port} = running;
  const stop = async () => {
    const stopping = running;
    running = null;
    await stopping?.close();
  };
  return {
    url,
    port,
    dataDir,
    openSockets: () => running?.openSockets() ?? 0,
    stop,
    async restart() {
      await stop();
      running = await startServer({...settings, port});
    },
    async close() {
      await stop();
      if (ownDir) await rm(dataDir, {recursive: true, force: true});
    },
  };
}

/**
 * Resolves once `condition()` holds, checking every 10 ms; fails after `timeoutMs` (default
 * 10 s), naming `what`.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A REST answer: status and parsed JSON body (`null` when the body is not JSON). */
export interface ApiResponse<T = Record<string, any>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Options of `api()`. */
export interface ApiOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

/** Calls `<url><path>` (path like `/api/v1/livechat/config`) and parses the JSON answer. */
export async function api<T = Record<string, any>>(
  url: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const target = new URL(path, url);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) target.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {...options.headers};
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const init: RequestInit = {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  };
  let response: Response;
  try {
    response = await fetch(target, init);
  } catch (error) {
    // After a restart in the same process, fetch may pick a pooled keep-alive socket whose close
    // it has not seen yet; the request never reached a server, so one retry is what a browser
    // does too.
    if ((error as {cause?: {code?: string}}).cause?.code !== 'UND_ERR_SOCKET') throw error;
    response = await fetch(target, init);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return {status: response.status, body: body as T, headers: response.headers};
}

/** POSTs `body` to `<url><path>`; fails the test unless the answer is 200. Resolves the body. */
export async function postOk(
  url: string,
  path: string,
  body: unknown,
): Promise<Record<string, any>> {
  const answer = await api(url, path, {body});
  assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A logged-in agent: ids and the headers for authenticated calls. */
export interface AgentLogin {
  userId: string;
  authToken: string;
  headers: Record<string, string>;
}

/** `POST /api/v1/login`; throws when the credentials are refused. */
export async function agentLogin(
  url: string,
  user = TEST_AGENT.username,
  password = TEST_AGENT.password,
): Promise<AgentLogin> {
  const {status, body} = await api(url, '/api/v1/login', {body: {user, password}});
  if (status !== 200) throw new Error(`login failed: ${status} ${JSON.stringify(body)}`);
  const {userId, authToken} = body.data as {userId: string; authToken: string};
  return {userId, authToken, headers: {'x-user-id': userId, 'x-auth-token': authToken}};
}

/** A visitor with an open room, as the widget creates them. */
export interface TestVisitor {
  token: string;
  rid: string;
  visitor: Record<string, any>;
  room: Record<string, any>;
}

/**
 * Registers a visitor (random 128-bit token unless given) and opens their room; `fields` may
 * carry any other visitor field (`language`, `timezone`…).
 */
export async function createVisitorWithRoom(
  url: string,
  fields: {token?: string; name?: string; email?: string; [field: string]: unknown} = {},
): Promise<TestVisitor> {
  const token = fields.token ?? randomBytes(16).toString('hex');
  const registered = await api(url, '/api/v1/livechat/visitor', {
    body: {visitor: {...fields, token}},
  });
  if (registered.status !== 200) throw new Error(`visitor: ${JSON.stringify(registered.body)}`);
  const opened = await api(url, '/api/v1/livechat/room', {query: {token}});
  if (opened.status !== 200) throw new Error(`room: ${JSON.stringify(opened.body)}`);
  const {room} = opened.body;
  return {token, rid: room._id, visitor: registered.body.visitor, room};
}

/** The visitor `visitor` says `msg` in its room, over the REST API. */
export async function visitorSays(
  url: string,
  visitor: {token: string; rid: string},
  msg: string,
): Promise<void> {
  await postOk(url, '/api/v1/livechat/message', {token: visitor.token, rid: visitor.rid, msg});
}

/** Any DDP frame as parsed JSON. */
export type Frame = Record<string, any>;

/** A raw DDP client for tests (see `connectDdp`). */
export interface DdpTestClient {
  /** Every frame received so far, in order. */
  readonly frames: Frame[];
  /** Sends a frame as JSON. */
  send(frame: unknown): void;
  /** Sends raw text or bytes (for malformed-frame tests). */
  sendRaw(data: string | Buffer): void;
  /**
   * The first not-yet-taken frame matching `predicate` (already received or arriving within
   * `timeoutMs`); each frame is handed out once.
   */
  next(predicate: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  /** Calls a method; resolves with its `result` frame. */
  call(method: string, params?: unknown[]): Promise<Frame>;
  /** Subscribes; resolves with the `ready` or `nosub` frame of this sub. */
  subscribe(name: string, params: unknown[], id?: string): Promise<Frame>;
  /** Waits for the next `changed` frame of a stream (optionally of one event name). */
  nextEvent(collection: string, eventName?: string, timeoutMs?: number): Promise<Frame>;
  /** Resolves when the socket has closed, with its close code. */
  readonly closed: Promise<{code: number; reason: string}>;
  close(): void;
}

/** Options of `connectDdp`. */
export interface ConnectDdpOptions {
  /** Send `connect` and wait for `connected` (default true). */
  handshake?: boolean;
  /** Answer server pings (default true); switch off to test the heartbeat. */
  autoPong?: boolean;
  /** Extra upgrade headers (e.g. `Origin`). */
  headers?: Record<string, string>;
  /** Connect from this local address (e.g. `127.0.0.2`: another client on loopback). */
  localAddress?: string;
}

/** Opens `ws://…/websocket` of the server at `url`; by default completes the DDP handshake. */
export async function connectDdp(
  url: string,
  options: ConnectDdpOptions = {},
): Promise<DdpTestClient> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/websocket`, {
    headers: options.headers,
    localAddress: options.localAddress,
  });
  const frames: Frame[] = [];
  const taken = new Set<Frame>();
  const waiters = new Set<{predicate: (f: Frame) => boolean; resolve: (f: Frame) => void}>();
  let nextId = 1;
  const closed = new Promise<{code: number; reason: string}>((resolve) => {
    ws.on('close', (code, reason) => resolve({code, reason: reason.toString()}));
  });
  ws.on('error', () => {});
  ws.on('message', (data) => {
    let frame: Frame;
    try {
      frame = JSON.parse(data.toString()) as Frame;
    } catch {
      return;
    }
    if (frame.msg === 'ping' && options.autoPong !== false) {
      ws.send(JSON.stringify(frame.id === undefined ? {msg: 'pong'} : {msg: 'pong', id: frame.id}));
    }
    frames.push(frame);
    for (const waiter of waiters) {
      if (taken.has(frame) || !waiter.predicate(frame)) continue;
      taken.add(frame);
      waiters.delete(waiter);
      waiter.resolve(frame);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`upgrade refused: ${res.statusCode}`));
    });
    ws.once('error', reject);
  });

  const next = (predicate: (f: Frame) => boolean, timeoutMs = 2000) => {
    const found = frames.find((f) => !taken.has(f) && predicate(f));
    if (found) {
      taken.add(found);
      return Promise.resolve(found);
    }
    return new Promise<Frame>((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (f: Frame) => {
          clearTimeout(timer);
          resolve(f);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const recent = JSON.stringify(frames.slice(-5));
        reject(new Error(`no matching DDP frame within ${timeoutMs} ms; last frames: ${recent}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  const send = (frame: unknown) => ws.send(JSON.stringify(frame));
  const client: DdpTestClient = {
    frames,
    send,
    sendRaw: (data) => ws.send(data),
    next,
    async call(method, params = []) {
      const id = `m${nextId++}`;
      send({msg: 'method', id, method, params});
      return next((f) => f.msg === 'result' && f.id === id);
    },
    async subscribe(name, params, id = `s${nextId++}`) {
      send({msg: 'sub', id, name, params});
      return next(
        (f) => (f.msg === 'ready' && f.subs?.includes(id)) || (f.msg === 'nosub' && f.id === id),
      );
    },
    nextEvent(collection, eventName, timeoutMs) {
      return next(
        (f) =>
          f.msg === 'changed' &&
          f.collection === collection &&
          (eventName === undefined || f.fields?.eventName === eventName),
        timeoutMs,
      );
    },
    closed,
    close: () => ws.close(),
  };
  if (options.handshake !== false) {
    send({msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1']});
    await next((f) => f.msg === 'connected');
  }
  return client;
}

/** The agent says `text` in `rid` over REST (`chat.sendMessage`). */
export function agentPosts(url: string, agent: AgentLogin, rid: string, text: string) {
  return api(url, '/api/v1/chat.sendMessage', {
    headers: agent.headers,
    body: {message: {rid, msg: text}},
  });
}

/**
 * Subscribes `ddp` to the visitor's room as the widget does, has the agent say `text` there
 * over REST, and resolves with the room message the subscription then delivered.
 */
export async function liveReply(
  url: string,
  agent: AgentLogin,
  visitor: {rid: string; token: string},
  ddp: DdpTestClient,
  text: string,
): Promise<Frame> {
  const ready = await ddp.subscribe('stream-room-messages', [
    visitor.rid,
    visitorSubArgs(visitor.token),
  ]);
  assert.equal(ready.msg, 'ready');
  await agentPosts(url, agent, visitor.rid, text);
  const event = await ddp.nextEvent('stream-room-messages', visitor.rid);
  assert.equal(event.id, 'id');
  return event.fields.args[0] as Frame;
}

/** `params[1]` of a visitor stream sub, with both token keys as the widget sends them. */
export const visitorSubArgs = (token: string) => ({
  useCollection: false,
  args: [{token, visitorToken: token}],
});
