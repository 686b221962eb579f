/**
 * Field-by-field comparison of a server answer with a recorded Rocket.Chat one. The recorded
 * side may hold exact values or matchers for values that differ per run (ids, dates).
 */
import assert from 'node:assert/strict';

/** A check for one value, with a name for the failure message. */
export interface Matcher {
  readonly describe: string;
  test(value: unknown): boolean;
}

const matcher = (describe: string, test: (v: unknown) => boolean): Matcher => ({describe, test});

/** Any non-empty string. */
export const anyString = matcher('a non-empty string', (v) => typeof v === 'string' && v !== '');
/** A Meteor-style or nanoid id. */
export const anyId = matcher('an id', (v) => typeof v === 'string' && /^[\w-]{10,64}$/.test(v));
/** An ISO date string, as REST sends dates. */
export const isoDate = matcher(
  'an ISO date',
  (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && v.includes('T'),
);
/** An EJSON date, as DDP sends dates. */
export const ejsonDate = matcher(
  '{$date: ms}',
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as {$date?: unknown}).$date === 'number' &&
    Object.keys(v).length === 1,
);
/** Any number. */
export const anyNumber = matcher('a number', (v) => typeof v === 'number');
/** A string matching the pattern. */
export const matching = (pattern: RegExp) =>
  matcher(`a string matching ${pattern}`, (v) => typeof v === 'string' && pattern.test(v));
/** Present, whatever the value. */
export const present = matcher('present', () => true);
/** Absent: the key must not be there. */
export const absent = matcher('absent', () => false);

const isMatcher = (v: unknown): v is Matcher =>
  typeof v === 'object' && v !== null && 'test' in v && 'describe' in v;

/**
 * Asserts that `actual` has every field of `expected` with an equal value (recursively;
 * matchers for variable values) and, with `exact`, no other field. `absent` asserts a key is
 * missing. Arrays compare item by item and must have the same length.
 */
export function assertShape(
  actual: unknown,
  expected: unknown,
  options: {exact?: boolean} = {},
  path = '$',
): void {
  if (isMatcher(expected)) {
    assert.ok(
      expected.test(actual),
      `${path}: expected ${expected.describe}, got ${JSON.stringify(actual)}`,
    );
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: array length`);
    expected.forEach((item, i) => assertShape(actual[i], item, options, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    assert.ok(
      typeof actual === 'object' && actual !== null && !Array.isArray(actual),
      `${path}: expected an object, got ${JSON.stringify(actual)}`,
    );
    const object = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (value === absent) {
        assert.ok(!(key in object), `${path}.${key}: expected no such key`);
        continue;
      }
      assert.ok(key in object, `${path}.${key}: missing in ${JSON.stringify(actual)}`);
      assertShape(object[key], value, options, `${path}.${key}`);
    }
    if (options.exact) {
      const extra = Object.keys(object).filter((k) => !(k in expected));
      assert.deepEqual(extra, [], `${path}: unexpected keys`);
    }
    return;
  }
  assert.deepEqual(actual, expected, path);
}
