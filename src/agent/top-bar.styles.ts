import {css} from 'lit';
import {visuallyHidden} from './shared.styles.js';

/** The console's top bar (render-top-bar.ts): one row, two below 1440 px, folded on a phone. */
export const topBarStyles = css`
  .top {
    grid-area: top;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem;
    padding: 0.5rem 1rem;
    background: var(--_ag-surface);
    border-block-end: 1px solid var(--_ag-border);
  }
  /* The tools in <lc-agent-more-menu> stand in the bar themselves (the menu is display: contents
     on a wide screen). */
  .top > :not(lc-agent-avatar),
  .top lc-agent-more-menu > * {
    flex: none;
    white-space: nowrap;
  }
  .top h1 {
    font-size: 1.1rem;
    margin: 0;
    margin-inline-end: auto;
  }
  .top .change-picture {
    display: none;
  }
  /* Short of one row (1280 px cut a name to "Ada …"): the tools (not the switches or "Log out")
     get a row of their own, after a zero-height ::after that breaks the line. */
  @media (min-width: 701px) and (max-width: 1440px) {
    .top {
      row-gap: 0;
    }
    .top::after,
    .top .logout {
      order: 1;
    }
    .top::after {
      content: '';
      flex-basis: 100%;
    }
    .top lc-agent-more-menu > :not(.logout) {
      order: 2;
      margin-block-start: 0.5rem;
    }
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .switch[aria-checked='true'] {
    border-color: var(--_ag-success);
  }
  .dot {
    width: 0.65rem;
    height: 0.65rem;
    border-radius: 50%;
    background: var(--_ag-muted);
  }
  .switch[aria-checked='true'] .dot {
    background: var(--_ag-success);
  }
  /* A phone: one row of the switches, the picture and "More"; the title only in the tab's. */
  @media (max-width: 700px) {
    .top {
      flex-wrap: nowrap;
      padding: 0.375rem 0.75rem;
    }
    .top h1,
    .sound-label {
      ${visuallyHidden}
    }
    .top lc-agent-avatar {
      margin-inline-end: auto;
    }
    .top > button {
      min-height: 2rem;
      padding: 0.25rem 0.6rem;
      font-size: 0.875rem;
    }
    .top lc-agent-more-menu > * {
      text-align: start;
    }
    .top .change-picture {
      display: block;
    }
  }
`;
