import {createHash} from 'node:crypto';

// Each keeps white text at a contrast of at least 4.5:1 (WCAG AA).
const PALETTE = [
  '#1d4ed8',
  '#047857',
  '#b91c1c',
  '#6d28d9',
  '#c2410c',
  '#0f766e',
  '#be185d',
  '#4338ca',
  '#15803d',
  '#0369a1',
  '#9f1239',
  '#374151',
];

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Up to two initials of a name ("Ada Lovelace" → "AL"): the first letter or digit of the first
 * and last words, whole characters; "?" when the name has none.
 */
export function avatarInitials(name: string): string {
  const firsts = name
    .split(/\s+/)
    .map((word) => Array.from(word).find((c) => /[\p{L}\p{N}]/u.test(c)))
    .filter((c): c is string => c !== undefined);
  const picked = firsts.length > 1 ? [firsts[0], firsts.at(-1)!] : firsts;
  return picked.join('').toLocaleUpperCase() || '?';
}

/** The background of a name's avatar: always the same for the same name. */
export function avatarColour(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  return PALETTE[digest.readUInt32BE(0) % PALETTE.length];
}

/**
 * A square SVG with the name's initials in white on its colour, as Rocket.Chat draws an avatar
 * nobody uploaded. Presentation attributes only (no `<style>`, no script), so the strict CSP
 * it is served with holds.
 */
export function avatarSvg(name: string): string {
  const initials = avatarInitials(name).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
  const fontSize = initials.length > 1 ? 80 : 100;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" ' +
    `height="200"><rect width="200" height="200" fill="${avatarColour(name)}"/>` +
    '<text x="100" y="100" dy="0.35em" text-anchor="middle" fill="#ffffff" ' +
    `font-family="Helvetica, Arial, sans-serif" font-size="${fontSize}">${initials}</text>` +
    '</svg>'
  );
}
