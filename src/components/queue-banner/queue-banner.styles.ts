import {css} from 'lit';

/** Styles of `<lc-queue-banner>`. */
export const styles = css`
  .banner {
    margin: 0;
    padding-block: 0.5em;
    padding-inline: 1em;
    border-block-end: 1px solid var(--_lc-border);
    text-align: center;
  }

  .banner:empty {
    display: none;
  }

  .wait {
    display: block;
    color: var(--_lc-muted-text);
    font-size: 0.9em;
  }
`;
