import {css} from 'lit';

/** What History adds to the list sections' look: the search box, facts, tags and snippets. */
export const historyStyles = css`
  form[role='search'] {
    margin-block-end: 0.75rem;
    max-width: 32rem;
  }
  h3 .open {
    border: 0;
    padding: 0;
    min-height: 0;
    background: none;
    font-weight: 600;
    color: var(--_ag-accent);
    text-decoration: underline;
    text-align: start;
  }
  /* A long address wraps anywhere rather than widen the page. */
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    overflow-wrap: anywhere;
    color: var(--_ag-muted);
    font-size: 0.9rem;
    margin: 0.25rem 0;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    list-style: none;
    padding: 0;
    margin: 0.25rem 0;
  }
  .tags li {
    background: var(--_ag-accent-soft);
    border-radius: var(--_ag-radius);
    padding: 0.1rem 0.5rem;
    font-size: 0.85rem;
  }
  .comment,
  .snippet {
    margin: 0.25rem 0;
    overflow-wrap: anywhere;
  }
  .comment .label {
    font-weight: 600;
  }
  mark {
    background: var(--_ag-accent-soft);
    color: inherit;
    font-weight: 600;
  }
  .more {
    margin-block-start: 1rem;
  }
`;
