import {createHash} from 'node:crypto';
import multipart from '@fastify/multipart';
import type {FastifyInstance, FastifyReply, FastifyRequest} from 'fastify';
import {invalidParams, meteorError} from '../errors.js';
import type {AgentDesk} from '../livechat/agent-desk.js';
import {avatarSvg} from '../livechat/avatar-svg.js';
import {AVATAR_MAX_BYTES, AvatarStore} from '../livechat/avatars.js';
import {agentOf, requireAgent} from './auth.js';
import {object} from './schemas.js';

const API = '/api/v1';

/** The answer when the multipart body has no `image` file (Rocket.Chat's wording). */
const NO_IMAGE = "The 'image' param is required";

function isFresh(request: FastifyRequest, etag: string): boolean {
  const wanted = request.headers['if-none-match'];
  return typeof wanted === 'string' && wanted.split(/\s*,\s*/).includes(etag);
}

/**
 * Headers every avatar answer carries: shown inline anywhere (the widget lives on other sites),
 * never sniffed or run, and revalidated with the ETag so a new picture shows at once.
 */
function avatarHeaders(reply: FastifyReply, type: string, etag: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', 'inline')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', 'public, max-age=0, must-revalidate')
    .header('etag', etag);
}

/**
 * Rocket.Chat's `GET /avatar/:username`: the user's uploaded picture, else an SVG with the
 * initials of their name (of the asked name for unknown users, as Rocket.Chat does) on a colour
 * derived from it. Plus `users.setAvatar` (multipart `image`: PNG, JPEG or WebP by content,
 * ≤ 1 MiB) and `users.resetAvatar` for the logged-in agent.
 */
export async function registerAvatarRoutes(
  app: FastifyInstance,
  desk: AgentDesk,
  avatars: AvatarStore,
): Promise<void> {
  app.get<{Params: {username: string}}>(
    '/avatar/:username',
    {
      schema: {
        params: object({username: {type: 'string', minLength: 1, maxLength: 256}}, ['username']),
      },
    },
    async (request, reply) => {
      const {username} = request.params;
      const {name, picture} = avatars.lookup(username);
      if (picture) {
        const etag = `"${picture.etag}"`;
        avatarHeaders(reply, picture.type, etag).header(
          'last-modified',
          new Date(picture.updatedAt).toUTCString(),
        );
        return isFresh(request, etag) ? reply.status(304).send() : reply.send(picture.data);
      }
      const svg = avatarSvg(name || username);
      const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 22)}"`;
      avatarHeaders(reply, 'image/svg+xml; charset=utf-8', etag);
      return isFresh(request, etag) ? reply.status(304).send() : reply.send(svg);
    },
  );

  await app.register(async (authed) => {
    authed.decorateRequest('agent', null);
    authed.decorateRequest('authToken', null);
    authed.addHook('preHandler', requireAgent(desk));
    await authed.register(multipart, {
      limits: {fileSize: AVATAR_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5},
    });

    authed.post(`${API}/users.setAvatar`, async (request) => {
      if (!request.isMultipart()) throw invalidParams('the body must be multipart/form-data');
      const part = await request.file();
      if (!part || part.fieldname !== 'image') throw invalidParams(NO_IMAGE);
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as {code?: string}).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
        throw meteorError('error-file-too-large', 'The picture must be at most 1 MiB');
      }
      avatars.set(agentOf(request).id, bytes);
      return {success: true};
    });

    authed.post(`${API}/users.resetAvatar`, async (request) => {
      avatars.remove(agentOf(request).id);
      return {success: true};
    });
  });
}
