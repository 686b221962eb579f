import {css} from 'lit';
import {visuallyHidden} from './shared.styles.js';
import {topBarStyles} from './top-bar.styles.js';

/** The console shell: top bar, section sidebar and the section's pane. */
export const styles = [
  topBarStyles,
  css`
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
    /* Where a section shows only a line (Settings to an agent who is no admin). */
    .section-note {
      margin: 0;
      padding: 1rem;
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
      /* One row of tabs: "Offline messages" shows its first word only. */
      .side ul {
        flex-flow: row wrap;
        justify-content: space-between;
        gap: 0;
      }
      .side a {
        gap: 0.3rem;
        padding: 0.35rem 0.3rem;
        font-size: 0.875rem;
        white-space: nowrap;
      }
      .rest-words {
        ${visuallyHidden}
      }
    }
  `,
];
