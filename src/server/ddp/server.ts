import type {FastifyInstance, FastifyRequest} from 'fastify';
import type {RawData, WebSocket} from 'ws';
import {decodeDdpFrame, isObject} from '../../core/protocol/index.js';
import type {DdpFrame} from '../../core/protocol/index.js';
import {clientKey} from '../client-key.js';
import {ddpError} from '../errors.js';
import {DdpConnection} from './connection.js';
import type {MethodContext, MethodRegistry} from './method-registry.js';
import {methodError} from './methods.js';
import type {DdpRateLimiter} from './rate-limiter.js';
import type {SubscriptionCaps} from './subscriptions.js';
import {DEFAULT_SUBSCRIPTION_CAPS, subscribe, unsubscribe} from './subscriptions.js';

/** DDP versions the server speaks; `1` is what every Rocket.Chat client asks for. */
const SUPPORTED_VERSIONS = ['1', 'pre2', 'pre1'];
/** The close code after `failed`: WebSocket's "protocol error", fatal for the widget (T15). */
export const UNSUPPORTED_VERSION_CLOSE = 1002;
/**
 * "Try again later": the close code for a socket over the per-address cap. The widget treats
 * every code but 1002/1003/1007/1008 as temporary and reconnects with backoff.
 */
export const TRY_AGAIN_LATER_CLOSE = 1013;

/** Heartbeat timings: ping a client silent this long, drop it after `timeoutMs` of silence. */
export interface HeartbeatOptions {
  pingAfterMs: number;
  timeoutMs: number;
}

/** docs/reliability.md: server ping at 25 s, terminate after 60 s of silence. */
export const DEFAULT_HEARTBEAT: HeartbeatOptions = {pingAfterMs: 25_000, timeoutMs: 60_000};

/** What the DDP endpoint needs. */
export interface DdpServerOptions {
  methods: MethodRegistry;
  context: Omit<MethodContext, 'connection'>;
  heartbeat: HeartbeatOptions;
  /** When set, upgrades whose `Origin` is not listed get 403 (docs/security.md). */
  allowedOrigins?: readonly string[];
  onDisconnect?: (connection: DdpConnection) => void;
  logError: (error: unknown) => void;
  /** Rocket.Chat's method limits; none when absent. */
  rateLimiter?: DdpRateLimiter;
  /** Live subscriptions per connection; default 100 for visitors, 2000 for agents. */
  subscriptionCaps?: Partial<SubscriptionCaps>;
  /**
   * Open sockets one client address (an IPv6 one by its /64) may hold; more are closed with
   * 1013. 0: no cap.
   */
  maxSocketsPerAddress?: number;
  /** Told of each socket refused over that cap, with the address key (for a rate-limited log). */
  onRefused?: (address: string) => void;
}

