import {css} from 'lit';

/** A file in a conversation message: a bounded thumbnail, or a download link. */
export const messageFileStyles = css`
  .file {
    display: block;
    margin-block-start: 0.25rem;
    color: var(--_ag-accent);
  }
  .file-caption {
    margin: 0.25rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .file img {
    display: block;
    max-inline-size: min(16rem, 100%);
    max-block-size: 12rem;
    border-radius: calc(var(--_ag-radius) / 2);
    object-fit: contain;
  }
`;
