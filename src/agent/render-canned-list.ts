import {html} from 'lit';
import type {CannedReply} from './canned-model.js';

/**
 * The listbox of saved replies under the reply box (`id="canned-list"`, options
 * `canned-<i>`); a press on an option inserts it without taking focus from the box.
 * The keys act in the box, as with any combobox (src/agent/composer.ts), so the options take
 * only clicks.
 */
/* eslint-disable lit-a11y/click-events-have-key-events */
export function renderCannedList(
  replies: readonly CannedReply[],
  active: number,
  onPick: (reply: CannedReply) => void,
) {
  return html`<ul id="canned-list" role="listbox" aria-label="Saved replies">
    ${replies.map(
      (r, i) =>
        html`<li
          id="canned-${i}"
          role="option"
          aria-selected=${i === active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => onPick(r)}
        >
          <strong>/${r.shortcut}</strong>
          <span dir="auto">${r.text}</span>
        </li>`,
    )}
  </ul>`;
}
/* eslint-enable lit-a11y/click-events-have-key-events */