/** The running endpoint. */
export interface DdpServer {
  /** Open connections (tests and diagnostics). */
  readonly connections: ReadonlySet<DdpConnection>;
  /** Closes every socket (1001, then a hard stop for the ones that do not answer). */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 250;
/**
 * How long a socket refused over the cap may take to answer its 1013 close frame. ws would wait
 * 30 s for a client that never answers, holding a file descriptor that is neither counted nor
 * pinged, so one address could exhaust the process's descriptors. The frame is on the wire at
 * once: the time is only for a slow link to deliver it before the TCP connection ends.
 */
const REFUSED_GRACE_MS = 500;
/**
 * Sockets that connected together are pinged together, and so are their pongs: short ticks
 * split a wave of 10,000 reconnected clients into small bursts instead of a few long stalls.
 */
const HEARTBEAT_TICK_MAX_MS = 250;

/**
 * Serves DDP on `/websocket` (rocketchat-protocol.md §1). Any bad frame gets an `error` frame;
 * nothing a client sends can throw out of here.
 */
export function installDdp(app: FastifyInstance, options: DdpServerOptions): DdpServer {
  const connections = new Set<DdpConnection>();
  const subCaps = {...DEFAULT_SUBSCRIPTION_CAPS, ...options.subscriptionCaps};
  const drained: (() => void)[] = [];

  const onFrame = (connection: DdpConnection, data: RawData, isBinary: boolean) => {
    connection.lastSeen = Date.now();
    connection.pinged = false;
    if (isBinary) {
      connection.send({msg: 'error', reason: 'Binary frames are not supported'});
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      connection.send({msg: 'error', reason: 'Bad request: not JSON'});
      return;
    }
    // Frames without `msg` are greetings such as `{server_id}`; DDP says to ignore them.
    if (!isObject(parsed) || typeof parsed.msg !== 'string') return;
    const frame = decodeDdpFrame(parsed);
    if (!frame) {
      // Meteor's answer to an unknown or malformed message: it changes nothing, the link stays.
      badRequest(connection, parsed);
      return;
    }
    dispatch(connection, frame);
  };

  // A frame nested too deep to encode again (JSON.parse allows more depth than stringify) gets
  // the error without its echo, instead of an internal error (L5).
  const badRequest = (connection: DdpConnection, offendingMessage: unknown) => {
    try {
      connection.send({msg: 'error', reason: 'Bad request', offendingMessage});
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      connection.send({msg: 'error', reason: 'Bad request'});
    }
  };

  const dispatch = (connection: DdpConnection, frame: DdpFrame) => {
    if (!connection.connected && !['connect', 'ping', 'pong'].includes(frame.msg)) {
      connection.send({msg: 'error', reason: 'Must connect first'});
      return;
    }
    const context: MethodContext = {...options.context, connection};
    switch (frame.msg) {
      case 'connect':
        if (connection.connected) return;
        if (!SUPPORTED_VERSIONS.includes(frame.version)) {
          // DDP's answer names the version to speak instead; the close code says it is final
          // for a client that cannot (1002, protocol error: the widget stops retrying).
          connection.send({msg: 'failed', version: '1'});
          connection.close(UNSUPPORTED_VERSION_CLOSE, 'unsupported DDP version');
          return;
        }
        connection.connected = true;
        connection.send({msg: 'connected', session: connection.id});
        return;
      case 'ping':
        connection.send(frame.id === undefined ? {msg: 'pong'} : {msg: 'pong', id: frame.id});
        return;
      case 'pong':
        return;
      case 'method':
        callMethod(context, frame.id, frame.method, frame.params);
        return;
      case 'sub':
        subscribe(context, frame.id, frame.name, frame.params, subCaps);
        return;
      case 'unsub':
        unsubscribe(connection, frame.id);
        return;
      default:
        badRequest(connection, frame);
    }
  };

  const callMethod = (context: MethodContext, id: string, name: string, params: unknown[]) => {
    const {connection} = context;
    const handler = options.methods.get(name);
    // Counted when the call arrives, as Meteor does, not when its turn in the queue comes.
    const caller = {address: connection.address, userId: connection.userId};
    // Unknown names share one count, so that made-up names cannot each open a bucket.
    const counted = handler ? name : '(unknown method)';
    const limited = options.rateLimiter?.check(caller, counted, params) ?? null;
    connection.queue = connection.queue.then(async () => {
      if (limited) {
        connection.send({msg: 'result', id, error: limited});
      } else if (!handler) {
        const error = ddpError(404, `Method '${name}' not found`);
        connection.send({msg: 'result', id, error});
      } else {
        try {
          const result = await handler(context, params);
          connection.send(result ? {msg: 'result', id, result} : {msg: 'result', id});
        } catch (error) {
          const wire = methodError(error);
          if (wire.error === 500) options.logError(error);
          connection.send({msg: 'result', id, error: wire});
        }
      }
      connection.send({msg: 'updated', methods: [id]});
    });
  };

  const perAddress = new Map<string, number>();
  const refuse = (socket: WebSocket, key: string) => {
    options.onRefused?.(key);
    socket.close(TRY_AGAIN_LATER_CLOSE, 'Too many connections from this address');
    const cut = setTimeout(() => socket.terminate(), REFUSED_GRACE_MS).unref();
    socket.once('close', () => clearTimeout(cut));
  };
  const onSocket = (socket: WebSocket, request: FastifyRequest) => {
    const key = clientKey(request.ip);
    const held = (perAddress.get(key) ?? 0) + 1;
    const cap = options.maxSocketsPerAddress ?? 0;
    if (cap > 0 && held > cap) {
      refuse(socket, key);
      return;
    }
    const connection = new DdpConnection(socket, request.ip);
    perAddress.set(key, held);
    connections.add(connection);
    socket.on('message', (data, isBinary) => {
      try {
        onFrame(connection, data, isBinary);
      } catch (error) {
        options.logError(error);
        connection.send({msg: 'error', reason: 'Internal server error'});
      }
    });
    socket.on('close', () => {
      connections.delete(connection);
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left > 0) perAddress.set(key, left);
      else perAddress.delete(key);
      connection.dispose();
      options.onDisconnect?.(connection);
      if (connections.size === 0) for (const resolve of drained.splice(0)) resolve();
    });
    // Meteor greets with the server id; clients ignore this frame (it has no `msg`).
    connection.send({server_id: '0'});
  };

  const allowed = options.allowedOrigins;
  app.get(
    '/websocket',
    {
      websocket: true,
      onRequest: async (request, reply) => {
        const origin = request.headers.origin;
        // Browsers always send Origin; a client without one is not a cross-site page.
        if (allowed && origin !== undefined && !allowed.includes(origin)) {
          return reply.status(403).send({success: false, error: 'Origin not allowed'});
        }
      },
    },
    onSocket,
  );

  const {pingAfterMs, timeoutMs} = options.heartbeat;
  const heartbeat = setInterval(
    () => {
      const now = Date.now();
      for (const connection of connections) {
        const silentMs = now - connection.lastSeen;
        if (silentMs >= timeoutMs) {
          if (connection.closing) continue;
          connection.closing = true;
          // Send the close frame, then stop waiting for a peer that is probably gone.
          connection.close(4000, 'TIMEOUT');
          setTimeout(() => connection.terminate(), CLOSE_GRACE_MS).unref();
        } else if (silentMs >= pingAfterMs && !connection.pinged) {
          connection.pinged = true;
          connection.send({msg: 'ping'});
        }
      }
    },
    Math.max(10, Math.min(HEARTBEAT_TICK_MAX_MS, Math.floor(pingAfterMs / 4))),
  );
  heartbeat.unref();

  return {
    connections,
    async close() {
      clearInterval(heartbeat);
      if (connections.size === 0) return;
      const allClosed = new Promise<void>((resolve) => drained.push(resolve));
      for (const connection of connections) connection.close(1001, 'server shutting down');
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_GRACE_MS);
      });
      await Promise.race([allClosed, grace]);
      clearTimeout(timer);
      for (const connection of connections) connection.terminate();
    },
  };
}
