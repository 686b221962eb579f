import {html, nothing} from 'lit';
import {formatDateTime, formatTime, isoTime} from './format.js';
import type {HistoryEntry} from './history-parse.js';
import type {PageVisit, VisitorDetails} from './visitor-panel-model.js';

/** The visitor's clock now, e.g. "14:05 (CET)"; '' for an unknown time zone. */
export function localTime(timeZone: string, now = Date.now()): string {
  if (!timeZone) return '';
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(now);
  } catch {
    return '';
  }
}

/** A language tag in words ("German (Germany)"), or the tag itself. */
export function languageName(tag: string): string {
  if (!tag) return '';
  try {
    return new Intl.DisplayNames(undefined, {type: 'language'}).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * An address (email, web page) with line-break chances after its dots, slashes and the like and
 * before its "@", so a narrow column wraps it there rather than mid-word.
 */
export function breakable(address: string) {
  const parts = address.split(/(?<=[.\-_?&=]|[^:/]\/)(?!\/)|(?=@)/);
  return parts.map((part, i) => (i === 0 ? part : html`<wbr />${part}`));
}

/**
 * An email as two pieces, the name and the "@domain", each kept whole on a line while it fits
 * (`.piece` in visitor-panel.ts): "grace" / "@example.com" rather than "grace@example." / "com".
 */
export function breakableEmail(email: string) {
  const at = email.lastIndexOf('@');
  if (at <= 0) return breakable(email);
  const name = breakable(email.slice(0, at));
  const domain = breakable(email.slice(at));
  return html`<span class="piece">${name}</span><wbr /><span class="piece">${domain}</span>`;
}

function fact(label: string, value: string, isEmail = false) {
  return value
    ? html`<dt>${label}</dt>
        <dd dir="auto">${isEmail ? breakableEmail(value) : value}</dd>`
    : nothing;
}

/** Name, contact, department, custom fields, local time and language, as a list of facts. */
export function renderFacts(d: VisitorDetails) {
  const time = localTime(d.timeZone);
  return html`<dl>
    ${fact('Email', d.email, true)} ${fact('Phone', d.phone)} ${fact('Department', d.department)}
    ${d.fields.map((f) => fact(f.label, f.value))}
    ${
      time
        ? html`<dt>Local time</dt>
            <dd>
              ${time}
              ${
                // The zone's short name may be its id already ("UTC"): once is enough.
                time.endsWith(d.timeZone) ? nothing : html`<span class="muted">${d.timeZone}</span>`
              }
            </dd>`
        : nothing
    }
    ${fact('Language', languageName(d.language))}
  </dl>`;
}

/** A page link only for web addresses; anything else stays text. */
function renderPage(page: PageVisit) {
  const isWeb = /^https?:\/\//i.test(page.href);
  const title = page.title || breakable(page.href);
  return html`<li>
    ${
      isWeb
        ? html`<a
            href=${page.href}
            target="_blank"
            rel="noopener noreferrer"
            title=${page.href}
            dir="auto"
            >${title}</a
          >`
        : html`<span dir="auto">${title}</span>`
    }
    <time datetime=${isoTime(page.ts)} title=${formatDateTime(page.ts)}
      >${formatTime(page.ts)}</time
    >
  </li>`;
}

/** The pages visited, newest first. */
export function renderPages(pages: readonly PageVisit[]) {
  return pages.length === 0
    ? html`<p class="muted">No pages reported.</p>`
    : html`<ol class="pages">
        ${pages.map(renderPage)}
      </ol>`;
}

/** Earlier chats, each a button that opens it read-only in History. */
export function renderChats(chats: readonly HistoryEntry[], open: (rid: string) => void) {
  if (chats.length === 0) return html`<p class="muted">No earlier chats.</p>`;
  return html`<ul class="chats">
    ${chats.map(
      (c) =>
        html`<li>
          <button type="button" class="link" @click=${() => open(c.rid)}>
            <time datetime=${isoTime(c.closedAt)}>${formatDateTime(c.closedAt)}</time>
          </button>
          <span class="muted"
            >${c.messageCount === 1 ? '1 message' : `${c.messageCount} messages`}${
              c.agentName ? html`, <bdi>${c.agentName}</bdi>` : nothing
            }</span
          >
        </li>`,
    )}
  </ul>`;
}
