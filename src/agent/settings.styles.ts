import {css} from 'lit';

/** The Settings section: stacked forms in cards, fields in a grid (its table: settings-table). */
export const styles = css`
  :host {
    display: block;
    padding: 1rem;
    max-width: 60rem;
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  h3 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
  }
  h4 {
    margin: 1rem 0 0.5rem;
    font-size: 1rem;
  }
  form,
  section {
    background: var(--_ag-surface);
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    padding: 1rem;
    margin-block-end: 1rem;
  }
  section form {
    border: 0;
    padding: 0;
    margin: 0;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0 1rem;
  }
  .field {
    margin-block-end: 0.75rem;
  }
  input[type='color'] {
    inline-size: 4rem;
    padding: 0.1rem;
    min-block-size: 2.25rem;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-end: 0.5rem;
  }
  .check input {
    inline-size: auto;
  }
  .check label {
    margin: 0;
    font-weight: normal;
  }
  fieldset {
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
  }
  legend {
    font-weight: 600;
  }
  .days {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 0.75rem;
  }
  /* A hint's example address ("smtp://user:password@…") wraps rather than run off a phone. */
  .hint,
  .note {
    color: var(--_ag-muted);
    margin: 0.25rem 0 0;
    font-size: 0.9rem;
    overflow-wrap: anywhere;
  }
  .error {
    margin: 0.25rem 0 0;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .status {
    margin: 0;
  }
  .status:not(.error) {
    color: var(--_ag-success);
  }
`;
