// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from './styles/sheet.js';

/**
 * Styles of `<live-chat>`: placement of the launcher, floating or inline. The window's own
 * placement comes with its chunk (live-chat-window.styles.ts).
 */
export const styles = css`
  :host {
    display: block;
  }

  .floating {
    position: fixed;
    inset-block-end: var(--_lc-offset);
    inset-inline-end: var(--_lc-offset);
    z-index: var(--_lc-z-index);
  }

  .floating.start {
    inset-inline-end: auto;
    inset-inline-start: var(--_lc-offset);
  }

  .inline {
    block-size: 100%;
  }

  lc-window:not(:defined) {
    display: none;
  }
`;
