// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from './styles/sheet.js';

/** Styles of `<live-chat>`: placement of the launcher and the window, floating or inline. */
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

  .floating .window {
    position: absolute;
    inset-block-end: calc(100% + 0.75em);
    inset-inline-end: 0;
    inline-size: var(--_lc-window-width);
    max-inline-size: calc(100vw - 2 * var(--_lc-offset));
    block-size: min(
      var(--_lc-window-height),
      calc(100dvh - var(--_lc-launcher-size) - 3 * var(--_lc-offset))
    );
    animation: lc-rise 200ms ease-out;
  }

  .floating.start .window {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }

  .inline {
    block-size: 100%;
  }

  .inline .window {
    block-size: 100%;
    min-block-size: min(var(--_lc-window-height), 100dvh);
  }

  lc-window:not(:defined) {
    display: none;
  }

  @media (max-width: 480px) {
    .floating .window {
      position: fixed;
      inset: 0;
      inline-size: auto;
      max-inline-size: none;
      block-size: auto;
    }

    .floating .window::part(window) {
      border-radius: 0;
    }
  }

  @keyframes lc-rise {
    from {
      opacity: 0;
      transform: translateY(0.5em);
    }
  }
`;
