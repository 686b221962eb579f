import type {IncomingMessage, Server} from 'node:http';
import type {Duplex} from 'node:stream';
import {clientKey} from './client-key.js';
import {trustedPeer} from './forwarding.js';

/**
 * A browser opens at most six HTTP/1.1 connections to a host, each closed after 5 s of
 * keep-alive idleness; 100 lets dozens of visitors behind one NAT address load pages at the same
 * moment, and keeps one address from holding more than 100 descriptors with slow requests (the
 * HTTP deadlines alone let a client trickling a byte every 10 s keep each one for 5 min).
 */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;

/** What the cap needs. */
export interface ConnectionCapOptions {
  /** Open HTTP connections one client address (an IPv6 one by its /64) may hold. */
  max: number;
  /** The server's `trustProxy`: connections from a trusted proxy are not capped. */
  trustProxy?: number | string[];
  /** Told of each refused connection, with the address key (for a rate-limited log). */
  onRefused?: (address: string) => void;
}

/**
 * Caps the plain HTTP connections of each client address, counted from the moment the TCP
 * connection is accepted (before a byte is read: a slow client is counted from the start) until
 * it closes or becomes a WebSocket, which the DDP socket cap counts instead. One over the cap is
 * destroyed at once, unread: no parser work, no answer. A trusted proxy carries many clients on
 * its connections, and its peer address is not theirs, so its connections are not counted (the
 * proxy itself should limit each client's connections).
 */
export function installConnectionCap(server: Server, options: ConnectionCapOptions): void {
  const isProxy = trustedPeer(options.trustProxy);
  const open = new Map<string, number>();
  const counted = new WeakMap<Duplex, string>();
  const release = (socket: Duplex) => {
    const key = counted.get(socket);
    if (key === undefined) return;
    counted.delete(socket);
    const left = (open.get(key) ?? 1) - 1;
    if (left > 0) open.set(key, left);
    else open.delete(key);
  };
  server.on('connection', (socket: Duplex & {remoteAddress?: string}) => {
    const address = socket.remoteAddress;
    if (address === undefined || isProxy(address)) return;
    const key = clientKey(address);
    const held = (open.get(key) ?? 0) + 1;
    if (held > options.max) {
      options.onRefused?.(key);
      socket.destroy();
      return;
    }
    open.set(key, held);
    counted.set(socket, key);
    socket.once('close', () => release(socket));
  });
  server.on('upgrade', (_request: IncomingMessage, socket: Duplex) => release(socket));
}
