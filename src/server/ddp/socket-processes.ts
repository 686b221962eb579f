import {fork, type ChildProcess} from 'node:child_process';
import {EventEmitter} from 'node:events';
import type {IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import type {FastifyInstance} from 'fastify';
import type {WebSocket} from 'ws';
import {ipcBatcher} from './ipc-batch.js';
import {InFlight, wantsAck} from './ipc-flow.js';
import type {AdoptMessage, CoreToEdge, EdgeToCore} from './socket-process.js';

// `.ts` when the server runs from source (tsx), `.js` once compiled.
const EDGE_ENTRY = new URL(`./socket-process${import.meta.url.slice(-3)}`, import.meta.url);
/** The part of a net.Socket's native handle that the handover touches. */
type TcpHandle = {reading: boolean; readStop(): number};
/** A socket process that dies is started again after this, not in a tight loop. */
const RESTART_DELAY_MS = 500;

/**
 * The core's handle on a WebSocket that a socket process holds: the part of `ws`'s WebSocket
 * that the DDP server uses (`send`, `close`, `terminate`, `readyState`, `bufferedAmount` and the
 * `message`, `close` and `error` events). The socket process enforces the send buffer limit
 * where the buffer is; `bufferedAmount` here is what the socket process has not taken yet, so
 * that a socket the IPC cannot keep up with is dropped here too (L4), not queued without end.
 */
class EdgeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;

  constructor(
    readonly id: number,
    private readonly edge: Edge,
  ) {
    super();
  }

  get bufferedAmount(): number {
    return this.edge.unsent(this.id);
  }

  send(text: string): void {
    if (this.readyState === this.OPEN) this.edge.post({t: 'send', id: this.id, text});
  }

  close(code: number, reason: string): void {
    if (this.readyState !== this.OPEN) return;
    this.readyState = 2;
    this.edge.post({t: 'close', id: this.id, code, reason});
  }

  terminate(): void {
    if (this.readyState === 3) return;
    this.readyState = 2;
    this.edge.post({t: 'terminate', id: this.id});
  }

  /** The socket process says the socket is gone (or the process itself is). */
  gone(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close');
  }
}

/** One socket process and the sockets it holds. */
class Edge {
  readonly sockets = new Map<number, EdgeSocket>();
  private readonly child: ChildProcess;

  constructor(onExit: (edge: Edge) => void) {
    // The parent's loader flags (tsx when it runs from source) load the entry the same way.
    this.child = fork(EDGE_ENTRY, [], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
    this.child.on('message', (batch: EdgeToCore[]) => {
      batch.forEach((message) => this.receive(message));
      // Handled: the DDP server has parsed and answered (or queued) each frame, so the socket
      // process may read more from these sockets (its budgets, socket-process.ts).
      if (wantsAck(batch)) this.post({t: 'ack'});
    });
    this.child.on('exit', () => {
      for (const socket of this.sockets.values()) socket.gone();
      this.sockets.clear();
      onExit(this);
    });
    // A send to a process that just died fails; its sockets are closed by `exit` above.
    this.child.on('error', () => undefined);
  }

  /** False from the moment the process is going: it takes no new socket then. */
  get isUp(): boolean {
    return this.child.connected;
  }

  private readonly inFlight = new InFlight();
  private readonly batch = ipcBatcher<CoreToEdge>((batch) => {
    if (wantsAck(batch)) this.inFlight.sealed();
    this.send(batch);
  });

  post(message: CoreToEdge): void {
    this.batch.post(message);
    if (message.t === 'send') this.inFlight.add(message.id, message.text.length);
  }

  /** What was sent to a socket and the socket process has not taken yet. */
  unsent(id: number): number {
    return this.inFlight.of(id);
  }

  private send(message: CoreToEdge[] | AdoptMessage, socket?: Socket): void {
    if (this.child.connected) this.child.send(message, socket as never);
  }

  /** Hands the upgrade's TCP socket over; the socket process answers the handshake. */
  adopt(id: number, request: IncomingMessage, socket: Socket, head: Buffer): EdgeSocket {
    const edgeSocket = new EdgeSocket(id, this);
    this.sockets.set(id, edgeSocket);
    const {method = 'GET', url = '/', headers} = request;
    // Fastify's `request.ip` reads the socket's peer address when asked, which the DDP server
    // does after the handover, once the handle is gone; Node keeps the address once read.
    void socket.remoteAddress;
    // Node discards what this process still reads from a socket it sends (`onread` becomes a
    // no-op) until the child acknowledges it, and `pause()` does not stop the reading below the
    // stream: the client's first frame, sent once the child answers the handshake, would be
    // lost here. So reading stops on the handle itself.
    const {_handle: handle} = socket as unknown as {_handle?: TcpHandle};
    if (handle) {
      handle.reading = false;
      handle.readStop();
    }
    this.batch.flush();
    this.send({t: 'adopt', id, method, url, headers, head: head.toString('base64')}, socket);
    return edgeSocket;
  }

  private receive(message: EdgeToCore): void {
    if (message.t === 'ack') return this.inFlight.acked();
    const socket = this.sockets.get(message.id);
    if (!socket) return;
    if (message.t === 'message') socket.emit('message', Buffer.from(message.text), message.binary);
    else {
      this.sockets.delete(message.id);
      socket.gone();
    }
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill();
    return exited;
  }
}

/**
 * Spreads the DDP WebSockets over `count` child processes (`--socket-processes`): each
 * process holds the TCP sockets and their WebSocket framing, and this process keeps the
 * sessions, subscriptions and rooms, reached through one IPC channel per process. A process
 * can only hold as many sockets as its open-file limit, so this is what lets one server keep
 * more idle visitors than that. The upgrade still runs through Fastify here (origin check,
 * rate limits, client address); only its handshake moves, with the socket, to the process
 * holding the fewest. Plain TCP only: TLS ends at the proxy in front.
 */
export function installSocketProcesses(app: FastifyInstance, count: number): void {
  let isClosing = false;
  let nextId = 1;
  const edges = new Set<Edge>();
  const start = () => {
    edges.add(
      new Edge((edge) => {
        edges.delete(edge);
        if (!isClosing) setTimeout(() => isClosing || start(), RESTART_DELAY_MS).unref();
      }),
    );
  };
  for (let i = 0; i < count; i++) start();

  // @fastify/websocket upgrades through its `websocketServer` once the route's hooks passed:
  // taking its place there keeps every hook in front of the handover.
  const wss = app.websocketServer;
  wss.handleUpgrade = ((request: IncomingMessage, socket: Socket, head: Buffer, done) => {
    const up = [...edges].filter((edge) => edge.isUp);
    const edge = up.sort((a, b) => a.sockets.size - b.sockets.size)[0];
    if (!edge) {
      socket.destroy();
      return;
    }
    done(edge.adopt(nextId++, request, socket, head) as unknown as WebSocket, request);
  }) as typeof wss.handleUpgrade;

  app.addHook('onClose', async () => {
    isClosing = true;
    await Promise.all([...edges].map((edge) => edge.stop()));
  });
}
