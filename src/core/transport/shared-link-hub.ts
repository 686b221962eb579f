import type {Clock} from '../clock.js';
import {decodeDdpFrame, isObject} from '../protocol/index.js';
import {CONNECT_FRAME} from './ddp-types.js';
import {DEAD_AFTER_MS, Heartbeat, PING_AFTER_MS} from './heartbeat.js';
import {SubGroups, type SubEffects} from './shared-link-subs.js';
import {discardSocket, SOCKET_OPEN, type SocketFactory, type SocketLike} from './socket.js';

/** Where the hub's answers go: the leader's own sockets, or the other tabs over the channel. */
export interface HubOutlet {
  deliver(ports: readonly string[], data: string): void;
  drop(port: string, code: number, reason: string): void;
}

interface Port {
  wantsConnect: boolean;
  isConnected: boolean;
  /** Pings waiting for a sign of life from the server. */
  pongs: (string | undefined)[];
}

interface Call {
  port: string;
  id: string;
  hasResult: boolean;
  hasUpdated: boolean;
}

const encode = (frame: object) => JSON.stringify(frame);

/**
 * The leader's multiplexer: one real DDP socket serves many ports (the `DdpConnection`s of every
 * tab of the site). It does the handshake once and greets each port itself; gives method and
 * sub ids of its own and routes `result`, `updated`, `ready` and `nosub` back to the port that
 * asked; sends a subscription that several ports make alike (same name and params) once and
 * counts its members, so the server sends each event once; and hands each `added`/`changed`/
 * `removed` frame to the ports subscribed to its collection. A port's ping is answered when the
 * server next shows a sign of life (a probe goes out at once), so a dead socket is noticed as
 * before. Losing the real socket drops every port, whose connections reconnect and catch up.
 */
export class LinkHub {
  readonly #ports = new Map<string, Port>();
  readonly #subs = new SubGroups(() => `s${this.#nextId++}`);
  readonly #calls = new Map<string, Call>();
  readonly #heartbeat: Heartbeat;
  #socket: SocketLike | null = null;
  #session: string | null = null;
  #nextId = 1;

  readonly #url: string;
  readonly #socketFactory: SocketFactory;
  readonly #outlet: HubOutlet;

  constructor(url: string, socketFactory: SocketFactory, clock: Clock, outlet: HubOutlet) {
    this.#url = url;
    this.#socketFactory = socketFactory;
    this.#outlet = outlet;
    const ping = () => this.#sendReal({msg: 'ping'});
    const dead = () => this.close(1006, 'no answer to ping');
    this.#heartbeat = new Heartbeat(clock, PING_AFTER_MS, DEAD_AFTER_MS, ping, dead);
  }

