import {css} from 'lit';

/** The reply box: its form's grid, the box itself and the saved replies' listbox above it. */
export const composerStyles = css`
  :host {
    display: block;
    border-block-start: 1px solid var(--_ag-border);
    background: var(--_ag-surface);
    padding: 0.75rem 1rem;
  }
  form {
    position: relative;
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.5rem;
    align-items: end;
  }
  textarea {
    resize: vertical;
    min-height: 2.6rem;
    max-height: 12rem;
  }
  .error {
    grid-column: 1 / -1;
    margin: 0;
  }
  [role='listbox'] {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 100%;
    max-height: 14rem;
    overflow-y: auto;
    margin: 0 0 0.25rem;
    padding: 0.25rem;
    list-style: none;
    background: var(--_ag-surface);
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    box-shadow: 0 4px 12px var(--_ag-shadow);
  }
  [role='option'] {
    display: grid;
    padding: 0.35rem 0.5rem;
    border-radius: calc(var(--_ag-radius) / 2);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_ag-accent-soft);
    outline: 2px solid var(--_ag-accent);
  }
  [role='option'] span {
    color: var(--_ag-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
