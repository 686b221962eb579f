import type {FastifyError, FastifyInstance} from 'fastify';
import {LivechatError, invalidParams, restErrorBody} from '../errors.js';

/**
 * Turns every failure into one of Rocket.Chat's error bodies: domain errors keep their form,
 * schema failures become `invalid-params`, other client errors keep their status with
 * `{success:false, error}`, and anything else is a logged 500 that reveals nothing.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | LivechatError, request, reply) => {
    if (error instanceof LivechatError) {
      return reply.status(error.statusCode).send(restErrorBody(error));
    }
    if (error.validation) {
      return reply.status(400).send(restErrorBody(invalidParams(error.message)));
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
