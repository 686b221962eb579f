import {css} from 'lit';

/** Styles of `<lc-department-switcher>` (its box: `popupStyles`). */
export const styles = css`
  .panel {
    display: grid;
    gap: 0.5em;
    padding: 0.75em;
  }

  label {
    font-weight: 600;
  }

  select {
    padding-block: 0.35em;
    padding-inline: 0.5em;
    /* A field is known by its edge: the muted text colour keeps it at 3:1 or more. */
    border: 1px solid var(--_lc-muted-text);
    border-radius: calc(var(--_lc-radius) / 2);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    font: inherit;
  }
`;
