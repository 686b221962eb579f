import type {FastifyInstance, FastifyRequest} from 'fastify';

/** How the server finds the origin of the absolute links it hands out. */
export interface PublicOriginOptions {
  /** `--public-url`: always this origin. */
  publicUrl?: string;
  /** The address the server listens on (`--host`). */
  host: string;
  /** `--origin` values: their hosts are hosts the server was configured for. */
  allowedOrigins?: readonly string[];
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);
const bracketed = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * The origin of signed file links: `publicUrl` when given; else the request's own host only if
 * the server was configured for it (its listen address and port, `localhost` on a loopback or
 * wildcard address, the `--origin` hosts), and its scheme (`X-Forwarded-Proto` counts only
 * behind a trusted proxy, as Fastify's `request.protocol` does, and only `http` or `https`: a
 * proxy that sets none passes on whatever the client sent); any other `Host` gets the listen
 * address, so a forged header never ends up in a link. Fastify's `request.host` takes
 * `X-Forwarded-Host` from a trusted proxy: it too must name a configured host.
 */
export function publicOriginOf(
  app: FastifyInstance,
  options: PublicOriginOptions,
): (request: FastifyRequest) => string {
  if (options.publicUrl) {
    const fixed = new URL(options.publicUrl).origin;
    return () => fixed;
  }
  let known: Set<string> | null = null;
  let fallback = '';
  const configured = () => {
    if (known) return known;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const listen = WILDCARD_HOSTS.has(options.host) ? 'localhost' : bracketed(options.host);
    fallback = `http://${listen}:${port}`;
    known = new Set([`${listen}:${port}`]);
    if (WILDCARD_HOSTS.has(options.host) || /^(127\.|::1$)/.test(options.host)) {
      known.add(`localhost:${port}`);
    }
    for (const origin of options.allowedOrigins ?? []) {
      try {
        known.add(new URL(origin).host);
      } catch {
        // Not a URL: it names no host.
      }
    }
    return known;
  };
  return (request) => {
    const hosts = configured();
    if (!hosts.has(request.host)) return fallback;
    const scheme = request.protocol.trim().toLowerCase() === 'https' ? 'https' : 'http';
    return `${scheme}://${request.host}`;
  };
}
