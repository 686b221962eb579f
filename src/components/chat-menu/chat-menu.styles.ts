import {css} from 'lit';

/** Styles of `<lc-chat-menu>`. */
export const styles = css`
  :host {
    position: relative;
    display: inline-block;
  }

  .popup {
    position: absolute;
    inset-block-start: calc(100% + 0.25em);
    inset-inline-end: 0;
    z-index: 1;
    inline-size: max-content;
    max-inline-size: 16em;
    padding-block: 0.35em;
    border: 1px solid var(--_lc-border);
    border-radius: calc(var(--_lc-radius) / 1.5);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    box-shadow: var(--_lc-shadow);
  }

  .item {
    display: block;
    inline-size: 100%;
    padding-block: 0.5em;
    padding-inline: 0.9em;
    border: 0;
    background: transparent;
    color: inherit;
    text-align: start;
  }

  .item:hover,
  .item:focus-visible {
    background: var(--_lc-agent-bubble);
  }

  .item[aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--_lc-muted-text);
  }

  .note {
    margin: 0;
    padding-block: 0 0.5em;
    padding-inline: 0.9em;
    color: var(--_lc-muted-text);
    font-size: 0.85em;
  }
`;
