import {css} from 'lit';

/**
 * The console's palette and base controls. The console is not themed by host pages, so its
 * colours live here, once, as private `--_ag-*` properties that inherit into every view.
 */
export const tokens = css`
  :host {
    --_ag-bg: #f6f7f9;
    --_ag-surface: #ffffff;
    --_ag-text: #1f2937;
    --_ag-muted: #5b6472;
    --_ag-border: #d9dde3;
    /* A field's edge is all that shows where to type: 3:1 on the surface and the page. */
    --_ag-field-border: #7c8594;
    --_ag-accent: #1d4ed8;
    --_ag-on-accent: #ffffff;
    --_ag-accent-soft: #e6edfd;
    --_ag-visitor-bubble: #eef0f3;
    --_ag-danger: #b91c1c;
    --_ag-success: #15803d;
    --_ag-focus: #1d4ed8;
    --_ag-scrim: rgb(31 41 55 / 40%);
    --_ag-shadow: rgb(31 41 55 / 15%);
    --_ag-radius: 8px;
    --_ag-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    /* Native controls (selects, scrollbars, date fields) follow the palette. */
    color-scheme: light dark;
  }
  /* Agents work nights too: the system's dark setting darkens the console. Every pair of text
     and background keeps at least 4.5:1 (test/e2e/agent-console-dark.test.ts runs axe). */
  @media (prefers-color-scheme: dark) {
    :host {
      --_ag-bg: #111318;
      --_ag-surface: #1b1e24;
      --_ag-text: #e6e8eb;
      --_ag-muted: #a3abb8;
      --_ag-border: #3a404b;
      --_ag-field-border: #7d8695;
      --_ag-accent: #8ab4ff;
      --_ag-on-accent: #0d1526;
      --_ag-accent-soft: #1f3157;
      --_ag-visitor-bubble: #2a2f38;
      --_ag-danger: #ff8a80;
      --_ag-success: #5fd38d;
      --_ag-focus: #8ab4ff;
      --_ag-scrim: rgb(0 0 0 / 60%);
      --_ag-shadow: rgb(0 0 0 / 50%);
    }
  }
`;

/** Out of sight, still read by assistive tech: the declarations of `.visually-hidden`. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/** Buttons, fields and helpers every console view shares. */
export const shared = css`
  :host {
    box-sizing: border-box;
    color: var(--_ag-text);
    font-family: var(--_ag-font);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_ag-border);
    border-radius: var(--_ag-radius);
    background: var(--_ag-surface);
    padding: 0.45rem 0.9rem;
    min-height: 2.25rem;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.primary {
    background: var(--_ag-accent);
    border-color: var(--_ag-accent);
    color: var(--_ag-on-accent);
  }
  button.danger {
    color: var(--_ag-danger);
    border-color: currentColor;
  }
  input,
  textarea {
    width: 100%;
    border: 1px solid var(--_ag-field-border);
    border-radius: var(--_ag-radius);
    background: var(--_ag-surface);
    padding: 0.5rem 0.65rem;
  }
  :focus-visible {
    outline: 2px solid var(--_ag-focus);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  .visually-hidden {
    ${visuallyHidden}
  }
  .error {
    color: var(--_ag-danger);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
