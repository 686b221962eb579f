import {createReadStream} from 'node:fs';
import {access} from 'node:fs/promises';
import {basename, resolve} from 'node:path';
import fastifyStatic from '@fastify/static';
import type {FastifyInstance} from 'fastify';

// Vite names every lazy chunk after a hash of its content (`chat-engine-mxX-oyu6.js`): such a
// file never changes, so a returning visitor's browser keeps it without asking again. Pages are
// asked for again on each load (ETag). The other files keep their names across releases
// (`live-chat.js`, a site's stylesheet): the browser runs its copy at once and asks for a newer
// one meanwhile, so each page view of a site spares a round trip before the widget starts, and
// a new release reaches a visitor one page later. (Its entry still finds the chunks it names:
// they stay in the browser's cache, or on the server as long as the site keeps old builds.)
const HASHED = /-[\w-]{8}\.(?:js|css)$/;
const FOREVER = 'public, max-age=31536000, immutable';
const REVALIDATE_LATER = 'public, max-age=0, stale-while-revalidate=604800';

function cacheHeaders(res: {setHeader(name: string, value: string): unknown}, path: string): void {
  const name = basename(path);
  const policy = HASHED.test(name)
    ? FOREVER
    : name.endsWith('.html')
      ? 'no-cache'
      : REVALIDATE_LATER;
  res.setHeader('cache-control', policy);
}

/**
 * Serves the built widget and agent console (`staticDir` at `/`, so `/live-chat.js` and
 * `/agent/`) and the demo page at `GET /`. Relative paths are taken from the working folder.
 */
export async function installStaticFiles(
  app: FastifyInstance,
  staticDir: string | undefined,
  demoPage: string | undefined,
): Promise<void> {
  if (staticDir) {
    await app.register(fastifyStatic, {
      root: resolve(staticDir),
      prefix: '/',
      redirect: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders: cacheHeaders,
    });
  }
  if (demoPage) {
    const page = resolve(demoPage);
    await access(page);
    app.get('/', async (_request, reply) => {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(createReadStream(page));
    });
  }
}
