import {html, nothing} from 'lit';
import {formatDateTime, formatTime, isoTime} from './format.js';
import type {ConsoleMessage} from './types.js';

/** One entry of the conversation log; text is bound as text, never parsed as HTML. */
export function renderMessage(message: ConsoleMessage, onRetry: (m: ConsoleMessage) => void) {
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
    <div class="text" dir="auto">${message.text}</div>
    ${message.status === 'pending' ? html`<div class="state">Sending…</div>` : nothing}
    ${message.status === 'failed'
      ? html`<div class="state error">
          Not sent.
          <button type="button" class="link" @click=${() => onRetry(message)}>Retry</button>
        </div>`
      : nothing}
  </li>`;
}
