import {css} from 'lit';

/** Styles of `<lc-chat-menu>` (its box: `popupStyles`). */
export const styles = css`
  .popup {
    padding-block: 0.35em;
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
