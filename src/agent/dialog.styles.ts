import {css} from 'lit';

/** A modal `<dialog>` of the console: its frame, backdrop, title and button row. */
export const dialogStyles = css`
  dialog {
    /* On a phone nearly the whole width: the transfer choice cut "department" to "departm". */
    width: min(28rem, calc(100vw - 1rem));
    max-width: none;
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    padding: 1.25rem;
    color: var(--_ag-text);
    background: var(--_ag-surface);
  }
  dialog::backdrop {
    background: var(--_ag-scrim);
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 1rem;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
  }
`;
