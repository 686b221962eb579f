import {css} from 'lit';

/** Layout of the conversation pane: header, typing line, draft, composer (the log: `messageLogStyles`). */
export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    background: var(--_ag-bg);
  }
  /* Files dragged over the chat: it takes them. */
  :host([dropping]) {
    outline: 3px dashed var(--_ag-accent);
    outline-offset: -3px;
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
  /* Below 1100 px (the chat column shares the width): the name over the presence, then the
     actions, so the name keeps room; on a phone "←" before them and smaller buttons. */
  @media (max-width: 1100px) {
    header {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto auto;
      gap: 0 0.5rem;
    }
    header > :is(button, .closed-note) {
      grid-row: 1 / span 2;
      grid-column: 2;
    }
    header > :is(#close-toggle, .closed-note) {
      grid-column: 3;
    }
    .visitor-presence {
      grid-row: 2;
      font-size: 0.8125rem;
    }
  }
  /* A phone: a smaller name and gaps, so a name like "Grace Hopper" is whole, not "Grace Ho…". */
  @media (max-width: 700px) {
    header {
      grid-template-columns: auto minmax(0, 1fr) auto auto;
      gap: 0 0.375rem;
      padding: 0.4rem 0.5rem;
    }
    h2 {
      font-size: 1rem;
    }
    header > :is(button, .closed-note) {
      grid-column: 3;
    }
    header > :is(#close-toggle, .closed-note) {
      grid-column: 4;
    }
    header > button {
      min-height: 2rem;
      padding: 0.25rem 0.5rem;
      font-size: 0.875rem;
    }
    header > .back {
      display: block;
      grid-column: 1;
    }
    h2,
    .visitor-presence {
      grid-column: 2;
    }
  }
  .visitor-presence {
    margin: 0;
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
  .jump {
    align-self: center;
    margin-block: 0.4rem 0;
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
