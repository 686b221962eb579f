import {css} from 'lit';

/** The scrolling log of a chat's messages, live or read-only (History). */
export const messageLogStyles = css`
  .log {
    flex: 1;
    overflow-y: auto;
  }
  .messages {
    margin: 0;
    padding: 1rem;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
  }
  .message {
    max-width: min(36rem, 85%);
    padding: 0.5rem 0.75rem;
    border-radius: var(--_ag-radius);
    overflow-wrap: anywhere;
  }
  .message .text {
    white-space: pre-wrap;
  }
  .visitor {
    align-self: flex-start;
    background: var(--_ag-visitor-bubble);
  }
  .agent {
    align-self: flex-end;
    background: var(--_ag-accent-soft);
  }
  .system,
  .day {
    align-self: center;
    color: var(--_ag-muted);
    font-size: 0.9rem;
    text-align: center;
  }
  .day {
    font-weight: 600;
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    font-size: 0.8rem;
    margin-block-end: 0.15rem;
  }
  .author {
    font-weight: 600;
  }
  time,
  .state {
    color: var(--_ag-muted);
    font-size: 0.8rem;
  }
  /* Unbreakable, a time keeps its width and a long author name beside it wraps instead. */
  .message time {
    white-space: nowrap;
  }
  .state.error {
    color: var(--_ag-danger);
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-height: 0;
    color: inherit;
    text-decoration: underline;
  }
`;
