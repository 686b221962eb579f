import {css, html, nothing} from 'lit';

/**
 * Whether the visitor is still on the site, from the room's `v.status` (the server follows their
 * live socket; see src/server/livechat/visitor-presence.ts): words for each status, since a dot
 * alone says nothing to a screen reader or to an eye that cannot tell its colours apart.
 */
const LABELS: Record<string, string> = {
  online: 'Online',
  offline: 'Left the page',
  away: 'Away',
  busy: 'Busy',
};

/** The words for a visitor status ('' for none or an unknown one). */
export function presenceLabel(status: string): string {
  return LABELS[status] ?? '';
}

/** A dot and the status in words (the conversation header). */
export function renderPresence(status: string) {
  const label = presenceLabel(status);
  if (!label) return nothing;
  return html`<span class="presence" data-status=${status}
    ><span class="dot" aria-hidden="true"></span>${label}</span
  >`;
}

/**
 * The dot alone (a chat list line has no room for the words): the caller says the status in
 * words to assistive tech, after the visitor's name.
 */
export function renderPresenceDot(status: string) {
  if (!presenceLabel(status)) return nothing;
  return html`<span class="presence" data-status=${status}
    ><span class="dot" aria-hidden="true"></span
  ></span>`;
}

/**
 * The dot, the visitor's name, and the status in words for assistive tech only, after the name
 * (a chat list line, a queue entry's heading: ", Online").
 */
export function renderPresenceName(status: string, name: string) {
  const label = presenceLabel(status);
  return html`${renderPresenceDot(status)}<bdi class="name" title=${name}>${name}</bdi>${
      label ? html`<span class="visually-hidden">, ${label}</span>` : nothing
    }`;
}

/** The dot: filled while the visitor is there, an empty ring once they left. */
export const presenceStyles = css`
  .presence {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    color: var(--_ag-muted);
    font-size: 0.85rem;
    font-weight: 400;
  }
  .presence .dot {
    flex: none;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    box-sizing: border-box;
    border: 2px solid var(--_ag-muted);
  }
  .presence[data-status='online'] .dot {
    background: var(--_ag-success);
    border-color: var(--_ag-success);
  }
  .presence[data-status='away'] .dot,
  .presence[data-status='busy'] .dot {
    background: var(--_ag-muted);
  }
`;
