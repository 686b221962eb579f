/**
 * JSON as Meteor's EJSON writes it, for the one type we send: `Date` becomes `{$date: ms}`.
 * (JSON.stringify has already called `toJSON` when the replacer runs, so it looks at the
 * holder's original value.)
 */
export function ejsonStringify(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key, v) {
    const original = this[key];
    return original instanceof Date ? {$date: original.getTime()} : v;
  });
}
