import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type {IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import type {FastifyInstance} from 'fastify';
import {FRAME_MAX_BYTES} from '../core/protocol/index.js';
import {startCheckpointer} from './checkpointer.js';
import {openDatabase} from './db.js';
import type {Db} from './db.js';
import type {MethodRegistry} from './ddp/method-registry.js';
import {createMethodRegistry} from './ddp/methods.js';
import type {DdpServer, HeartbeatOptions} from './ddp/server.js';
import {DdpRateLimiter} from './ddp/rate-limiter.js';
import {WS_OPTIONS} from './ddp/connection.js';
import {DEFAULT_HEARTBEAT, installDdp} from './ddp/server.js';
import {installSocketProcesses} from './ddp/socket-processes.js';
import {AgentDesk} from './livechat/agent-desk.js';
import type {AgentAccount} from './livechat/agents.js';
import type {LivechatContext} from './livechat/context.js';
import {createContext} from './livechat/context.js';
import {Livechat} from './livechat/livechat.js';
import {startHousekeeping, type HousekeepingOptions} from './housekeeping.js';
import type {MailRetry} from './livechat/mail-outbox.js';
import {formatSize} from './livechat/uploads.js';
import type {LivechatSettings} from './livechat/settings.js';
import {resolveSettings} from './livechat/settings.js';
import {LOGGER_OPTIONS, oncePer, refusalLog} from './log.js';
import type {LogWrite} from './log.js';
import {installForwarding} from './forwarding.js';
import {DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, installConnectionCap} from './connection-cap.js';
import {installErrorHandling} from './rest/error-handling.js';
import {installOriginPolicy} from './rest/origin-policy.js';
import type {RateLimitOption} from './rest/rate-limit.js';
import {installRateLimit, longestWindow, resolveRateLimits} from './rest/rate-limit.js';
import {Limiter} from './limits.js';
import {registerRoutes} from './rest/routes.js';
import {installSecurityHeaders} from './security-headers.js';
import {installStaticFiles} from './static-files.js';
import type {HttpTimeouts} from './http-timeouts.js';
import {fastifyTimeoutOptions} from './http-timeouts.js';
import type {SubscriptionCaps} from './ddp/subscriptions.js';
import {VisitorPresence} from './livechat/visitor-presence.js';

export type {LivechatSettings} from './livechat/settings.js';
export type {AgentAccount} from './livechat/agents.js';
export type {HeartbeatOptions} from './ddp/server.js';
export type {RateLimitOption, RateLimitSettings} from './rest/rate-limit.js';
export type {HttpTimeouts} from './http-timeouts.js';
export type {SubscriptionCaps} from './ddp/subscriptions.js';
export {DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} from './connection-cap.js';

/**
 * A browser tab holds one socket while its chat is live; 100 lets dozens of chatting visitors
 * behind one NAT or proxy address keep a few tabs each, and stops one address from holding
 * thousands of idle sockets (each costs memory and a heartbeat).
 */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 100;

/**
 * Open chats per client address: as many as the sockets one address may hold, so a busy office
 * behind one NAT chats on, while a script from one address, which the rate limits let open 50
 * chats a minute, holds at most this many open at once (each open chat stays until it is closed).
 */
export const DEFAULT_MAX_OPEN_CHATS_PER_ADDRESS = 100;

/** How to start the reference server (its background jobs: housekeeping.ts). */
export interface ServerOptions extends HousekeepingOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Folder of the SQLite file (`live-chat.sqlite`); created if missing. */
  dataDir: string;
  /** Agents created or updated at start (password and name). */
  agents?: AgentAccount[];
  /** When set, its files are served at `/` (the built widget, chunks, `agent/`). */
  staticDir?: string;
  /** When set, this HTML file is served at `GET /`. */
  demoPage?: string;
  /** Fastify request logging (tokens redacted). Default false. */
  logger?: boolean;
  /** Overrides of the livechat configuration (title, color, registrationForm, …). */
  settings?: Partial<LivechatSettings>;
  /**
   * When set, WebSocket upgrades and the visitor API's CORS only from these origins. Default:
   * any. The agent API answers only its own origin and `agentOrigins` either way.
   */
  allowedOrigins?: string[];
  /** Other origins whose pages may call the agent API (a console hosted elsewhere). */
  agentOrigins?: string[];
  /**
   * Rocket.Chat's rate limits: REST 10/60 s per route (visitor 5/60 s, offline form 1/5 s), DDP
   * 10/10 s per method, counted per visitor token or agent under a per-address ceiling (see
   * rest/rate-limit.ts), and the agent login backoff. `true` (default): those; `false`: none;
   * an object: those with overrides.
   */
  rateLimit?: RateLimitOption;
  /**
   * Proxies whose `X-Forwarded-For`/`-Proto` are believed (Fastify's `trustProxy`): a hop count
   * or addresses and CIDRs. Default: none, the socket's address is the client's.
   */
  trustProxy?: number | string[];
  /** The origin of signed file links (e.g. `https://chat.example.com`); default: see README. */
  publicUrl?: string;
  /**
   * Open WebSockets per client address (an IPv6 one by its /64); more are closed with 1013 (try
   * again later). Default 100 while rate limits are on, else no cap; 0: no cap.
   */
  maxSocketsPerAddress?: number;
  /**
   * Open plain HTTP connections per client address (an IPv6 one by its /64; a trusted proxy's
   * are not counted); more are dropped unanswered (connection-cap.ts). Default 100 while rate
   * limits are on, else no cap; 0: no cap.
   */
  maxConnectionsPerAddress?: number;
  /**
   * Open chats one client address (an IPv6 one by its /64) may hold; a new one past it is
   * refused with 429 `error-too-many-open-chats` until one ends. Default 100 while rate limits
   * are on, else no cap; 0: no cap.
   */
  maxOpenChatsPerAddress?: number;
  /** Child processes that hold the DDP WebSockets (ddp/socket-processes.ts); 0: this one. */
  socketProcesses?: number;
  /** DDP heartbeat; tests shorten it. Default: ping after 25 s, drop after 60 s of silence. */
  heartbeat?: Partial<HeartbeatOptions>;
  /** HTTP deadlines (headers 15 s, request 5 min, idle 30 s, keep-alive 5 s); tests shorten. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** Live DDP subscriptions per connection: visitors 100, logged-in agents 2000. */
  subscriptionCaps?: Partial<SubscriptionCaps>;
  /** The time business hours are checked against; tests set it. Default: the real time. */
  clock?: () => Date;
  /** Waits between mail attempts (5 s doubling up to 10 min); tests shorten them. */
  mailRetry?: Partial<MailRetry>;
  /** How long a shutdown waits for requests under way before it cuts them. Default 10 s. */
  shutdownGraceMs?: number;
  /**
   * How long a visitor whose last live socket closed still counts as online, so that a reload
   * or the next page of the site does not show them leaving. Default 8 s; tests shorten it.
   */
  visitorOfflineGraceMs?: number;
  /**
   * Where warnings an operator must see go (forwarding headers from an untrusted proxy, the
   * upload storage full). Default: the log with `logger`, else stderr.
   */
  onWarning?: (message: string, fields: Record<string, unknown>) => void;
}