  /** A new port; opens the real socket if there is none. */
  attach(port: string): void {
    if (this.#ports.has(port)) return;
    this.#ports.set(port, {wantsConnect: false, isConnected: false, pongs: []});
    if (!this.#socket) this.#open();
  }

  /** The port's connection closed its socket; the last one out closes the real socket. */
  detach(port: string): void {
    const state = this.#ports.get(port);
    if (!state) return;
    for (const frame of this.#subs.removePort(port)) this.#sendReal(frame);
    for (const [id, call] of this.#calls) if (call.port === port) this.#calls.delete(id);
    this.#ports.delete(port);
    if (this.#ports.size === 0) this.#closeReal();
  }

  /** A frame from the port's connection. */
  receive(port: string, data: string): void {
    const state = this.#ports.get(port);
    const frame = state && decodeDdpFrame(data);
    if (!state || !frame) return;
    switch (frame.msg) {
      case 'connect':
        state.wantsConnect = true;
        return this.#greet(port, state);
      case 'ping':
        state.pongs.push(frame.id);
        if (this.#session !== null) this.#heartbeat.probe();
        return;
      case 'method': {
        const id = `m${this.#nextId++}`;
        this.#calls.set(id, {port, id: frame.id, hasResult: false, hasUpdated: false});
        return this.#sendReal({...frame, id});
      }
      case 'sub':
        return this.#apply(this.#subs.add(port, frame.id, frame.name, frame.params));
      case 'unsub':
        return this.#apply(this.#subs.remove(port, frame.id, true));
    }
  }

  /** Stops: drops every port with `code` and closes the real socket. */
  close(code: number, reason: string): void {
    const ports = [...this.#ports.keys()];
    this.#reset();
    this.#closeReal();
    for (const port of ports) this.#outlet.drop(port, code, reason);
  }

  #open(): void {
    let socket: SocketLike;
    try {
      socket = this.#socketFactory(this.#url);
    } catch {
      return queueMicrotask(() => this.close(1006, 'socket refused'));
    }
    this.#socket = socket;
    socket.onopen = () => this.#sendReal(CONNECT_FRAME);
    socket.onmessage = (event) => this.#handleServer(event.data);
    // Gone: every port goes with it, and their connections come back and catch up.
    socket.onclose = ({code, reason}) => this.close(code, reason);
    socket.onerror = () => undefined;
    this.#heartbeat.arm();
  }

  #greet(port: string, state: Port): void {
    if (this.#session === null || !state.wantsConnect || state.isConnected) return;
    state.isConnected = true;
    this.#outlet.deliver([port], encode({msg: 'connected', session: this.#session}));
  }

  #apply({toServer, toPorts}: SubEffects): void {
    if (toServer) this.#sendReal(toServer);
    this.#answer(toPorts);
  }

  #answer(frames: [port: string, frame: object][]): void {
    for (const [port, frame] of frames) this.#outlet.deliver([port], encode(frame));
  }

  #handleServer(data: unknown): void {
    if (typeof data !== 'string') return;
    this.#heartbeat.arm();
    this.#answerPings();
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const frame = decodeDdpFrame(raw);
    if (!frame || !isObject(raw)) return;
    switch (frame.msg) {
      case 'connected':
        if (this.#session !== null) return;
        this.#session = frame.session;
        for (const [port, state] of this.#ports) this.#greet(port, state);
        return;
      case 'failed':
        return this.#toPorts((state) => state.wantsConnect, data);
      case 'ping':
        // JSON leaves an undefined `id` out.
        return this.#sendReal({msg: 'pong', id: frame.id});
      case 'result':
      case 'updated':
        return this.#routeCalls(
          frame.msg,
          frame.msg === 'result' ? [frame.id] : frame.methods,
          raw,
        );
      case 'ready':
        return this.#answer(this.#subs.ready(frame.subs));
      case 'nosub':
        return this.#answer(this.#subs.nosub(frame.id, raw.error));
      case 'added':
      case 'changed':
      case 'removed':
        return this.#toPorts((_, port) => this.#subs.wants(port, frame.collection), data);
      case 'error':
        return this.#toPorts((state) => state.isConnected, data);
    }
  }

  #toPorts(test: (state: Port, port: string) => boolean, data: string): void {
    const ports = [...this.#ports].filter(([port, state]) => test(state, port)).map(([p]) => p);
    if (ports.length > 0) this.#outlet.deliver(ports, data);
  }

  #answerPings(): void {
    for (const [port, state] of this.#ports) {
      for (const id of state.pongs.splice(0)) {
        this.#outlet.deliver([port], encode({msg: 'pong', id}));
      }
    }
  }

  #routeCalls(msg: 'result' | 'updated', ids: string[], raw: Record<string, unknown>): void {
    const byPort = new Map<string, string[]>();
    for (const id of ids) {
      const call = this.#calls.get(id);
      if (!call) continue;
      if (msg === 'result') call.hasResult = true;
      else call.hasUpdated = true;
      if (call.hasResult && call.hasUpdated) this.#calls.delete(id);
      if (msg === 'result') this.#outlet.deliver([call.port], encode({...raw, id: call.id}));
      else byPort.set(call.port, [...(byPort.get(call.port) ?? []), call.id]);
    }
    for (const [port, methods] of byPort) {
      this.#outlet.deliver([port], encode({msg: 'updated', methods}));
    }
  }

  #reset(): void {
    this.#ports.clear();
    this.#subs.clear();
    this.#calls.clear();
  }

  #closeReal(): void {
    this.#heartbeat.stop();
    this.#session = null;
    const socket = this.#socket;
    if (!socket) return;
    this.#socket = null;
    discardSocket(socket);
  }

  #sendReal(frame: object): void {
    if (this.#socket?.readyState !== SOCKET_OPEN) return;
    try {
      this.#socket.send(encode(frame));
    } catch {
      // The socket is going away; its `close` drops the ports.
    }
  }
}
