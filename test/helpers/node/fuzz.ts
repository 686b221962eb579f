/**
 * Seeded random input for the fuzz suites (`npm run test:fuzz`): the same seed gives the same
 * inputs on every run, so a failure can be replayed with `FUZZ_SEED=<seed>`.
 */

/** mulberry32: a tiny PRNG with a 32-bit state, uniform in [0, 1). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: `FUZZ_SEED` when set, else `fallback`. */
export function fuzzSeed(fallback: number): number {
  const given = Number(process.env.FUZZ_SEED);
  return Number.isInteger(given) ? given : fallback;
}

/** A generator of hostile values around some real strings (tokens, ids) and object keys. */
export interface Fuzz {
  next(): number;
  pick<T>(items: readonly T[]): T;
  /** Any JSON-able value, nested at most a few levels (plus, rarely, one 3,000 deep). */
  value(depth?: number): unknown;
}

/** Values that have broken parsers and handlers before. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  '\ud800',
  'x'.repeat(6000),
  '<img src=x onerror=alert(1)>',
  '\u202e\u0000\n',
  '{"$date":1}',
  '1e999',
  '99999999999999999999',
  '-1',
  'NaN',
  '../../etc/passwd',
  '%',
  '\r\nX-Injected: 1',
];

export function fuzz(seed: number, strings: readonly string[], keys: readonly string[]): Fuzz {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
  const value = (depth = 0): unknown => {
    const kind = Math.floor(next() * (depth > 3 ? 5 : 8));
    switch (kind) {
      case 0:
        return pick([null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 0.5]);
      case 1:
      case 2:
        return pick(strings);
      case 3:
        return {$date: pick([0, -1, 1e20, 'now', null])};
      case 4:
        return next() < 0.05 ? nested(3000) : [];
      case 5:
        return Array.from({length: Math.floor(next() * 4)}, () => value(depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = Math.floor(next() * 5); i > 0; i--) {
          // defineProperty: a `__proto__` key must be an own key, as JSON.parse makes it.
          Object.defineProperty(object, pick(keys), {
            value: value(depth + 1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return object;
      }
    }
  };
  return {next, pick, value};
}
