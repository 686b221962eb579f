import {css} from 'lit';

/** Styles of `<lc-attachment>`. */
export const styles = css`
  :host {
    display: block;
    margin-block: 0.25em;
  }

  .caption {
    display: block;
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }

  .open {
    display: block;
    padding: 0;
    border: 0;
    border-radius: calc(var(--_lc-radius) / 1.5);
    background: var(--_lc-border);
    overflow: hidden;
  }

  .thumbnail {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
  }

  .thumbnail.unsized {
    object-fit: cover;
  }

  audio,
  video {
    display: block;
    max-inline-size: 100%;
  }

  .card {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5em;
    padding-block: 0.5em;
    padding-inline: 0.75em;
    border: 1px solid currentColor;
    border-radius: calc(var(--_lc-radius) / 1.5);
  }

  .name {
    overflow-wrap: anywhere;
  }

  .download {
    color: inherit;
    font-weight: 600;
  }

  .size {
    font-size: 0.85em;
    opacity: 0.85;
  }

  .description {
    margin: 0.25em 0 0;
    white-space: pre-wrap;
  }

  dialog {
    max-inline-size: 95vw;
    max-block-size: 95vh;
    padding: 0;
    border: 0;
    border-radius: var(--_lc-radius);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    box-shadow: var(--_lc-shadow);
  }

  dialog::backdrop {
    background: color-mix(in srgb, var(--_lc-text) 75%, transparent);
  }

  .viewer {
    position: relative;
  }

  .full {
    display: block;
    max-inline-size: 95vw;
    max-block-size: 95vh;
    object-fit: contain;
  }

  .close {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-end: 0.5em;
    background: var(--_lc-surface);
    color: var(--_lc-text);
    box-shadow: var(--_lc-shadow);
  }
`;
