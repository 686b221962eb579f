/**
 * JSON-schema pieces shared by the routes. Fastify validates every body and query with them, so
 * bad input gets a 400 in Rocket.Chat's `invalid-params` form before any handler runs.
 */

/**
 * A visitor token. Rocket.Chat accepts any non-blank string (DESIGN asks the widget for ≥ 128
 * random bits, but the server stays as lenient as RC); the length cap keeps junk out.
 */
export const TOKEN = {type: 'string', minLength: 1, maxLength: 256, pattern: '\\S'} as const;

/** A room, user or department id. */
export const ID = {type: 'string', minLength: 1, maxLength: 64} as const;

/** A client-chosen message id: nanoid and Meteor ids both fit. */
export const MESSAGE_ID = {type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$'} as const;

/**
 * Message text. The length rule (code points) lives in the domain so that REST and DDP answer
 * alike; the body limit bounds it here.
 */
export const TEXT = {type: 'string'} as const;

/** A short free-text field (names, departments, comments). */
export const SHORT_TEXT = {type: 'string', maxLength: 256} as const;

/** An email address, loosely: something@something, no spaces. */
export const EMAIL = {type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$'} as const;

/**
 * A paging offset. The cap keeps it inside SQLite's 64-bit integers (a 20-digit offset used to
 * fail inside the query with a 500); nobody pages past a billion rows.
 */
export const OFFSET = {type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0} as const;

/** An ISO date in a query string. */
export const ISO_DATE = {type: 'string', maxLength: 40} as const;

/** An object schema with the given required keys and no others. */
export function object(
  properties: Record<string, unknown>,
  required: string[] = [],
): Record<string, unknown> {
  return {type: 'object', properties, required, additionalProperties: false};
}

/** Like `object()`, but unknown keys pass (Rocket.Chat clients send extras such as `agent`). */
export function looseObject(
  properties: Record<string, unknown>,
  required: string[] = [],
): Record<string, unknown> {
  return {type: 'object', properties, required, additionalProperties: true};
}
