import {isObject} from '../../core/protocol/index.js';
import {DdpMethodError} from './method-error.js';

/** Meteor's answer when `check()` refuses a parameter. */
export const matchFailed = () => new DdpMethodError(400, 'Match failed');

/** A plain object parameter, else Match failed. */
export function matchObject(value: unknown): Record<string, unknown> {
  if (!isObject(value)) throw matchFailed();
  return value;
}

/** A string of at most `max` characters, else Match failed. */
export function matchString(value: unknown, max = 256): string {
  if (typeof value !== 'string' || value.length > max) throw matchFailed();
  return value;
}

/** Like `matchString`, but `undefined` and `null` pass as `undefined` (Match.Maybe). */
export function maybeString(value: unknown, max = 256): string | undefined {
  return value === undefined || value === null ? undefined : matchString(value, max);
}
