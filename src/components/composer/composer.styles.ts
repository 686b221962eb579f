import {css} from 'lit';

/** Styles of `<lc-composer>`. */
export const styles = css`
  :host {
    display: block;
  }

  form {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: end;
    gap: 0.5em;
    padding: 0.75em;
    border-block-start: 1px solid var(--_lc-border);
  }

  form.with-attach {
    grid-template-columns: auto 1fr auto;
  }

  .attach {
    inline-size: 2.5em;
    block-size: 2.5em;
    color: var(--_lc-muted-text);
  }

  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 2.5em;
    max-block-size: 8em;
    padding-block: 0.5em;
    padding-inline: 0.75em;
    /* A field is known by its edge: the muted text colour keeps it at 3:1 or more. */
    border: 1px solid var(--_lc-muted-text);
    border-radius: calc(var(--_lc-radius) / 1.5);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    font: inherit;
    resize: none;
    field-sizing: content;
  }

  textarea::placeholder {
    color: var(--_lc-muted-text);
  }

  textarea[aria-invalid='true'] {
    border-color: var(--_lc-error);
  }

  .send {
    inline-size: 2.5em;
    block-size: 2.5em;
    background: var(--_lc-accent);
    color: var(--_lc-on-accent);
  }

  .counter {
    grid-column: 1 / -1;
    margin: 0;
    color: var(--_lc-muted-text);
    font-size: 0.8em;
  }

  .counter.over {
    color: var(--_lc-error);
  }
`;