/** A started server. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` (the host it listens on). */
  url: string;
  port: number;
  /** Open DDP sockets now (tests and diagnostics: one visitor's tabs share one). */
  openSockets(): number;
  /**
   * Graceful stop: stops accepting, closes every WebSocket with 1001 "server shutting down"
   * (clients reconnect later), lets requests under way finish (at most `shutdownGraceMs`),
   * stops the mail retries, checkpoints and closes SQLite.
   */
  close(): Promise<void>;
}

/** The pieces of a built (not yet listening) server, for extensions and tests. */
export interface BuiltServer {
  app: FastifyInstance;
  ctx: LivechatContext;
  livechat: Livechat;
  desk: AgentDesk;
  methods: MethodRegistry;
  ddp: DdpServer;
}

/**
 * Fastify's `trustProxy` for a list as is; a hop count becomes "the nearest N hops", which
 * Fastify itself no longer accepts as a number (it cannot tell a proxy from a direct client:
 * use a count only when the server is reachable through the proxies alone).
 */
function trustProxyOption(trust: number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** Builds the Fastify app with every route, the DDP endpoint and the database. */
export async function buildServer(options: ServerOptions): Promise<BuiltServer> {
  const app = Fastify({
    logger: options.logger ? LOGGER_OPTIONS : false,
    bodyLimit: FRAME_MAX_BYTES,
    // At close, idle keep-alive sockets go at once; requests under way get `shutdownGraceMs`.
    forceCloseConnections: 'idle',
    ...fastifyTimeoutOptions(options.httpTimeouts),
    ...(options.trustProxy !== undefined ? {trustProxy: trustProxyOption(options.trustProxy)} : {}),
  });
  const db = openDatabase(options.dataDir);
  const checkpointer = startCheckpointer(db, (error) => {
    app.log.error({err: error}, 'WAL checkpoint worker failed');
  });
  app.addHook('onClose', async () => {
    await checkpointer.stop();
    // Fold the WAL into the database file, so a copy of the folder after shutdown is complete.
    if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  });
  try {
    return await assemble(app, db, options);
  } catch (error) {
    await app.close().catch(() => undefined);
    db.close();
    throw error;
  }
}

async function assemble(
  app: FastifyInstance,
  db: Db,
  options: ServerOptions,
): Promise<BuiltServer> {
  const ctx = createContext(
    db,
    resolveSettings(options.settings),
    (error) => {
      app.log.error({err: error}, 'stream listener failed');
    },
    undefined,
    {clock: options.clock, mailRetry: options.mailRetry},
  );
  ctx.outbox.start();
  app.addHook('onClose', async () => {
    await ctx.outbox.stop();
    ctx.mailer.close();
  });
  ctx.agents.ensureAccounts(options.agents ?? []);
  const presence = new VisitorPresence(ctx, options.visitorOfflineGraceMs);
  const limits = resolveRateLimits(options.rateLimit);
  const livechat = new Livechat(
    ctx,
    presence,
    options.maxOpenChatsPerAddress ?? (limits ? DEFAULT_MAX_OPEN_CHATS_PER_ADDRESS : 0),
  );
  const desk = new AgentDesk(ctx);
  const methods = createMethodRegistry();
  app.addHook('onClose', async () => presence.dispose());

  installErrorHandling(app);
  // sendBeacon and no-preflight fetches can only send text/plain; their bodies are JSON too.
  app.addContentTypeParser('text/plain', {parseAs: 'string'}, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), {statusCode: 400}), undefined);
    }
  });
  installSecurityHeaders(app);
  await installOriginPolicy(app, options.allowedOrigins, options.agentOrigins);
  const limiter = limits ? new Limiter(longestWindow(limits)) : null;
  if (limits && limiter) {
    installRateLimit(app, limiter, limits);
    app.addHook('onClose', async () => limiter.dispose());
  }
  // Refusals by the caps are logged (rate-limited), so an operator sees a cap at work.
  const warn: LogWrite = (fields, message) => app.log.warn(fields, message);
  const refusedSockets = refusalLog(warn, 'WebSocket refused: over maxSocketsPerAddress');
  const refusedConnections = refusalLog(warn, 'connection refused: over maxConnectionsPerAddress');
  app.addHook('onClose', async () => {
    refusedSockets.stop();
    refusedConnections.stop();
  });
  const onWarning =
    options.onWarning ??
    (options.logger
      ? (message: string, fields: Record<string, unknown>) => app.log.warn(fields, message)
      : (message: string) => process.stderr.write(`live-chat-server: warning: ${message}\n`));
  const proxy = installForwarding(app.server, {
    trustProxy: options.trustProxy,
    warn: (fields, message) => onWarning(message, fields),
  });
  const maxConnections =
    options.maxConnectionsPerAddress ?? (limits ? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS : 0);
  if (maxConnections > 0) {
    installConnectionCap(app.server, {
      max: maxConnections,
      trustProxy: options.trustProxy,
      onRefused: refusedConnections.note,
    });
  }
  let isClosing = false;
  await app.register(websocket, {
    options: WS_OPTIONS,
    // The DDP server has already closed its sockets with a close frame; drop any stragglers.
    preClose: (done) => {
      isClosing = true;
      for (const client of app.websocketServer.clients) client.terminate();
      app.websocketServer.close(() => done());
    },
  });
  // From then on Fastify answers an upgrade with 503, on a socket that has left the HTTP server:
  // nothing would end it, and the close (a restart) would wait for the client, past the grace,
  // however long it keeps the socket. Clients reconnecting at once after the 1001 do exactly this.
  // Added after the plugin's listener, so its answer is written first.
  app.server.on('upgrade', (_request: IncomingMessage, socket: Socket) => {
    if (isClosing) socket.destroySoon();
  });
  if (options.socketProcesses) installSocketProcesses(app, options.socketProcesses);
  const ddp = installDdp(app, {
    methods,
    context: {livechat, desk, presence},
    heartbeat: {...DEFAULT_HEARTBEAT, ...options.heartbeat},
    allowedOrigins: options.allowedOrigins,
    subscriptionCaps: options.subscriptionCaps,
    rateLimiter: limits && limiter ? new DdpRateLimiter(limiter, limits) : undefined,
    maxSocketsPerAddress:
      options.maxSocketsPerAddress ?? (limits ? DEFAULT_MAX_SOCKETS_PER_ADDRESS : 0),
    onRefused: refusedSockets.note,
    logError: (error) => app.log.error({err: error}, 'DDP handler failed'),
    onDisconnect: (connection) => {
      for (const token of connection.visitorTokens) presence.release(token);
    },
  });
  await registerRoutes(app, livechat, desk, limits, {
    publicUrl: options.publicUrl,
    host: options.host ?? '127.0.0.1',
    allowedOrigins: options.allowedOrigins,
    proxyStatus: proxy.status,
    onStorageFull: oncePer(STORAGE_FULL_LOG_PERIOD_MS, (used, quota) =>
      onWarning(
        `uploads refused: stored files take ${formatSize(used)} of the ${formatSize(quota)} ` +
          'total quota (fileUploadTotalQuotaBytes). Delete the files of old chats with ' +
          'fileUploadRetentionDays (--upload-retention-days), or raise --upload-total-quota',
        {usedBytes: used, quotaBytes: quota},
      ),
    ),
  });
  startHousekeeping(app, ctx, presence, options, onWarning);
  await installStaticFiles(app, options.staticDir, options.demoPage);
  return {app, ctx, livechat, desk, methods, ddp};
}

/** How often at most "uploads refused: storage full" is said again while refusals go on. */
const STORAGE_FULL_LOG_PERIOD_MS = 60 * 60_000;

/** How long a shutdown lets requests under way finish. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Connections the kernel queues until the process accepts them (Linux caps it at
 * `net.core.somaxconn`, 4096 by default). Node's default, 511, overflows when thousands of
 * widgets reconnect to a server that has just started: the kernel drops their SYNs and TCP
 * retries only after 1, 3, 7, 15 s, which stretched a 10,000-visitor wave by tens of seconds.
 */
export const LISTEN_BACKLOG = 4096;

/** Builds the server and listens; `url` uses the port actually bound. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const built = await buildServer(options);
  const host = options.host ?? '127.0.0.1';
  try {
    await built.app.listen({port: options.port ?? 0, host, backlog: LISTEN_BACKLOG});
  } catch (error) {
    await built.app.close();
    throw error;
  }
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    openSockets: () => built.ddp.connections.size,
    close() {
      closing ??= (async () => {
        await built.ddp.close();
        const cut = setTimeout(
          () => built.app.server.closeAllConnections(),
          options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
        );
        try {
          await built.app.close();
        } finally {
          clearTimeout(cut);
        }
      })();
      return closing;
    },
  };
}
