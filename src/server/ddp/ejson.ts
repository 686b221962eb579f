/**
 * JSON as Meteor's EJSON writes it, for the one type we send: `Date` becomes `{$date: ms}`.
 * A copy with the dates swapped is about three times faster to stringify than a `replacer`,
 * which V8 calls back into for every key; every DDP frame passes through here.
 */
export function ejsonStringify(value: unknown): string {
  return JSON.stringify(withEjsonDates(value));
}

function withEjsonDates(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return {$date: value.getTime()};
  if (Array.isArray(value)) return value.map(withEjsonDates);
  // Anything else with its own toJSON (none of our documents) keeps JSON's treatment.
  if (typeof (value as {toJSON?: unknown}).toJSON === 'function') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = withEjsonDates((value as Record<string, unknown>)[key]);
    // Client JSON may carry an own `__proto__` key; plain assignment would drop it.
    if (key === '__proto__') Object.defineProperty(copy, key, {value: item, enumerable: true});
    else copy[key] = item;
  }
  return copy;
}
