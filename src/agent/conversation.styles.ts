import {css} from 'lit';

/** Layout of the conversation pane: header, scrolling log, typing line, composer. */
export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    background: var(--_ag-bg);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: 0.6rem 1rem;
    background: var(--_ag-surface);
    border-block-end: 1px solid var(--_ag-border);
  }
  h2 {
    margin: 0;
    font-size: 1.1rem;
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .back {
    display: none;
  }
  @media (max-width: 700px) {
    .back {
      display: inline-block;
    }
  }
  .closed-note {
    color: var(--_ag-muted);
    margin: 0;
  }
  .confirm {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    background: var(--_ag-surface);
    border-block-end: 1px solid var(--_ag-border);
  }
  .confirm .actions {
    display: flex;
    gap: 0.5rem;
  }
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
  .system {
    align-self: center;
    color: var(--_ag-muted);
    font-size: 0.9rem;
    text-align: center;
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
  .typing {
    min-height: 1.5rem;
    margin: 0;
    padding: 0 1rem;
    color: var(--_ag-muted);
    font-size: 0.85rem;
    font-style: italic;
  }
  .draft {
    margin: 0 1rem 0.5rem;
    padding: 0.4rem 0.75rem;
    border-inline-start: 3px solid var(--_ag-border);
    color: var(--_ag-muted);
    font-size: 0.85rem;
  }
  .draft h3 {
    margin: 0;
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .draft-text {
    margin: 0.15rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 6rem;
    overflow-y: auto;
  }
  .placeholder {
    margin: auto;
    padding: 2rem;
    color: var(--_ag-muted);
    text-align: center;
  }
`;
