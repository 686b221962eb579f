import {css} from 'lit';

/** Styles shared by the widget's forms (registration, offline, rating, transcript). */
export const styles = css`
  :host {
    display: block;
  }

  form {
    display: grid;
    gap: 0.75em;
    padding: 1em;
  }

  .form-title {
    margin: 0;
    font-size: 1em;
  }

  .intro,
  .done {
    margin: 0;
    white-space: pre-wrap;
  }

  .field {
    display: grid;
    gap: 0.25em;
  }

  .label-row {
    display: flex;
    gap: 0.25em;
  }

  label,
  .group-label {
    font-weight: 600;
  }

  .required-mark,
  .error,
  .alert {
    color: var(--_lc-error);
  }

  .error,
  .alert {
    margin: 0;
    font-size: 0.9em;
  }

  input,
  select,
  textarea {
    inline-size: 100%;
    padding-block: 0.45em;
    padding-inline: 0.6em;
    /* A field is known by its edge: the muted text colour keeps it at 3:1 or more. */
    border: 1px solid var(--_lc-muted-text);
    border-radius: calc(var(--_lc-radius) / 2);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    font: inherit;
  }

  textarea {
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_lc-error);
  }

  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    border: 0;
    margin: 0;
    padding: 0;
  }

  .radios[aria-invalid='true'] {
    outline: 1px solid var(--_lc-error);
    outline-offset: 2px;
  }

  /* Each answer is a box a thumb can hit (24 px at least), its choice edged twice. */
  .radio {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-block-size: 2.25em;
    padding-inline: 0.5em 0.75em;
    border: 1px solid var(--_lc-muted-text);
    border-radius: calc(var(--_lc-radius) / 2);
    font-weight: 400;
    cursor: pointer;
  }

  /* The accent, or the text colour in the dark palette, where an accent may lose 3:1. */
  .radio:has(:checked) {
    border-color: var(--_lc-agent-ring);
    box-shadow: inset 0 0 0 1px var(--_lc-agent-ring);
  }

  .radio input {
    inline-size: auto;
    margin: 0;
    accent-color: var(--_lc-agent-ring);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  /* Focused when sent, it spans the scrolling finished screen, which would cut a ring outside. */
  .done {
    padding: 1em;
    outline-offset: -2px;
  }
`;
