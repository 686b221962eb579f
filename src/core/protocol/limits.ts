/** Limits both sides enforce the same way (docs/reliability.md). */
export const MESSAGE_MAX_CODE_POINTS = 5000;
export const FRAME_MAX_BYTES = 64 * 1024;

/** Code points, not UTF-16 units: an emoji counts once on the client and on the server. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// With the `u` flag a lone surrogate is its own code point of category Cs; pairs never are.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` is well-formed UTF-16: no lone surrogate, which the server refuses. */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** `text` with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder would. */
export const toWellFormed = (text: string): string =>
  text.replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\uFFFD');
