import type {FastifyInstance} from 'fastify';
import type {AgentDesk} from '../livechat/agent-desk.js';
import type {Livechat} from '../livechat/livechat.js';
import {AvatarStore} from '../livechat/avatars.js';
import {CHIME_PATH, chimeWav} from '../livechat/chime.js';
import {registerAgentRoutes} from './agent-routes.js';
import {registerAvatarRoutes} from './avatar-routes.js';
import {registerFeedbackRoutes} from './feedback-routes.js';
import {registerHealthRoutes} from './health-routes.js';
import {registerMessageRoutes} from './message-routes.js';
import {LoginGuard} from './login-guard.js';
import type {PublicOriginOptions} from './public-origin.js';
import {publicOriginOf} from './public-origin.js';
import type {RateLimitSettings} from './rate-limit.js';
import {routeLimits} from './rate-limit.js';
import {installStrictBodies} from './strict-body.js';
import {registerUploadRoutes} from './upload-routes.js';
import {registerVisitorRoutes} from './visitor-routes.js';

/**
 * Registers every REST route: the visitor API, uploads and files, the agent subset, the
 * avatars and the message sound.
 */
export async function registerRoutes(
  app: FastifyInstance,
  livechat: Livechat,
  desk: AgentDesk,
  limits: RateLimitSettings | null,
  origin: PublicOriginOptions & {
    proxyStatus?: () => string;
    /** Told when an upload is refused because all stored files reached the total quota. */
    onStorageFull?: (usedBytes: number, quotaBytes: number) => void;
  },
): Promise<void> {
  const routes = routeLimits();
  const originOf = publicOriginOf(app, origin);
  installStrictBodies(app);
  registerVisitorRoutes(app, livechat, routes);
  registerMessageRoutes(app, livechat, routes, originOf);
  registerFeedbackRoutes(app, livechat, routes);
  await registerUploadRoutes(app, livechat, desk, routes, {
    isRateLimited: limits !== null,
    onStorageFull: origin.onStorageFull,
    publicOrigin: originOf,
  });
  registerAgentRoutes(app, desk, limits ? new LoginGuard() : null, originOf);
  registerHealthRoutes(app, livechat.ctx, origin.proxyStatus);
  await registerAvatarRoutes(app, desk, new AvatarStore(livechat.ctx.db));
  const chime = chimeWav();
  app.get(CHIME_PATH, async (_request, reply) =>
    reply
      .type('audio/wav')
      .header('cache-control', 'public, max-age=86400')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(chime),
  );
}
