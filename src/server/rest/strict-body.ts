import type {FastifyInstance} from 'fastify';
import {invalidParams} from '../errors.js';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
};

const TYPE_OF: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
};

/** The first body value whose JSON type differs from its schema's, as a path; else null. */
function mistyped(value: unknown, schema: Schema | undefined, path: string): string | null {
  if (!schema || value === undefined) return null;
  const check = schema.type ? TYPE_OF[schema.type] : undefined;
  if (check && !check(value)) return path;
  if (Array.isArray(value) && schema.items) {
    for (let i = 0; i < value.length; i++) {
      const found = mistyped(value[i], schema.items, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null && schema.properties) {
    for (const [key, child] of Object.entries(schema.properties)) {
      const found = mistyped((value as Record<string, unknown>)[key], child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Fastify's validator coerces types (needed for query strings), so a body `{token: 42}` would
 * pass as "42". Rocket.Chat's `check(token, String)` refuses it, and so does this hook: JSON
 * bodies must carry the declared types as they are.
 */
export function installStrictBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema?.body as Schema | undefined;
    if (!schema || typeof request.body !== 'object' || request.body === null) return;
    const path = mistyped(request.body, schema, 'body');
    if (path) throw invalidParams(`${path} has the wrong type`);
  });
}
