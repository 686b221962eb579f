import {css} from 'lit';

/** Styles of `<lc-finished>`. */
export const styles = css`
  :host {
    display: block;
    overflow-y: auto;
    overscroll-behavior: contain;
    border-block-start: 1px solid var(--_lc-border);
  }

  .summary {
    display: grid;
    gap: 0.5em;
    padding: 1em;
    text-align: center;
  }

  .summary p {
    margin: 0;
    white-space: pre-wrap;
  }

  .headline {
    font-weight: 600;
  }

  /* Focus lands here when the chat ends: keyboard users see where they are (:focus-visible). */
  .headline {
    outline-offset: 0;
  }

  lc-transcript-form,
  lc-rating-form {
    border-block-start: 1px solid var(--_lc-border);
  }

  .actions {
    display: grid;
    justify-items: center;
    padding: 1em;
    border-block-start: 1px solid var(--_lc-border);
  }
`;
