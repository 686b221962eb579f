import {css} from 'lit';

/** Styles of `<lc-agent-card>`. */
export const styles = css`
  :host {
    display: block;
    min-inline-size: 0;
    /* The card sits on the accent header: the shared body text colour would be unreadable. */
    color: inherit;
  }

  .card {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 2em;
    block-size: 2em;
    overflow: hidden;
    border-radius: 50%;
    background: var(--_lc-on-accent);
    color: var(--_lc-accent);
    font-size: 0.9em;
    font-weight: 600;
  }

  .avatar img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .text {
    display: grid;
    min-inline-size: 0;
  }

  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }

  .status {
    display: flex;
    align-items: center;
    gap: 0.35em;
    font-size: 0.8em;
  }

  .dot {
    inline-size: 0.55em;
    block-size: 0.55em;
    border: 1px solid currentColor;
    border-radius: 50%;
  }

  .online .dot {
    background: currentColor;
  }
`;
