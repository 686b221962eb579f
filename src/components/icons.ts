import {html} from 'lit';
import {CLOSE_PATH} from './icon-paths.js';

/** Cross: closes or minimises. */
export const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d=${CLOSE_PATH} />
</svg>`;

/** Paper plane: the send button. It points the way text runs, so it turns round in RTL. */
export const sendIcon = html`<svg
  class="directional"
  viewBox="0 0 24 24"
  aria-hidden="true"
  focusable="false"
>
  <path d="M3 20.5 21.5 12 3 3.5 3 10l13 2-13 2z" />
</svg>`;

/** Two opposite arrows: switches the department. */
export const switchIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M7 11 3 15l4 4v-3h7v-2H7v-3zm14-2-4-4v3h-7v2h7v3l4-4z" />
</svg>`;

/** Three dots: opens a menu of options. */
export const menuIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    d="M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z
      m0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z"
  />
</svg>`;

/** Paper clip: attaches a file. */
export const attachIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path
    d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0
      0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z"
  />
</svg>`;
