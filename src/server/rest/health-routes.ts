import type {FastifyInstance} from 'fastify';
import type {LivechatContext} from '../livechat/context.js';

/**
 * `GET /healthz` for a load balancer or uptime check: 200 `{status:'ok', db:'ok', mailer}` while
 * SQLite answers `SELECT 1`, else 503 with `status:'error'` and the database's reason. `mailer` is
 * `file` (mail goes to `<data>/mail`), `ok` (SMTP) or `error: …` after a failed send;
 * `mailPending` counts the mail not yet delivered (kept and retried). `proxy` is what the server
 * makes of the proxy in front (forwarding.ts): `direct`, `trusted: …`, or `warning: …` when an
 * untrusted proxy's visitors all share its address; the status stays `ok` then, since the
 * server itself works and a load balancer must not take it out.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: LivechatContext,
  proxyStatus: () => string = () => 'direct',
): void {
  const ping = ctx.db.prepare('SELECT 1 AS ok');
  app.get('/healthz', async (_request, reply) => {
    let db = 'ok';
    let mailPending = 0;
    try {
      ping.get();
      mailPending = ctx.outbox.pendingCount();
    } catch (error) {
      db = `error: ${(error as Error).message}`;
    }
    const status = db === 'ok' ? 'ok' : 'error';
    reply.header('cache-control', 'no-store');
    return reply.status(db === 'ok' ? 200 : 503).send({
      status,
      db,
      mailer: ctx.mailer.status(),
      mailPending,
      proxy: proxyStatus(),
    });
  });
}
