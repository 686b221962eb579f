import {css} from 'lit';

/** The list sections (offline messages, queue): a header row and cards. */
export const styles = css`
  :host {
    display: block;
    height: 100%;
    overflow-y: auto;
    padding: 1rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block-end: 1rem;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0;
    margin-inline-end: auto;
  }
  .note,
  .empty {
    color: var(--_ag-muted);
    margin: 0 0 1rem;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    max-width: 48rem;
  }
  /* Addresses and links are long unbroken words: they wrap anywhere rather than widen the page. */
  article {
    min-width: 0;
    overflow-wrap: anywhere;
    background: var(--_ag-surface);
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    padding: 0.75rem 1rem;
  }
  article.unread {
    border-inline-start: 4px solid var(--_ag-accent);
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    color: var(--_ag-muted);
    font-size: 0.875rem;
    margin-block: 0.25rem 0.5rem;
  }
  .badge {
    border-radius: 999px;
    padding: 0 0.5rem;
    background: var(--_ag-accent);
    color: var(--_ag-on-accent);
    font-size: 0.8rem;
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0 0 0.75rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .reply {
    color: var(--_ag-accent);
  }
  /* "Load more" under the offline messages. */
  .more {
    margin-block-start: 1rem;
  }
`;
