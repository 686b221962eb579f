/** Limits both sides enforce the same way (docs/reliability.md). */
export const MESSAGE_MAX_CODE_POINTS = 5000;
export const FRAME_MAX_BYTES = 64 * 1024;

/** Code points, not UTF-16 units: an emoji counts once on the client and on the server. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
