// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from './styles/sheet.js';

/**
 * Styles of `<live-chat>`: placement of the launcher, floating or inline. The window's own
 * placement comes with its chunk (live-chat-window.styles.ts). Sides are physical: the host's
 * direction is the widget's language, which must not move it; live-chat.ts picks `left` or
 * `right` from the page's direction.
 */
export const styles = css`
  :host {
    display: block;
  }

  .floating {
    position: fixed;
    bottom: var(--_lc-offset);
    right: var(--_lc-offset);
    z-index: var(--_lc-z-index);
  }

  .floating.left {
    right: auto;
    left: var(--_lc-offset);
  }

  .inline {
    block-size: 100%;
  }

  lc-window:not(:defined) {
    display: none;
  }
`;
