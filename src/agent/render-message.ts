import {html, nothing} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {dayLabel, isoDay, startsDay} from '../i18n/day-label.js';
import {renderMarkdown} from '../markdown/render.js';
import {formatDateTime, formatTime, isoTime} from './format.js';
import type {ConsoleMessage} from './types.js';

/**
 * An attached file: a picture as a thumbnail linking to the full size, anything else as a
 * download link named by the file name. The link is the server's signed, expiring one.
 */
function renderFileLink(file: NonNullable<ConsoleMessage['file']>) {
  if (!file.url) return html`<div class="file">${file.name}</div>`;
  if (file.type.startsWith('image/')) {
    return html`<a class="file" href=${file.url} target="_blank" rel="noopener"
      ><img src=${file.url} alt=${file.name} loading="lazy"
    /></a>`;
  }
  return html`<a class="file" href=${file.url} download=${file.name}>${file.name}</a>`;
}

/** The file, then its caption as plain text (the widget shows it the same way). */
function renderFile(file: NonNullable<ConsoleMessage['file']>) {
  return html`${renderFileLink(file)}${
    file.description ? html`<p class="file-caption" dir="auto">${file.description}</p>` : nothing
  }`;
}

/**
 * The messages of a log, each after a heading where a new day begins (and at the top when the
 * chat's first day is not today): a chat that went on over several days says which is which.
 */
export function renderLog(
  messages: readonly ConsoleMessage[],
  render: (m: ConsoleMessage) => unknown,
) {
  const now = Date.now();
  return repeat(
    messages,
    (m) => m.id,
    (m, i) => {
      if (!startsDay(m.ts, messages[i - 1]?.ts, now)) return render(m);
      return html`<li class="day">
          <time datetime=${isoDay(m.ts)}>${dayLabel(m.ts, now)}</time>
        </li>
        ${render(m)}`;
    },
  );
}

/** One entry of the conversation log; its markup becomes DOM (`renderMarkdown`), never HTML. */
export function renderMessage(
  message: ConsoleMessage,
  onRetry: (m: ConsoleMessage) => void,
  isSeen = false,
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
    ${
      message.text
        ? html`<div class="text" dir="auto">${renderMarkdown(message.text)}</div>`
        : nothing
    }
    ${message.file ? renderFile(message.file) : nothing}
    ${message.status === 'pending' ? html`<div class="state">Sending…</div>` : nothing}
    ${isSeen ? html`<div class="state seen">Seen</div>` : nothing}
    ${
      message.status === 'failed'
        ? html`<div class="state error">
            Not sent.
            <button type="button" class="link" @click=${() => onRetry(message)}>Retry</button>
          </div>`
        : nothing
    }
  </li>`;
}
