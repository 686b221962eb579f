/**
 * The server's accent colour, in a stylesheet of its own adopted by the element's shadow root.
 * It only fills `--_lc-config-accent`, which the page's `--live-chat-accent-color` beats; set
 * through the CSSOM, so there is no style attribute and the value cannot leave its declaration.
 */
export class AccentSheet {
  readonly sheet = new CSSStyleSheet();

  constructor() {
    this.sheet.replaceSync(':host {}');
  }

  /** Applies `color`, or removes the server's accent when it is missing or not a colour. */
  set(color: string | undefined): void {
    const {style} = this.sheet.cssRules[0] as CSSStyleRule;
    if (color && CSS.supports('color', color)) style.setProperty('--_lc-config-accent', color);
    else style.removeProperty('--_lc-config-accent');
  }
}
