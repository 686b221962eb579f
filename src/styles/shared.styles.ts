// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from './sheet.js';

/** Base rules every view shares: box sizing, `hidden`, visually hidden text, buttons, motion. */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--_lc-font-family);
    font-size: var(--_lc-font-size);
    color: var(--_lc-text);
    line-height: 1.4;
  }

  *,
  *::before,
  *::after {
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

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  :focus-visible {
    outline: 2px solid var(--_lc-accent);
    outline-offset: 2px;
  }

  .button {
    border: 1px solid transparent;
    border-radius: calc(var(--_lc-radius) / 1.5);
    padding-block: 0.5em;
    padding-inline: 1em;
  }

  .button-primary {
    background: var(--_lc-accent);
    color: var(--_lc-on-accent);
  }

  .button-secondary {
    background: transparent;
    color: var(--_lc-text);
    border-color: var(--_lc-border);
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 2.25em;
    block-size: 2.25em;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
  }

  svg {
    inline-size: 1.25em;
    block-size: 1.25em;
    fill: currentColor;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
