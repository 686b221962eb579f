/**
 * A loopback TCP proxy in front of a server that refuses WebSocket upgrades (HTTP 503) while
 * `refusals` is above zero, and passes every other byte through untouched: a load balancer
 * whose backend is not ready yet (docs/reliability.md T14).
 */
import {connect, createServer, type Socket} from 'node:net';

/** A running proxy. */
export interface RefusingProxy {
  /** `http://127.0.0.1:<port>`: use it as the widget's `server` and for the page. */
  readonly url: string;
  /** Upgrades still to refuse; set it to change course. */
  refusals: number;
  /** WebSocket upgrade requests seen so far (refused or passed). */
  readonly upgrades: number;
  /** Resolves once `count` upgrade requests have been seen. */
  upgradesReached(count: number): Promise<void>;
  /** Cuts every WebSocket that went through, as a dying backend would (the page sees 1006). */
  dropLinks(): void;
  close(): Promise<void>;
}

const HEAD_END = '\r\n\r\n';
const REFUSAL =
  'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n' + 'Content-Length: 0\r\n\r\n';

/** Whether a request head asks for a WebSocket upgrade. */
function isUpgrade(head: string): boolean {
  return /^GET /.test(head) && /^upgrade:\s*websocket\s*$/im.test(head);
}

/** Starts the proxy on a free port in front of `127.0.0.1:<targetPort>`. */
export async function startRefusingProxy(
  targetPort: number,
  refusals: number,
): Promise<RefusingProxy> {
  const sockets = new Set<Socket>();
  const links = new Set<Socket>();
  const waiters: {count: number; resolve: () => void}[] = [];
  let upgrades = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const countUpgrade = () => {
    upgrades += 1;
    for (const waiter of waiters.filter((w) => upgrades >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const server = createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const text = head.toString('latin1');
      if (!text.includes(HEAD_END)) return;
      client.off('data', onData);
      client.pause();
      if (isUpgrade(text)) {
        countUpgrade();
        if (proxy.refusals > 0) {
          proxy.refusals -= 1;
          client.end(REFUSAL);
          return;
        }
        links.add(client);
        client.on('close', () => links.delete(client));
      }
      const upstream = connect(targetPort, '127.0.0.1', () => {
        upstream.write(head);
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      track(upstream);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const proxy: RefusingProxy = {
    url: `http://127.0.0.1:${port}`,
    refusals,
    get upgrades() {
      return upgrades;
    },
    upgradesReached(count) {
      if (upgrades >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({count, resolve}));
    },
    dropLinks() {
      for (const link of links) link.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
