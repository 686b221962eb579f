import {css} from 'lit';

/**
 * Forced colours (Windows high contrast) drop every background, so controls drawn only by a
 * fill (icon buttons, the send button, primary buttons) get a border in the system's button
 * colour, and focus rings use `Highlight`. Part of the window's chunk: every view inside the
 * window adopts it after `sharedStyles`; the launcher carries its own transparent border.
 */
export const forcedColorsStyles = css`
  @media (forced-colors: active) {
    .icon-button,
    .button {
      border: 1px solid ButtonText;
    }

    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
