import type {RcMessage, RcRoom, RcVisitor} from '../../src/core/protocol/index.js';
import {routeExtras} from './fake-rc-extras.js';
import {FakeSocketHub, type FakeSocket} from './fake-socket.js';

/** A message as the fake stores it (ts in ms). */
export interface StoredMessage extends Omit<RcMessage, 'ts'> {
  ts: number;
}

/** One request as the fake saw it (a multipart body becomes its fields). */
export interface FakeRequest {
  method: string;
  path: string;
  body?: Record<string, unknown>;
  headers: Record<string, string>;
}

interface Sub {
  socket: FakeSocket;
  id: string;
  name: string;
  eventName: string;
}

/**
 * How the next matching request fails: `network` rejects before the server sees it, `lost`
 * after the server handled it (the answer is lost), `hang` waits for the abort signal.
 */
export type Fault = 'network' | 'lost' | 'hang' | {status: number; body: unknown};

export const AGENT = {_id: 'agent-1', username: 'agent.smith', name: 'Agent Smith'};

/**
 * An in-memory Rocket.Chat for client tests: the visitor REST subset (as `fetch`) and DDP
 * streams (as a socket factory), with agent actions and fault injection.
 */
export class FakeRcServer {
  readonly url = 'http://rc.test';
  readonly hub = new FakeSocketHub();
  readonly requests: FakeRequest[] = [];
  /** `stream-notify-room` writes (typing) the client made, as params. */
  readonly activityWrites: unknown[][] = [];
  /** Every DDP method call, in order (`stream-notify-room` too). */
  readonly methodCalls: {method: string; params: unknown[]}[] = [];
  /** Methods answered with Meteor's `not-allowed` error. */
  readonly refusedMethods = new Set<string>();
  /** Merged into `config.settings`, and into `config` itself. */
  settings: Record<string, unknown> = {};
  configPatch: Record<string, unknown> = {};
  /** Bytes above which uploads are refused with `error-size-not-allowed`. */
  uploadLimit = Infinity;
  /** What `agent.info` and `agentData` say: the agent, or `{hiddenInfo: true}`. */
  hidesAgent = false;
  /** Bodies the visitor sent to the endpoints that only store something. */
  readonly received = {
    surveys: [] as unknown[],
    transcripts: [] as unknown[],
    offlineMessages: [] as unknown[],
    pages: [] as unknown[],
    customFields: [] as unknown[],
  };
  online = true;
  /** Whether a sent message is echoed on stream-room-messages. */
  echoes = true;
  /** Whether connections complete their handshake. */
  accepts = true;
  /** Whether history treats `ls` as an exclusive lower bound, as the reference server does. */
  filtersLs = false;
  /** Subscriptions to this stream wait for `releaseReady()` before their `ready`. */
  holdsReadyOf: string | null = null;
  private heldReady: (() => void)[] = [];
  private readonly faults: {path: RegExp; fault: Fault}[] = [];
  readonly visitors = new Map<string, RcVisitor>();
  readonly rooms = new Map<string, RcRoom>();
  readonly messages: StoredMessage[] = [];
  private readonly subs: Sub[] = [];
  seq = 1;
  private now = Date.UTC(2026, 0, 1, 12);

  constructor() {
    this.hub.onSocket = (socket) => {
      socket.onClientFrame = (frame) => this.handleFrame(socket, frame);
      queueMicrotask(() => this.accepts && socket.open());
    };
  }

  /** Makes the next request whose path matches fail with `fault`. */
  failNext(path: RegExp, fault: Fault): void {
    this.faults.push({path, fault});
  }

  /** Requests made to `path` (a regexp over `METHOD path`). */
  calls(pattern: RegExp): FakeRequest[] {
    return this.requests.filter((r) => pattern.test(`${r.method} ${r.path}`));
  }

  /** The visitor's open room (the only one in these tests). */
  get room(): RcRoom {
    const room = [...this.rooms.values()].at(-1);
    if (!room) throw new Error('no room yet');
    return room;
  }

  /** Messages stored for the room, oldest first. */
  stored(rid = this.room._id): StoredMessage[] {
    return this.messages.filter((m) => m.rid === rid);
  }

