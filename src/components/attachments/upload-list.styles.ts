import {css} from 'lit';

/** Styles of `<lc-upload-list>`. */
export const styles = css`
  :host {
    display: block;
  }

  .uploads {
    display: grid;
    gap: 0.25em;
    margin: 0;
    padding-block: 0.5em 0;
    padding-inline: 0.75em;
    list-style: none;
  }

  .upload {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.25em 0.5em;
    font-size: 0.85em;
  }

  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  progress {
    grid-column: 1;
    inline-size: 100%;
    accent-color: var(--_lc-accent);
  }

  .cancel {
    grid-column: 2;
    grid-row: 1 / span 2;
    padding-block: 0.25em;
    padding-inline: 0.75em;
    border: 1px solid var(--_lc-border);
    border-radius: calc(var(--_lc-radius) / 2);
    background: transparent;
    color: var(--_lc-text);
  }

  .error {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    padding-block: 0.25em;
    padding-inline: 0.75em;
    color: var(--_lc-error);
    font-size: 0.85em;
  }

  .error span {
    flex: 1;
    overflow-wrap: anywhere;
  }
`;
