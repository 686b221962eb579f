import {css} from './styles/sheet.js';

/**
 * Placement of `<live-chat>`'s window, floating (above the launcher, full screen on a phone or
 * a short viewport) or inline. `<live-chat>` adopts it with the window's chunk: until then the window is not
 * defined and not shown (live-chat.styles.ts).
 */
export const windowPlacement = css`
  .floating .window {
    position: absolute;
    bottom: calc(100% + 0.75em);
    right: 0;
    inline-size: var(--_lc-window-width);
    max-inline-size: calc(100vw - 2 * var(--_lc-offset));
    block-size: min(
      var(--_lc-window-height),
      calc(100dvh - var(--_lc-launcher-size) - 3 * var(--_lc-offset))
    );
    animation: lc-rise 200ms ease-out;
  }

  .floating .window.restored {
    animation: none;
  }

  /* Above the launcher, on its side (live-chat.styles.ts: physical sides). */
  .floating.left .window {
    right: auto;
    left: 0;
  }

  .inline .window {
    block-size: 100%;
    min-block-size: min(var(--_lc-window-height), 100dvh);
  }

  /* A phone, or a short viewport (a laptop at 200 % zoom): floating, the log would show a
     message or two between the header and the composer. */
  @media (max-width: 480px), (max-height: 500px) {
    .floating .window,
    .floating.left .window {
      position: fixed;
      inset: 0;
      inline-size: auto;
      max-inline-size: none;
      block-size: auto;
    }

    .floating .window::part(window) {
      border-radius: 0;
    }

    /* The window covers the launcher: hidden as well, it leaves the Tab order and the
       accessibility tree, where it would close the chat unseen. Minimize is the way out. */
    .floating lc-launcher[open] {
      visibility: hidden;
    }
  }

  @keyframes lc-rise {
    from {
      opacity: 0;
      transform: translateY(0.5em);
    }
  }
`;
