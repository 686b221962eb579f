import {css} from 'lit';

/**
 * The window's buttons: text buttons (primary, secondary), round icon buttons, disabled ones.
 * Part of the window's chunk, not of the first download: the launcher draws its own button.
 * Every view inside the window adopts it after `sharedStyles`.
 */
export const controlStyles = css`
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
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

  /* An icon that points the way text runs (the send arrow) turns round in right-to-left text:
     the host's dir (set from the locale by <live-chat>) reaches every nested shadow root. */
  .directional:dir(rtl) {
    transform: scaleX(-1);
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
`;
