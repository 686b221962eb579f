import type {FastifyInstance} from 'fastify';

/**
 * The policy of the HTML pages this server serves (the demo page, `/agent/`): scripts, styles,
 * images, media and connections only from this server. Lit's adopted stylesheets are not
 * inline styles, so `style-src 'self'` is enough; `data:` images cover the console's empty
 * favicon. `'self'` includes `ws:`/`wss:` to the same host (CSP level 3).
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** The agent console is never framed: clickjacking could make an agent act. */
const CONSOLE_FRAMING = {csp: "frame-ancestors 'none'", xfo: 'DENY'};
/** The demo page may be framed by itself only. */
const PAGE_FRAMING = {csp: "frame-ancestors 'self'", xfo: 'SAMEORIGIN'};

/**
 * The server's own pages: the demo page and the console. Other HTML in the static folder is
 * the operator's (the tests' shop pages among it), with policies of its own.
 */
const isOwnPage = (path: string) =>
  path === '/' || path === '/index.html' || path === '/agent' || path.startsWith('/agent/');

const framingOf = (path: string) => (path.startsWith('/agent') ? CONSOLE_FRAMING : PAGE_FRAMING);

/** The exact `Content-Security-Policy` of an HTML page at `path`. */
export function pagePolicy(path: string): string {
  return `${PAGE_POLICY}; ${framingOf(path).csp}`;
}

/**
 * Adds to every response `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`
 * (file links carry a signed `?token=` that must not leak to the sites a file links to), and to
 * the demo page and the console their CSP and `X-Frame-Options`. A route that set its own CSP (files, avatars)
 * keeps it.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    const path = request.url.split('?', 1)[0];
    if (
      type.startsWith('text/html') &&
      isOwnPage(path) &&
      !reply.hasHeader('content-security-policy')
    ) {
      reply.header('content-security-policy', pagePolicy(path));
      reply.header('x-frame-options', framingOf(path).xfo);
    }
    return payload;
  });
}
