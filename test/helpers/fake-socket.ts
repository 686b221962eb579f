import type {SocketFactory, SocketLike} from '../../src/core/transport/socket.js';

/** A scripted WebSocket: the test plays the server side (`open`, `receive`, `drop`). */
export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  /** Raw frames the client sent, in order. */
  readonly sent: string[] = [];
  /** Set when the client closed the socket. */
  closedByClient: {code?: number; reason?: string} | null = null;
  /** Called for each frame the client sends (the scripted server). */
  onClientFrame: ((frame: Record<string, unknown>) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError: socket not open');
    this.sent.push(data);
    this.onClientFrame?.(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.closedByClient = {code, reason};
  }

  /** The frames the client sent, parsed. */
  frames(): Record<string, unknown>[] {
    return this.sent.map((data) => JSON.parse(data) as Record<string, unknown>);
  }

  /** Frames the client sent with `msg`. */
  framesOf(msg: string): Record<string, unknown>[] {
    return this.frames().filter((frame) => frame.msg === msg);
  }

  /** Server side: the handshake completes. */
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** Server side: sends a frame (an object is JSON-encoded). */
  receive(frame: object | string): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.onmessage?.(new MessageEvent('message', {data}));
  }

  /** Server side: the link dies (or the server closes it). */
  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', {code}));
  }
}

/** Hands out `FakeSocket`s and remembers them; `factory` goes where a `SocketFactory` goes. */
export class FakeSocketHub {
  readonly sockets: FakeSocket[] = [];
  /** Called with each new socket, before the client sees it (set up the server side here). */
  onSocket: ((socket: FakeSocket) => void) | null = null;

  readonly factory: SocketFactory = (url) => {
    const socket = new FakeSocket(url);
    this.sockets.push(socket);
    this.onSocket?.(socket);
    return socket;
  };

  /** The newest socket. */
  get last(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }
}
