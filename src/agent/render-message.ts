import {html, nothing} from 'lit';
import {renderMarkdown} from '../markdown/render.js';
import {formatDateTime, formatTime, isoTime} from './format.js';
import type {ConsoleMessage} from './types.js';

/** One entry of the conversation log; its markup becomes DOM (`renderMarkdown`), never HTML. */
export function renderMessage(
  message: ConsoleMessage, onRetry: (m: ConsoleMessage) => void, isSeen = false,
) {
  const time = html`<time datetime=${isoTime(message.ts)} title=${formatDateTime(message.ts)}
    >${formatTime(message.ts)}</time
  >`;
  if (message.role === 'system') {
    return html`<li class="message system" data-id=${message.id}>
      <span class="text" dir="auto">${message.text}</span> ${time}
    </li>`;
  }
  return html`<li class="message ${message.role} ${message.status}" data-id=${message.id}>
    <div class="meta"><bdi class="author">${message.authorName}</bdi> ${time}</div>
    <div class="text" dir="auto">${renderMarkdown(message.text)}</div>
    ${message.status === 'pending' ? html`<div class="state">Sending…</div>` : nothing}
    ${isSeen ? html`<div class="state seen">Seen</div>` : nothing}
    ${message.status === 'failed'
      ? html`<div class="state error">
          Not sent.
          <button type="button" class="link" @click=${() => onRetry(message)}>Retry</button>
        </div>`
      : nothing}
  </li>`;
}
