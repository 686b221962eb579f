import {css} from 'lit';
import {visuallyHidden} from './shared.styles.js';

/** The agents table of Settings: a table, and on a phone one block per agent. */
export const tableStyles = css`
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.5rem;
    border-block-end: 1px solid var(--_ag-border);
    vertical-align: top;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .actions > button {
    white-space: nowrap;
  }
  form.inline {
    flex-basis: 100%;
  }
  .unit {
    display: none;
  }
  /* A phone: each agent is a block of its own, its buttons under its facts; as a table the
     buttons were off the screen's edge. */
  @media (max-width: 700px) {
    thead {
      ${visuallyHidden}
    }
    table,
    tbody,
    th,
    td {
      display: block;
    }
    tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      padding-block: 0.5rem;
      border-block-end: 1px solid var(--_ag-border);
    }
    th,
    td {
      border: 0;
      padding: 0;
    }
    td.actions {
      display: flex;
      flex-basis: 100%;
    }
    .unit {
      display: inline;
    }
  }
`;
