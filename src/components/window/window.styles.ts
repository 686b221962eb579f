import {css} from 'lit';

/** Styles of `<lc-window>`. */
export const styles = css`
  :host {
    display: block;
  }

  .window {
    position: relative;
    display: flex;
    flex-direction: column;
    inline-size: 100%;
    block-size: 100%;
    overflow: hidden;
    background: var(--_lc-surface);
    color: var(--_lc-text);
    border-radius: var(--_lc-radius);
    box-shadow: var(--_lc-shadow);
  }

  .window:focus {
    outline: none;
  }

  .header {
    display: grid;
    gap: 0.5em;
    padding-block: 0.75em;
    padding-inline: 1em 0.5em;
    background: var(--_lc-accent);
    color: var(--_lc-on-accent);
  }

  /* An accent focus ring would vanish on the accent header. */
  .header :focus-visible {
    outline-color: currentColor;
  }

  .bar,
  .tools {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: 0.5em;
    /* A grid item grows to its content's width by default: the title would push the buttons out. */
    min-inline-size: 0;
  }

  /* Beside "End chat" and three buttons a title of 20 letters would end at 12: it takes two
     lines, and where that is too narrow the buttons move below it, together, at the end. */
  .title {
    flex: 1 1 7em;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    margin: 0;
    font-size: 1.1em;
    font-weight: 600;
    overflow: hidden;
    overflow-wrap: anywhere;
  }

  .end {
    padding-block: 0.25em;
    padding-inline: 0.75em;
    border: 1px solid currentColor;
    border-radius: calc(var(--_lc-radius) / 1.5);
    background: transparent;
    color: inherit;
  }

  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    padding-block: 0.75em;
    padding-inline: 1em;
    border-block-end: 1px solid var(--_lc-border);
  }

  .confirm p {
    flex: 1 1 100%;
    margin: 0;
  }

  .status {
    padding-block: 0.25em;
    padding-inline: 1em;
    color: var(--_lc-muted-text);
    font-size: 0.85em;
    text-align: center;
  }

  .welcome {
    padding-block: 1em 0;
    padding-inline: 1em;
    color: var(--_lc-muted-text);
  }

  .screen {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }

  lc-message-list {
    flex: 1;
  }

  .placeholder {
    flex: 1;
    display: grid;
    place-content: center;
    padding: 1.5em;
    text-align: center;
  }

  .scroll {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  lc-finished {
    flex: 0 1 auto;
    max-block-size: 70%;
  }

  .drop {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_lc-accent);
    border-radius: var(--_lc-radius);
    background: color-mix(in srgb, var(--_lc-surface) 90%, transparent);
    /* Not the accent: a dark surface leaves many accents near 3:1. */
    color: var(--_lc-text);
    font-weight: 600;
    pointer-events: none;
  }
`;
