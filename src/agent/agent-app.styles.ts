import {css} from 'lit';
import {visuallyHidden} from './shared.styles.js';

/** The console shell: top bar, section sidebar and the section's pane. */
export const styles = css`
  :host {
    display: block;
    height: 100dvh;
    background: var(--_ag-bg);
  }
  .shell {
    display: grid;
    grid-template: 'top top' auto 'banner banner' auto 'side main' 1fr / 11rem minmax(0, 1fr);
    height: 100%;
  }
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
  .top > :not(lc-agent-avatar) {
    flex: none;
    white-space: nowrap;
  }
  .top h1 {
    font-size: 1.1rem;
    margin: 0;
    margin-inline-end: auto;
  }
  /* Short of one row (1280 px cut a name to "Ada …"): the tools (not the switches or "Log out",
     the last child) get a row of their own, after a zero-height ::after that breaks the line. */
  @media (max-width: 1440px) {
    .top {
      row-gap: 0;
    }
    .top::after,
    .top > .logout {
      order: 1;
    }
    .top::after {
      content: '';
      flex-basis: 100%;
    }
    .top > :not(h1, .switch, lc-agent-avatar, .logout) {
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
  .banner {
    grid-area: banner;
    margin: 0;
    padding: 0.4rem 1rem;
    background: var(--_ag-accent-soft);
  }
  .banner:empty {
    display: none;
  }
  .side {
    grid-area: side;
    background: var(--_ag-surface);
    border-inline-end: 1px solid var(--_ag-border);
    padding: 0.5rem;
  }
  .side ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .side a {
    display: flex;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_ag-radius);
    color: inherit;
    text-decoration: none;
  }
  .side a[aria-current='page'] {
    background: var(--_ag-accent-soft);
    font-weight: 600;
  }
  /* A section scrolls in the pane, so the bar stays and nothing scrolls the page sideways. */
  main {
    grid-area: main;
    min-height: 0;
    overflow: auto;
  }
  @media (max-width: 700px) {
    .shell {
      grid-template: 'top' auto 'side' auto 'banner' auto 'main' 1fr / minmax(0, 1fr);
    }
    .side {
      border-inline-end: 0;
      border-block-end: 1px solid var(--_ag-border);
      padding: 0.25rem 0.5rem;
    }
    .side ul {
      flex-flow: row wrap;
    }
    .side a {
      gap: 0.3rem;
      padding: 0.35rem 0.45rem;
      font-size: 0.9375rem;
      white-space: nowrap;
    }
    /* Switch, picture and "Log out", then the tools; no room for the title but in the tab's. */
    .top {
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
  }
`;
