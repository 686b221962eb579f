// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from '../../styles/sheet.js';

/**
 * Styles of `<lc-launcher>`. The button's border and the badge's outline are transparent, yet
 * drawn in forced colours, where their backgrounds disappear.
 */
export const styles = css`
  :host {
    display: inline-block;
    position: relative;
  }

  button {
    display: grid;
    place-items: center;
    inline-size: var(--_lc-launcher-size);
    block-size: var(--_lc-launcher-size);
    padding: 0;
    border: 1px solid transparent;
    border-radius: 50%;
    background: var(--_lc-accent);
    color: var(--_lc-on-accent);
    box-shadow: var(--_lc-shadow);
    transition: transform 150ms ease-out;
  }

  button:hover {
    transform: scale(1.05);
  }

  .icon {
    display: grid;
    place-items: center;
  }

  svg,
  ::slotted(*) {
    inline-size: calc(var(--_lc-launcher-size) * 0.45);
    block-size: calc(var(--_lc-launcher-size) * 0.45);
  }

  .badge {
    position: absolute;
    inset-block-start: -0.25em;
    inset-inline-end: -0.25em;
    min-inline-size: 1.5em;
    padding-inline: 0.4em;
    border-radius: 0.75em;
    outline: 1px solid transparent;
    background: var(--_lc-error);
    color: var(--_lc-on-accent);
    font-size: 0.8em;
    font-weight: 600;
    line-height: 1.5em;
    text-align: center;
    pointer-events: none;
  }

  .notice {
    position: absolute;
    bottom: calc(100% + 0.5em);
    right: 0;
    inline-size: max-content;
    max-inline-size: min(16em, calc(100vw - 2 * var(--_lc-offset)));
    padding-block: 0.5em;
    padding-inline: 0.75em;
    border: 1px solid transparent;
    border-radius: 0.5em;
    background: var(--_lc-accent);
    color: var(--_lc-on-accent);
    box-shadow: var(--_lc-shadow);
    font-size: 0.9em;
  }

  :host(.left) .notice {
    right: auto;
    left: 0;
  }
`;
