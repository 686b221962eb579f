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

/** Where refusal lines go: `app.log.warn` in the server. */
export type LogWrite = (fields: Record<string, unknown>, message: string) => void;

/** How often at most a kind of refusal is logged again (a summary of the period). */
export const REFUSAL_LOG_PERIOD_MS = 60_000;
/** Addresses a summary names (the most refused); the count covers every address. */
const SUMMARY_ADDRESSES = 5;
/** Addresses a period tracks: a flood from many addresses must not grow the map without end. */
const TRACKED_ADDRESSES = 1000;

/** Counts refusals of one kind and logs them without writing one line per refusal. */
export interface RefusalLog {
  /** One refusal of a client under `address` (its limit key). */
  note(address: string): void;
  /** Logs what is still counted and stops the timer (the server is closing). */
  stop(): void;
}

/**
 * An operator should see a cap at work, but a flood of refused sockets must not become a flood
 * of log lines: the first refusal is logged at once, then one summary per `periodMs` for as long
 * as refusals go on (`{refused, addresses: {address: count}}`, the most refused first).
 */
export function refusalLog(
  write: LogWrite,
  message: string,
  periodMs = REFUSAL_LOG_PERIOD_MS,
): RefusalLog {
  let timer: NodeJS.Timeout | null = null;
  let refused = 0;
  const counts = new Map<string, number>();
  const flush = () => {
    if (refused === 0) return false;
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, SUMMARY_ADDRESSES);
    write({refused, addresses: Object.fromEntries(top), periodMs}, message);
    refused = 0;
    counts.clear();
    return true;
  };
  const tick = () => {
    timer = flush() ? setTimeout(tick, periodMs).unref() : null;
  };
  return {
    note(address) {
      if (timer === null) {
        write({refused: 1, address}, message);
        timer = setTimeout(tick, periodMs).unref();
        return;
      }
      refused++;
      if (counts.has(address) || counts.size < TRACKED_ADDRESSES) {
        counts.set(address, (counts.get(address) ?? 0) + 1);
      }
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      flush();
    },
  };
}

/** `fn`, called at most once per `periodMs` (later calls within the period are dropped). */
export function oncePer<A extends unknown[]>(periodMs: number, fn: (...args: A) => void) {
  let last = -Infinity;
  return (...args: A) => {
    const now = Date.now();
    if (now - last < periodMs) return;
    last = now;
    fn(...args);
  };
}
