import {css} from 'lit';

/** The console shell: top bar, section sidebar and the section's pane. */
export const styles = css`
  :host {
    display: block;
    height: 100dvh;
    background: var(--_ag-bg);
  }
  .shell {
    display: grid;
    grid-template-columns: 11rem 1fr;
    grid-template-rows: auto auto 1fr;
    grid-template-areas: 'top top' 'banner banner' 'side main';
    height: 100%;
  }
  .top {
    grid-area: top;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 1rem;
    background: var(--_ag-surface);
    border-block-end: 1px solid var(--_ag-border);
  }
  .top > button {
    white-space: nowrap;
  }
  .top h1 {
    font-size: 1.1rem;
    margin: 0;
    margin-inline-end: auto;
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
  main {
    grid-area: main;
    min-height: 0;
    min-width: 0;
  }
  @media (max-width: 700px) {
    .shell {
      grid-template-columns: 1fr;
      grid-template-areas: 'top' 'side' 'banner' 'main';
      grid-template-rows: auto auto auto 1fr;
    }
    .side {
      border-inline-end: 0;
      border-block-end: 1px solid var(--_ag-border);
      padding: 0.25rem 0.5rem;
    }
    .side ul {
      flex-direction: row;
    }
  }
`;
