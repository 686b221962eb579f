import {codePointLength} from '../../core/protocol/index.js';
import {invalidParams, plainError} from '../errors.js';

// Characters that render as nothing: a message made only of these and spaces is empty (C4).
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;
// With the `u` flag a lone surrogate is its own code point of category Cs; pairs never are.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether a string survives SQLite's UTF-8 unchanged: a lone surrogate is stored as U+FFFD, so
 * a key holding one would never be found again under the string the client sent.
 */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * Checks a message text the same way on every path (REST, DDP, agent or visitor): well-formed
 * UTF-16, not blank, at most `limit` code points.
 */
export function checkMessageText(text: string, limit: number): void {
  if (LONE_SURROGATE.test(text)) throw invalidParams('msg must be well-formed Unicode text');
  if (text.replace(INVISIBLE, '') === '') throw invalidParams('msg must not be empty');
  if (codePointLength(text) > limit) throw plainError('message-length-exceeds-character-limit');
}
