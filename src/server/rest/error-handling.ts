import type {FastifyError, FastifyInstance, FastifyRequest} from 'fastify';
import {LivechatError, invalidParams, restErrorBody} from '../errors.js';

type Validation = NonNullable<FastifyError['validation']>[number];

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

/**
 * The input field a body schema failure is about: a custom field's `key` for its value
 * (`customFields[i].value`, or `value` next to `key` in `custom.field`), else the property the
 * path ends at (`/visitor/email` → `email`) or the missing one.
 */
function fieldOfValidation(failure: Validation | undefined, request: FastifyRequest) {
  if (!failure) return undefined;
  const path = failure.instancePath.split('/').filter(Boolean);
  const missing = (failure.params as {missingProperty?: unknown}).missingProperty;
  if (typeof missing === 'string') path.push(missing);
  let node: unknown = request.body;
  for (const segment of path) {
    const parent = asRecord(node);
    if (segment === 'value' && typeof parent?.key === 'string') return parent.key;
    node = parent?.[segment];
  }
  const last = path.at(-1);
  return last && !/^\d+$/.test(last) ? last : undefined;
}

/**
 * Turns every failure into one of Rocket.Chat's error bodies: domain errors keep their form,
 * schema failures become `invalid-params` (naming the body field in `details.field`), other
 * client errors keep their status with `{success:false, error}`, and anything else is a logged
 * 500 that reveals nothing.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | LivechatError, request, reply) => {
    if (error instanceof LivechatError) {
      // A domain 429 (too many open chats) names its wait in words; clients read the header.
      const wait = error.statusCode === 429 ? /wait (\d+) seconds/.exec(error.message) : null;
      if (wait) reply.header('Retry-After', wait[1]);
      return reply.status(error.statusCode).send(restErrorBody(error));
    }
    if (error.validation) {
      const field =
        error.validationContext === 'body'
          ? fieldOfValidation(error.validation[0], request)
          : undefined;
      return reply.status(400).send(restErrorBody(invalidParams(error.message, field)));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({success: false, error: error.message});
    }
    request.log.error({err: error}, 'request failed');
    return reply.status(500).send({success: false, error: 'Internal server error'});
  });
  app.setNotFoundHandler((_request, reply) => {
    return reply.status(404).send({success: false, error: 'Resource not found'});
  });
}
