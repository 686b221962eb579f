import {codePointLength, isWellFormed} from '../../core/protocol/index.js';
import {invalidParams, plainError} from '../errors.js';

// Characters that render as nothing: a message made only of these and spaces is empty (C4).
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

// SQLite stores a lone surrogate as U+FFFD: a key holding one would never be found again under
// the string the client sent, and a text would not be the one the sender saw.
export {isWellFormed};

/**
 * Checks a message text the same way on every path (REST, DDP, agent or visitor): well-formed
 * UTF-16, not blank, at most `limit` code points.
 */
export function checkMessageText(text: string, limit: number): void {
  if (!isWellFormed(text)) throw invalidParams('msg must be well-formed Unicode text');
  if (text.replace(INVISIBLE, '') === '') throw invalidParams('msg must not be empty');
  if (codePointLength(text) > limit) throw plainError('message-length-exceeds-character-limit');
}
