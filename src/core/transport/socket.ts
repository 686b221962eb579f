/**
 * The part of the browser `WebSocket` that `DdpConnection` uses; tests pass a fake, Node callers
 * can pass `ws` or Node's global `WebSocket`.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

/** Opens a socket to `url`; the only way the core gets one. */
export type SocketFactory = (url: string) => SocketLike;

/**
 * Close codes that mean "do not come back": protocol error, unsupported data or version,
 * invalid payload, policy violation (a refused origin or token). Retrying cannot fix them.
 */
export const FATAL_CLOSE_CODES: readonly number[] = [1002, 1003, 1007, 1008];

/** `WebSocket.OPEN`, without touching the global at import time. */
export const SOCKET_OPEN = 1;

/** The default factory: the platform's `WebSocket`. */
export const defaultSocketFactory: SocketFactory = (url) => new WebSocket(url);

/** `ws(s)://<host>/<path>/websocket` for a server base URL `http(s)://<host>/<path>`. */
export function websocketUrl(server: string): string {
  const url = new URL('websocket', `${server.replace(/\/+$/, '')}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** Closes a socket we no longer want, deaf to its events from now on. */
export function discardSocket(socket: SocketLike): void {
  socket.onopen = socket.onmessage = socket.onclose = null;
  // Node's `ws` throws an `error` event nobody listens to when a socket still connecting is
  // closed (it aborts the handshake), which kills the process: the handler stays, a no-op.
  socket.onerror = () => undefined;
  try {
    socket.close(4000, 'closing');
  } catch {
    // Already closed, or a fake that does not care: nothing to release.
  }
}
