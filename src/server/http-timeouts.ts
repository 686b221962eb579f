/** How long the HTTP server waits for a client before it closes the connection. */
export interface HttpTimeouts {
  /** Until the request line and every header have arrived (slow-header clients). */
  headersMs: number;
  /**
   * Until the whole request, body included, has arrived (slow-body clients). It must let an
   * upload of `fileUploadMaxBytes` through a slow link: 10 MiB at 512 kbit/s takes 164 s.
   */
  requestMs: number;
  /** A socket that sends nothing for this long is closed (also mid-body). */
  idleMs: number;
  /** An idle keep-alive connection between two requests is closed after this. */
  keepAliveMs: number;
}

/**
 * Headers 15 s; a request 5 min, for the slow uploads above; 30 s of silence; keep-alive 5 s.
 * A client trickling one byte just inside the idle limit is still cut at the request limit.
 * WebSocket upgrades leave these behind (ws clears the socket timeout); the DDP heartbeat and
 * the 1 MiB send buffer cut take over there.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 15_000,
  requestMs: 300_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
};

/** The Fastify constructor options that apply `timeouts`. */
export function fastifyTimeoutOptions(overrides: Partial<HttpTimeouts> = {}) {
  const t = {...DEFAULT_HTTP_TIMEOUTS, ...overrides};
  const requestMs = Math.max(t.requestMs, t.headersMs);
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: requestMs,
    http: {
      headersTimeout: t.headersMs,
      // Node checks the header and request deadlines on this period (default 30 s).
      connectionsCheckingInterval: Math.max(20, Math.min(1000, Math.floor(t.headersMs / 4))),
    },
  };
}
