/** A constructable stylesheet that keeps its text (the token tests read it). */
export type TextSheet = CSSStyleSheet & {readonly cssText: string};

/**
 * The styles of the first download, as ready `adoptedStyleSheets`: Lit's `css` tag (and its
 * module) would add more than half a kilobyte to it, and Lit takes a native sheet as it takes
 * its own. Static text only, so nothing from outside can reach a rule.
 */
export function css(strings: TemplateStringsArray): TextSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(strings[0]);
  return Object.assign(sheet, {cssText: strings[0]});
}