  /** The agent takes the chat: `command connected`, `uj`, and `agentData`. */
  agentJoins(): void {
    const room = this.room;
    room.servedBy = {_id: AGENT._id, username: AGENT.username};
    this.store({rid: room._id, msg: 'connected', t: 'command', u: AGENT});
    this.store({rid: room._id, msg: '', t: 'uj', u: AGENT});
    const data = this.hidesAgent ? {hiddenInfo: true} : {...AGENT, status: 'online'};
    this.publish('stream-livechat-room', room._id, [{type: 'agentData', data}]);
  }

  /** The agent edits a message: the same `_id` arrives again with `editedAt`. */
  agentEdits(id: string, text: string): void {
    const message = this.messages.find((m) => m._id === id);
    if (!message) throw new Error(`no message ${id}`);
    message.msg = text;
    message.editedAt = {$date: (this.now += 1000)};
    message.editedBy = {_id: AGENT._id, username: AGENT.username};
    this.publish('stream-room-messages', message.rid, [{...message, ts: {$date: message.ts}}]);
  }

  /** A message is deleted: `<rid>/deleteMessage` with `{_id}`. */
  deletes(id: string): void {
    const index = this.messages.findIndex((m) => m._id === id);
    const [message] = this.messages.splice(index, 1);
    this.publish('stream-notify-room', `${message.rid}/deleteMessage`, [{_id: id}]);
  }

  /** Sends raw `changed` args on a stream of the room (recorded frames, quirks included). */
  emit(collection: string, eventName: string, args: unknown[]): void {
    this.publish(collection, eventName, args);
  }

  /** The agent writes `text`; returns the stored message. */
  agentSays(text: string): StoredMessage {
    return this.store({rid: this.room._id, msg: text, u: AGENT});
  }

  /** The agent types (or stops). */
  agentTypes(isTyping: boolean): void {
    const eventName = `${this.room._id}/user-activity`;
    const activities = isTyping ? ['user-typing'] : [];
    this.publish('stream-notify-room', eventName, [AGENT.username, activities]);
  }

  /** Sends one `stream-livechat-room` event (queueData, agentStatus, …) for the room. */
  roomEvent(event: Record<string, unknown>): void {
    this.publish('stream-livechat-room', this.room._id, [event]);
  }

  /** The agent closes the chat. */
  agentCloses(): void {
    this.close(this.room, AGENT, undefined);
  }

  /** Kills every open socket from the server side. */
  dropAll(): void {
    for (const socket of this.hub.sockets) socket.drop();
    this.subs.length = 0;
  }

  /** The next server time (ms), one second after the last. */
  tick(): number {
    return (this.now += 1000);
  }

  /** Stores a message as the server would (without publishing when `silent`). */
  store(input: Omit<StoredMessage, '_id' | 'ts'> & {_id?: string}, silent = false): StoredMessage {
    const message: StoredMessage = {_id: `m${this.seq++}`, ts: (this.now += 1000), ...input};
    this.messages.push(message);
    if (silent) return message;
    this.publish('stream-room-messages', message.rid, [{...message, ts: {$date: message.ts}}]);
    return message;
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1\//, '');
    const body =
      init.body instanceof FormData
        ? Object.fromEntries(init.body.entries())
        : init.body
          ? (JSON.parse(String(init.body)) as Record<string, unknown>)
          : undefined;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    this.requests.push({method, path, body, headers});
    const faultIndex = this.faults.findIndex((f) => f.path.test(path));
    if (faultIndex >= 0) {
      const [{fault}] = this.faults.splice(faultIndex, 1);
      if (fault === 'network') throw new TypeError('Failed to fetch');
      if (fault === 'lost') {
        this.route(method, path, {...Object.fromEntries(url.searchParams), ...body}, headers);
        throw new TypeError('Failed to fetch');
      }
      if (fault === 'hang') {
        return new Promise((_, reject) => {
          const abort = () => reject(new DOMException('aborted', 'AbortError'));
          init.signal?.addEventListener('abort', abort);
        });
      }
      return json(fault.status, fault.body);
    }
    const query = Object.fromEntries(url.searchParams);
    return this.route(method, path, {...query, ...body}, headers);
  };

