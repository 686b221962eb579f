/**
 * A loopback reverse proxy in front of a server, as nginx runs in front of a real one: it
 * forwards HTTP requests and WebSocket upgrades, names the client in a forwarding header
 * (`X-Forwarded-For` appended, as `$proxy_add_x_forwarded_for`; or any headers a test picks),
 * and cuts an upgraded connection over which the server sent nothing for `idleMs`, as nginx's
 * `proxy_read_timeout` (60 s by default) does. Clients may connect from any 127.0.0.x address,
 * so several visitors can stand behind it.
 */
import {connect, type Socket} from 'node:net';
import {createServer, request, type IncomingMessage} from 'node:http';

/** Options of `startForwardingProxy`. */
export interface ForwardingProxyOptions {
  /** Cut an upgraded link after this long without a byte from the server; none by default. */
  idleMs?: number;
  /**
   * The forwarding headers for a client at `peer`, given the ones it sent (lowercase names).
   * Default: `X-Forwarded-For` with `peer` appended.
   */
  forward?: (peer: string, headers: IncomingMessage['headers']) => Record<string, string>;
}

/** A running proxy. */
export interface ForwardingProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Upgraded links cut for idleness so far. */
  readonly cuts: number;
  /** Upgraded links open now. */
  readonly links: number;
  /** Chunks the server sent down upgraded links so far (its frames, pings included). */
  readonly serverChunks: number;
  close(): Promise<void>;
}

/** Default forwarding: `X-Forwarded-For` with the peer appended. */
const appendForwardedFor = (peer: string, headers: IncomingMessage['headers']) => {
  const sent = headers['x-forwarded-for'];
  return {'x-forwarded-for': typeof sent === 'string' ? `${sent}, ${peer}` : peer};
};

/** The request's headers minus hop and forwarding ones, plus `forwarded`. */
function upstreamHeaders(
  message: IncomingMessage,
  forwarded: Record<string, string>,
): [string, string][] {
  const replaced = new Set(Object.keys(forwarded).map((name) => name.toLowerCase()));
  const pairs: [string, string][] = [];
  for (let i = 0; i < message.rawHeaders.length; i += 2) {
    const name = message.rawHeaders[i];
    if (!replaced.has(name.toLowerCase())) pairs.push([name, message.rawHeaders[i + 1]]);
  }
  return [...pairs, ...Object.entries(forwarded)];
}

/** Starts the proxy on a free port of 127.0.0.1 in front of `127.0.0.1:<targetPort>`. */
export async function startForwardingProxy(
  targetPort: number,
  options: ForwardingProxyOptions = {},
): Promise<ForwardingProxy> {
  const forward = options.forward ?? appendForwardedFor;
  const sockets = new Set<Socket>();
  const links = new Set<Socket>();
  let cuts = 0;
  let serverChunks = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const peerOf = (message: IncomingMessage) =>
    (message.socket.remoteAddress ?? '').replace(/^::ffff:/, '');

  const server = createServer((incoming, outgoing) => {
    const headers = upstreamHeaders(incoming, forward(peerOf(incoming), incoming.headers));
    const upstream = request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: incoming.method,
        path: incoming.url,
        headers: headers.flat(),
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  server.on('connection', track);
  server.on('upgrade', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    const headers = upstreamHeaders(incoming, forward(peerOf(incoming), incoming.headers));
    const upstream = connect(targetPort, '127.0.0.1', () => {
      const lines = headers.map(([name, value]) => `${name}: ${value}`);
      upstream.write(
        `${incoming.method} ${incoming.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`,
      );
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    track(upstream);
    links.add(client);
    client.on('close', () => links.delete(client));
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('data', () => (serverChunks += 1));
    if (options.idleMs !== undefined) {
      const idle = setTimeout(() => {
        cuts += 1;
        client.destroy();
        upstream.destroy();
      }, options.idleMs);
      upstream.on('data', () => idle.refresh());
      upstream.on('close', () => clearTimeout(idle));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return cuts;
    },
    get links() {
      return links.size;
    },
    get serverChunks() {
      return serverChunks;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
