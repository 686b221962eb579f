import {html} from 'lit';
import type {TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {CLOSE_PATH} from './icon-paths.js';

// Every icon is this one template, decorative (its button has the name): they differ only by
// their path, and the send arrow by its class.
const icon = (path: string, className?: string): TemplateResult =>
  html`<svg class=${ifDefined(className)} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d=${path} />
  </svg>`;

/** Cross: closes or minimises. */
export const closeIcon = icon(CLOSE_PATH);

/** Paper plane: the send button. It points the way text runs, so it turns round in RTL. */
export const sendIcon = icon('M3 20.5 21.5 12 3 3.5 3 10l13 2-13 2z', 'directional');

/** Two opposite arrows: switches the department. */
export const switchIcon = icon('M7 11 3 15l4 4v-3h7v-2H7v-3zm14-2-4-4v3h-7v2h7v3l4-4z');

/** Three dots: opens a menu of options. */
export const menuIcon = icon(
  'M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
);

/** Paper clip: attaches a file. */
export const attachIcon = icon(
  'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z',
);