  private route(
    method: string,
    path: string,
    p: Record<string, unknown>,
    headers: Record<string, string>,
  ): Response {
    const visitor = typeof p.token === 'string' ? this.visitors.get(p.token) : undefined;
    const room = typeof p.rid === 'string' ? this.rooms.get(p.rid) : undefined;
    const ownRoom = room && visitor && room.v.token === visitor.token ? room : undefined;
    if (method === 'GET' && path === 'livechat/config') return ok({config: this.config(visitor)});
    if (method === 'POST' && path === 'livechat/visitor') {
      return this.saveVisitor(p.visitor as Record<string, string>);
    }
    const extra = routeExtras(this, {method, path, p, headers, visitor, ownRoom});
    if (extra) return extra;
    if (!visitor) return rcError('invalid-token');
    if (method === 'GET' && path === 'livechat/room') return this.openRoom(visitor!);
    if (method === 'POST' && path === 'livechat/message') {
      if (!ownRoom) return rcError('invalid-room', true);
      if (!ownRoom.open) return rcError('room-closed', true);
      if (this.messages.some((m) => m._id === p._id)) return json(400, {success: false});
      const u = {_id: visitor!._id, username: visitor!.username};
      const {token} = visitor!;
      const input = {_id: String(p._id), rid: ownRoom._id, msg: String(p.msg), token, u};
      const message = this.store(input, !this.echoes);
      return ok({message: wire(message)});
    }
    const messageMatch = /^livechat\/message\/(.+)$/.exec(path);
    if (method === 'GET' && messageMatch) {
      const id = messageMatch[1];
      const message = this.messages.find((m) => m._id === id && m.rid === ownRoom?._id);
      if (!message) return rcError('invalid-message', true);
      return ok({message: withFileUpload(wire(message), this.url)});
    }
    const historyMatch = /^livechat\/messages\.history\/(.+)$/.exec(path);
    if (method === 'GET' && historyMatch) {
      const rid = historyMatch[1];
      if (this.rooms.get(rid)?.v.token !== visitor!.token) return rcError('invalid-room', true);
      const end = typeof p.end === 'string' ? Date.parse(p.end) : Infinity;
      const ls = this.filtersLs && typeof p.ls === 'string' ? Date.parse(p.ls) : -Infinity;
      const limit = Number(p.limit ?? 20);
      const inRange = (m: StoredMessage) => m.ts < end && m.ts > ls;
      const list = this.stored(rid).filter(inRange).reverse().slice(0, limit);
      return ok({messages: list.map((m) => withFileUpload(wire(m), this.url))});
    }
    if (method === 'POST' && path === 'livechat/room.close') {
      if (!ownRoom) return rcError('invalid-room', true);
      if (!ownRoom.open) return rcError('room-closed', true);
      this.close(ownRoom, {_id: visitor!._id, username: visitor!.username}, visitor!.token);
      return ok({rid: ownRoom._id, comment: 'Closed by visitor'});
    }
    return json(404, {success: false, error: 'Not found'});
  }

  private openRoomOf(visitor: RcVisitor): RcRoom | undefined {
    return [...this.rooms.values()].find((r) => r.v.token === visitor.token && r.open);
  }

  private config(visitor: RcVisitor | undefined): Record<string, unknown> {
    const open = visitor && this.openRoomOf(visitor);
    return {
      enabled: true,
      settings: {registrationForm: false, hiddenSystemMessages: [], ...this.settings},
      theme: {title: 'Fake chat', color: '#123', offlineTitle: 'Leave one', offlineColor: '#666'},
      messages: {},
      survey: {items: [], values: []},
      triggers: [],
      departments: [],
      resources: {},
      online: this.online,
      ...(visitor ? {guest: visitor} : {}),
      ...(open ? {room: open} : {}),
      ...this.configPatch,
    };
  }

  private saveVisitor(input: Record<string, string>): Response {
    const known = this.visitors.get(input.token);
    const fresh = {_id: `v${this.seq++}`, token: input.token, username: `guest-${this.seq++}`};
    const visitor: RcVisitor = known ?? fresh;
    if (input.name) visitor.name = input.name;
    if (input.email) visitor.visitorEmails = [{address: input.email}];
    if (input.department) visitor.department = input.department;
    this.visitors.set(visitor.token, visitor);
    return ok({visitor});
  }

  private openRoom(visitor: RcVisitor): Response {
    const open = this.openRoomOf(visitor);
    if (open) return ok({room: open, newRoom: false});
    if (!this.online) return rcError('no-agent-online', true);
    const v = {_id: visitor._id, token: visitor.token, username: visitor.username};
    const room: RcRoom = {_id: `r${this.seq++}`, t: 'l', open: true, v};
    this.rooms.set(room._id, room);
    const u = {_id: visitor._id, username: visitor.username};
    this.store({rid: room._id, msg: '', t: 'livechat-started', token: visitor.token, u}, true);
    return ok({room, newRoom: true});
  }

