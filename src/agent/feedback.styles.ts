import {css} from 'lit';

/** The visitor feedback box of a conversation (rating, comment, transcript requests). */
export const feedbackStyles = css`
  .feedback {
    margin: 0 1rem 0.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    background: var(--_ag-surface);
  }
  .feedback h3 {
    font-size: 0.95rem;
    margin: 0 0 0.25rem;
  }
  .feedback dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.25rem;
    margin: 0;
  }
  .feedback dt {
    font-weight: 600;
  }
  .feedback dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .feedback ul {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }
`;
