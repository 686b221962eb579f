import {SOCKET_OPEN, type SocketLike} from './socket.js';

/** Where a `VirtualSocket`'s frames go, and who hears that it closed. */
export interface SocketSink {
  send(data: string): void;
  close(): void;
}

/**
 * A `SocketLike` without a network of its own: a tab's `DdpConnection` talks through it to the
 * tab that holds the site's one real socket (shared-link.ts). The link side opens it, feeds it
 * frames and drops it; the connection side sends and closes, as with a WebSocket. Events are
 * plain objects with the fields `DdpConnection` reads, so no DOM event constructor is needed.
 */
export class VirtualSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  readonly #sink: SocketSink;

  constructor(sink: SocketSink) {
    this.#sink = sink;
  }

  send(data: string): void {
    if (this.readyState !== SOCKET_OPEN) throw new Error('InvalidStateError: socket not open');
    this.#sink.send(data);
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#sink.close();
  }

  /** The link accepted it. */
  open(): void {
    if (this.readyState !== 0) return;
    this.readyState = SOCKET_OPEN;
    this.onopen?.({type: 'open'} as Event);
  }

  /** A frame for its connection. */
  deliver(data: string): void {
    if (this.readyState === SOCKET_OPEN) this.onmessage?.({type: 'message', data} as MessageEvent);
  }

  /** The link is gone (or moves to another tab): the connection reconnects, or stops if fatal. */
  drop(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({type: 'close', code, reason, wasClean: false} as CloseEvent);
  }
}
