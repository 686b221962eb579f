import {html} from 'lit';

/** Speech bubble: the launcher's default icon. */
export const chatIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z
      m3 6v2h10V9H7zm0 4v2h7v-2H7z"
  />
</svg>`;

/** Cross: closes or minimises. */
export const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"
  />
</svg>`;

/** Paper plane: the send button. */
export const sendIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M3 20.5 21.5 12 3 3.5 3 10l13 2-13 2z" />
</svg>`;

/** Three dots: opens a menu of options. */
export const menuIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    d="M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z
      m0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z"
  />
</svg>`;
