/**
 * A `fetch` whose requests leave from a given loopback address. Node's own `fetch` cannot pick
 * its source address, and a crowd of visitors that all came from 127.0.0.1 would be one client
 * to the server's per-address limits.
 */
import {request} from 'node:http';

/** `fetch` over `node:http` from `localAddress` (the default address when undefined). */
export function fetchFrom(localAddress: string | undefined): typeof fetch {
  if (localAddress === undefined) return (input, init) => fetch(input, init);
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const outgoing = request(
        String(input),
        {method: init.method ?? 'GET', headers, localAddress, signal: init.signal ?? undefined},
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const answer = new Headers();
            for (const [key, value] of Object.entries(incoming.headers)) {
              for (const one of [value ?? []].flat()) answer.append(key, one);
            }
            const body = chunks.length ? Buffer.concat(chunks) : null;
            resolve(new Response(body, {status: incoming.statusCode, headers: answer}));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(typeof init.body === 'string' ? init.body : undefined);
    });
}
