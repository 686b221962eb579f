import type {Clock} from './clock.js';
import type {ConfigAnswer} from './transport/rest.js';

// The REST client's own timeout (REST_TIMEOUT_MS); not imported, as that module is the engine's.
const TIMEOUT_MS = 10_000;

/**
 * `GET livechat/config` before the client's engine is loaded, with the request the REST client
 * would make: resolves the answer's `config`, or `null` on any failure (no answer, an HTTP
 * error, an unreadable body). The caller then asks again with the REST client, so that the
 * failure is reported exactly as any other call's, at the cost of one more request.
 */
export async function fetchConfig(
  server: string,
  department: string | undefined,
  fetchFn: typeof fetch,
  clock: Clock,
): Promise<ConfigAnswer | null> {
  const url = new URL('api/v1/livechat/config', `${server}/`);
  if (department) url.searchParams.set('department', department);
  const controller = new AbortController();
  const timer = clock.setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const {signal} = controller;
    const response = await fetchFn(url.href, {method: 'GET', headers: {}, signal});
    const body = (await response.json()) as {success?: unknown; config?: unknown} | null;
    const config = body?.config;
    const isAnswer = response.ok && body?.success !== false && typeof config === 'object';
    return isAnswer && config !== null ? (config as ConfigAnswer) : null;
  } catch {
    return null;
  } finally {
    clock.clearTimeout(timer);
  }
}
