import {css} from 'lit';

/** Styles of `<lc-department-switcher>`. */
export const styles = css`
  :host {
    position: relative;
    display: inline-block;
  }

  .panel {
    position: absolute;
    inset-block-start: calc(100% + 0.25em);
    inset-inline-end: 0;
    z-index: 1;
    display: grid;
    gap: 0.5em;
    inline-size: max-content;
    max-inline-size: 16em;
    padding: 0.75em;
    border: 1px solid var(--_lc-border);
    border-radius: calc(var(--_lc-radius) / 1.5);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    box-shadow: var(--_lc-shadow);
  }

  /* The toggle sits on the accent header, where an accent ring would not show. */
  .toggle:focus-visible {
    outline-color: currentColor;
  }

  label {
    font-weight: 600;
  }

  select {
    padding-block: 0.35em;
    padding-inline: 0.5em;
    border: 1px solid var(--_lc-border);
    border-radius: calc(var(--_lc-radius) / 2);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    font: inherit;
  }
`;
