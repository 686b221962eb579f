// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from './sheet.js';

/**
 * Base rules every view shares, the launcher included: box sizing, `hidden`, visually hidden
 * text, button font, focus ring, icons, motion. The window's button styles are controls.styles.ts.
 */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--_lc-font-family);
    font-size: var(--_lc-font-size);
    color: var(--_lc-text);
    line-height: 1.4;
  }

  *,
  ::before,
  ::after {
    box-sizing: inherit;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  :focus-visible {
    outline: 2px solid var(--_lc-accent);
    outline-offset: 2px;
  }

  svg {
    inline-size: 1.25em;
    block-size: 1.25em;
    fill: currentColor;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    ::before,
    ::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
