import {css} from 'lit';

/** Styles of `<lc-message-list>`. */
export const styles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }

  /* Over the bottom of the log, above the typing line: the reader scrolled up and missed news. */
  .news {
    position: absolute;
    inset-block-end: 2.5em;
    inset-inline: 0;
    margin-inline: auto;
    inline-size: max-content;
    border-radius: 2em;
    /* On the surface, not the accent: it must stand out over the visitor's accent bubbles. */
    background: var(--_lc-surface);
    box-shadow: var(--_lc-shadow);
  }

  /* The count of the news, as the launcher's badge counts unread ones. */
  .count {
    padding-inline: 0.45em;
    border-radius: 1em;
    background: var(--_lc-accent);
    color: var(--_lc-on-accent);
  }

  .log {
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 1em;
  }

  .older {
    margin: 0;
  }

  .message {
    max-inline-size: 85%;
    padding-block: 0.5em;
    padding-inline: 0.75em;
    border-radius: var(--_lc-radius);
    overflow-wrap: anywhere;
  }

  .agent {
    align-self: flex-start;
    background: var(--_lc-agent-bubble);
    color: var(--_lc-text);
    border-end-start-radius: 0.25em;
    /* Focus rings on this bubble keep 3:1 in the dark palette too (dark-tokens.styles.ts). */
    --_lc-accent: var(--_lc-agent-ring);
  }

  .visitor {
    align-self: flex-end;
    background: var(--_lc-visitor-bubble);
    color: var(--_lc-on-accent);
    border-end-end-radius: 0.25em;
    /* Focus rings (and any accent) inside the accent bubble, e.g. on a sent image, use the
       bubble's text colour: an accent ring would vanish on it. */
    --_lc-accent: var(--_lc-on-accent);
  }

  /* Not faded: a translucent bubble loses text contrast; "Sending…" says it in words. */
  .visitor.pending {
    outline: 1px dashed var(--_lc-visitor-bubble);
    outline-offset: 1px;
  }

  .visitor.failed {
    outline: 2px solid var(--_lc-error);
  }

  .system,
  .day {
    align-self: center;
    max-inline-size: 100%;
    padding: 0.25em;
    color: var(--_lc-muted-text);
    font-size: 0.85em;
    text-align: center;
  }

  /* Dates come a paint later (src/i18n/dates-ready.ts): their lines are kept for them. */
  .day {
    min-block-size: calc(1lh + 0.5em);
    margin: 0;
    margin-block-start: 0.5em;
    font-weight: 600;
  }

  .meta {
    min-block-size: 1lh;
    display: flex;
    gap: 0.5em;
    font-size: 0.8em;
  }

  .author {
    font-weight: 600;
  }

  .text {
    margin: 0;
    white-space: pre-wrap;
  }

  .status {
    display: block;
    margin-block-start: 0.25em;
    font-size: 0.8em;
  }

  .retry {
    margin-inline-start: 0.5em;
    padding-block: 0.1em;
    padding-inline: 0.6em;
    border: 1px solid currentColor;
    border-radius: calc(var(--_lc-radius) / 2);
    background: transparent;
    color: inherit;
  }

  .typing {
    padding-block: 0.25em;
    padding-inline: 1em;
    color: var(--_lc-muted-text);
    font-size: 0.85em;
    font-style: italic;
  }

  /* Forced colours drop the bubbles' fill: a border keeps each message a bubble. */
  @media (forced-colors: active) {
    .message:not(.system) {
      border: 1px solid CanvasText;
    }
  }
`;
