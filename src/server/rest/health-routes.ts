import type {FastifyInstance} from 'fastify';
import type {LivechatContext} from '../livechat/context.js';

/**
 * `GET /healthz` for a load balancer or uptime check: 200 `{status:'ok', db:'ok', mailer}` while
 * SQLite answers `SELECT 1`, else 503 with `status:'error'` and the database's reason. `mailer` is
 * `file` (mail goes to `<data>/mail`), `ok` (SMTP) or `error: …` after a failed send;
 * `mailPending` counts the mail not yet delivered (kept and retried).
 */
export function registerHealthRoutes(app: FastifyInstance, ctx: LivechatContext): void {
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
    });
  });
}
