/** Speech bubble (24×24 path data): the launcher's default icon. */
export const CHAT_PATH =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h10V9H7zm0 4v2h7v-2H7z';

/** Cross (24×24 path data): closes or minimises. */
export const CLOSE_PATH =
  'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An icon for the Lit-free launcher, built with DOM calls rather than parsed markup, which a
 * page enforcing Trusted Types would refuse.
 */
export function svgIcon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}
