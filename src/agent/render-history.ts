import {html, nothing} from 'lit';
import {formatDateTime, isoTime} from './format.js';
import type {HistoryEntry} from './history-parse.js';

/** A search snippet: the matched words in `<mark>`, everything bound as text. */
export function renderSnippet(snippet: string) {
  const parts = snippet.split('\uE000');
  return html`<p class="snippet">
    ${parts.map((part, i) => {
      if (i === 0) return part;
      const end = part.indexOf('\uE001');
      if (end < 0) return part;
      return html`<mark>${part.slice(0, end)}</mark>${part.slice(end + 1)}`;
    })}
  </p>`;
}

/** Closed time, agent, message count, tags and closing comment of a closed chat. */
export function renderChatFacts(entry: HistoryEntry) {
  const count = entry.messageCount === 1 ? '1 message' : `${entry.messageCount} messages`;
  return html`
    <p class="meta">
      ${entry.email ? html`<span class="email">${entry.email}</span>` : nothing}
      <span
        >Closed
        <time datetime=${isoTime(entry.closedAt)}>${formatDateTime(entry.closedAt)}</time></span
      >
      <span>${entry.agentName ? `Agent: ${entry.agentName}` : 'No agent'}</span>
      <span>${count}</span>
    </p>
    ${
      entry.tags.length > 0
        ? html`<ul class="tags" aria-label="Tags">
            ${entry.tags.map((tag) => html`<li>${tag}</li>`)}
          </ul>`
        : nothing
    }
    ${
      entry.closeComment
        ? html`<p class="comment">
            <span class="label">Closing comment:</span> ${entry.closeComment}
          </p>`
        : nothing
    }
  `;
}

/** One entry of the History list; the visitor's name opens the chat. */
export function renderHistoryEntry(entry: HistoryEntry, onOpen: (rid: string) => void) {
  return html`<li>
    <article aria-labelledby="chat-${entry.rid}">
      <h3>
        <button
          type="button"
          class="open"
          id="chat-${entry.rid}"
          data-rid=${entry.rid}
          @click=${() => onOpen(entry.rid)}
        >
          ${entry.visitorName || 'Visitor'}
        </button>
      </h3>
      ${renderChatFacts(entry)} ${entry.snippet ? renderSnippet(entry.snippet) : nothing}
    </article>
  </li>`;
}
