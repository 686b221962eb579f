import {createReadStream} from 'node:fs';
import {access} from 'node:fs/promises';
import {resolve} from 'node:path';
import fastifyStatic from '@fastify/static';
import type {FastifyInstance} from 'fastify';

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
    });
  }
  if (demoPage) {
    const page = resolve(demoPage);
    await access(page);
    app.get('/', async (_request, reply) => {
      return reply.type('text/html; charset=utf-8').send(createReadStream(page));
    });
  }
}
