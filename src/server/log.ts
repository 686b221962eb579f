import type {FastifyRequest} from 'fastify';

// Path segments that carry a visitor token in Rocket.Chat's URLs.
const TOKEN_PATHS = [
  /(\/livechat\/visitor\/)[^/?]+/,
  /(\/livechat\/agent\.info\/[^/?]+\/)[^/?]+/,
  /(\/livechat\/agent\.next\/)[^/?]+/,
];

/**
 * A request URL fit for a log line: the query (where visitor tokens travel) and token path
 * segments are replaced, so no token ever reaches a log (docs/security.md).
 */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  let safe = path;
  for (const pattern of TOKEN_PATHS) safe = safe.replace(pattern, '$1[redacted]');
  return query === undefined ? safe : `${safe}?[redacted]`;
}

/** Fastify logger options whose request serializer leaves tokens and headers out. */
export const LOGGER_OPTIONS = {
  level: 'info',
  serializers: {
    req(request: FastifyRequest) {
      return {method: request.method, url: redactUrl(request.url), remoteAddress: request.ip};
    },
  },
};
