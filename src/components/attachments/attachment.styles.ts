import {css} from 'lit';

/** Styles of `<lc-attachment>`. */
export const styles = css`
  :host {
    display: block;
    margin-block: 0.25em;
    color: inherit;
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
    aspect-ratio: 4 / 3;
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

  /* Full colour: faded, the small text fell below 4.5:1 on the visitor's bubble. */
  .size {
    font-size: 0.85em;
  }

  .unavailable {
    margin: 0.25em 0 0;
    font-size: 0.85em;
  }

  .description {
    margin: 0.25em 0 0;
    white-space: pre-wrap;
  }

  dialog {
    min-inline-size: min(20em, 95vw);
    max-inline-size: 95vw;
    max-block-size: 95vh;
    padding: 0;
    border: 0;
    border-radius: var(--_lc-radius);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    box-shadow: var(--_lc-shadow);
    /* On the surface again, out of the bubble that recoloured the accent for its own rings. */
    --_lc-accent: var(--_lc-surface-accent);
  }

  dialog::backdrop {
    background: color-mix(in srgb, var(--_lc-text) 75%, transparent);
  }

  .viewer {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5em;
    padding: 0.5em;
  }

  .viewer-title {
    padding-inline: 0.5em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .full {
    grid-column: 1 / -1;
    justify-self: center;
    display: block;
    max-inline-size: calc(95vw - 1em);
    max-block-size: calc(95vh - 4em);
    object-fit: contain;
  }
`;
