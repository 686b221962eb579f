// A native sheet, not Lit's css tag: this is part of the widget's first download.
import {css} from './sheet.js';

/**
 * Maps the public `--live-chat-*` custom properties to private `--_lc-*` values with their
 * defaults: here those the launcher needs, in `window-tokens.styles.ts` those only the window
 * uses. Only these files read the public names; every nested shadow root inherits the private
 * ones from the `<live-chat>` host. `--_lc-config-accent` is the server's theme colour, which
 * `<live-chat>` sets on itself and which loses to any accent the page sets.
 */
export const tokens = css`
  :host {
    --_lc-accent: var(--live-chat-accent-color, var(--_lc-config-accent, #2563eb));
    --_lc-on-accent: var(--live-chat-on-accent-color, #ffffff);
    --_lc-text: var(--live-chat-text-color, #1f2937);
    --_lc-error: var(--live-chat-error-color, #dc2626);
    --_lc-font-family: var(--live-chat-font-family, inherit);
    --_lc-font-size: var(--live-chat-font-size, 14px);
    --_lc-shadow: var(--live-chat-shadow, 0 8px 24px rgb(0 0 0 / 0.16));
    --_lc-launcher-size: var(--live-chat-launcher-size, 56px);
    --_lc-offset: var(--live-chat-offset, 20px);
    --_lc-z-index: var(--live-chat-z-index, 2147483000);
  }
`;