  /** Closes `room` as `u` (with the visitor's `token` when the visitor closed it). */
  close(room: RcRoom, u: {_id: string; username: string}, token: string | undefined): void {
    room.open = false;
    this.store({rid: room._id, msg: 'Closed', t: 'livechat-close', u, ...(token ? {token} : {})});
  }

  /** Answers the subscriptions held by `holdsReadyOf`, and holds no more. */
  releaseReady(): void {
    this.holdsReadyOf = null;
    for (const ready of this.heldReady.splice(0)) ready();
  }

  /** Sends a stream event to every matching subscription. */
  publish(collection: string, eventName: string, args: unknown[]): void {
    for (const sub of this.subs) {
      const matches = sub.name === collection && sub.eventName === eventName;
      if (!matches || sub.socket.readyState !== 1) continue;
      sub.socket.receive({msg: 'changed', collection, id: 'id', fields: {eventName, args}});
    }
  }

  private handleFrame(socket: FakeSocket, frame: Record<string, unknown>): void {
    if (frame.msg === 'connect') socket.receive({msg: 'connected', session: `s-${this.seq++}`});
    if (frame.msg === 'ping') socket.receive({msg: 'pong', ...(frame.id ? {id: frame.id} : {})});
    if (frame.msg === 'method') {
      const params = frame.params as unknown[];
      this.methodCalls.push({method: String(frame.method), params});
      if (frame.method === 'stream-notify-room') this.activityWrites.push(params);
      const error = {error: 'not-allowed', reason: 'Not allowed'};
      if (this.refusedMethods.has(String(frame.method))) {
        socket.receive({msg: 'result', id: frame.id, error});
      } else {
        socket.receive({msg: 'result', id: frame.id});
      }
    }
    if (frame.msg === 'sub') {
      const params = frame.params as [string, {args: [{token: string; visitorToken: string}]}];
      const id = String(frame.id);
      const rid = params[0].split('/')[0];
      const extra = params[1]?.args?.[0];
      // Rocket.Chat checks visitorToken on two streams and token on the third: both must be there.
      const key = frame.name === 'stream-notify-room' ? extra?.token : extra?.visitorToken;
      if (this.rooms.get(rid)?.v.token !== key) {
        socket.receive({msg: 'nosub', id, error: {error: 'not-allowed', reason: 'Not allowed'}});
        return;
      }
      this.subs.push({socket, id, name: String(frame.name), eventName: params[0]});
      const ready = () => socket.receive({msg: 'ready', subs: [id]});
      if (frame.name === this.holdsReadyOf) this.heldReady.push(ready);
      else ready();
    }
    if (frame.msg === 'unsub') {
      const index = this.subs.findIndex((s) => s.socket === socket && s.id === frame.id);
      if (index >= 0) this.subs.splice(index, 1);
      socket.receive({msg: 'nosub', id: frame.id});
    }
  }
}

/** A JSON response. */
export function json(status: number, body: unknown): Response {
  const headers = {'Content-Type': 'application/json'};
  return new Response(JSON.stringify(body), {status, headers});
}

/** A 200 `{…, success: true}`. */
export function ok(body: Record<string, unknown>): Response {
  return json(200, {...body, success: true});
}

/** Rocket.Chat's 400: the Meteor form (`[x]` + errorType), or the plain `{error}` one. */
export function rcError(error: string, plain = false): Response {
  const meteor = {success: false, error: `[${error}]`, errorType: error};
  return json(400, plain ? {success: false, error} : meteor);
}

/** A stored message as REST sends it (ISO dates). */
export function wire(message: StoredMessage): RcMessage {
  return {...message, ts: new Date(message.ts).toISOString()};
}

/** Rocket.Chat's `normalizeMessageFileUpload`: a file message gets its signed link. */
export function withFileUpload(message: RcMessage, server: string): RcMessage {
  const file = message.file;
  if (!file || message.fileUpload) return message;
  const path = `/file-upload/${file._id}/${encodeURIComponent(file.name)}`;
  const publicFilePath = `${server}${path}?token=signed-${file._id}`;
  return {...message, fileUpload: {publicFilePath, type: file.type, size: 4}};
}
