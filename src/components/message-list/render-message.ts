import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {msg} from '@lit/localize';
import {isVisibleType, type Message} from '../../core/index.js';
import {loadAttachments, messageText} from './message-parts.js';

/** What the message list needs to draw one message. */
export interface MessageView {
  message: Message;
  time: string;
  onRetry: (id: string) => void;
  /** The visitor's newest message the agent has read: it says "Seen". */
  isSeen?: boolean;
  /** The markdown renderer arrived after the message showed as plain text: render again. */
  onRendererLoaded: () => void;
}

/** Whether a message is drawn at all (hidden system types are not). */
export function isVisibleMessage(message: Message): boolean {
  return isVisibleType(message.type);
}

/**
 * The text of a shown system line ("Ada joined the chat"). The name is bidi-isolated: an agent
 * named in another script cannot reorder the sentence.
 */
export function systemText(message: Message): string | TemplateResult {
  const name = message.author.name || message.author.username;
  switch (message.type) {
    case 'uj':
      return msg(html`<bdi>${name}</bdi> joined the chat`, {
        id: 'message-list.joined',
        desc: 'System message: an agent joined. The value is the agent name.',
      });
    case 'ul':
      return msg(html`<bdi>${name}</bdi> left the chat`, {
        id: 'message-list.left',
        desc: 'System message: an agent left. The value is the agent name.',
      });
    case 'livechat-close':
      // Closed by Rocket.Chat's bot (the visitor left the agent's last message unanswered, see
      // src/server/livechat/inactivity-close.ts): its comment is written for the visitor. An
      // agent's closing comment is a note for agents and stays unshown.
      if (message.author.id === 'rocket.cat' && message.text.trim()) return message.text;
      return msg('The chat was closed', {
        id: 'message-list.closed',
        desc: 'System message: the conversation was closed.',
      });
    case 'livechat_transfer_history':
    case 'livechat_transfer_history_fallback':
      return msg('The chat was transferred', {
        id: 'message-list.transferred',
        desc: 'System message: the conversation moved to another agent or department.',
      });
    default:
      return message.text;
  }
}

/** The status of a message that could not be sent. */
export function failedText(): string {
  return msg('Not sent', {id: 'message-list.failed', desc: 'Status of a message that failed.'});
}

function renderStatus({message, onRetry, isSeen}: MessageView): TemplateResult | typeof nothing {
  if (isSeen && message.status === 'sent') {
    return html`<span class="status status-seen"
      >${msg('Seen', {
        id: 'message-list.seen',
        desc: 'Under the visitor’s newest message that the agent has read.',
      })}</span
    >`;
  }
  if (message.status === 'pending') {
    return html`<span class="status"
      >${msg('Sending…', {
        id: 'message-list.sending',
        desc: 'Status of a message the server has not confirmed yet.',
      })}</span
    >`;
  }
  if (message.status === 'failed') {
    return html`<span class="status status-failed">
      ${failedText()}
      <button
        class="retry"
        type="button"
        aria-describedby=${message.text ? `text-${message.id}` : nothing}
        @click=${() => onRetry(message.id)}
      >
        ${msg('Retry', {id: 'message-list.retry', desc: 'Button that resends a failed message.'})}
      </button>
    </span>`;
  }
  return nothing;
}

/** The message's files, each as its own view (image, player or card). */
function renderAttachments(message: Message): TemplateResult | typeof nothing {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return nothing;
  loadAttachments();
  return html`${attachments.map((a) => html`<lc-attachment .attachment=${a}></lc-attachment>`)}`;
}

/**
 * One message: author in `<bdi>`, text (its markup as DOM) in its own direction, its files,
 * time, status.
 */
export function renderMessage(view: MessageView): TemplateResult {
  const {message, time} = view;
  const role = message.type === undefined ? message.author.role : 'system';
  if (role === 'system') {
    return html`<div
      part="message message-system"
      class="message system"
      dir="auto"
      data-id=${message.id}
    >
      ${systemText(message)}
    </div>`;
  }
  const author =
    role === 'visitor'
      ? msg('You', {id: 'message-list.you', desc: 'Author label of the visitor’s own messages.'})
      : message.author.name || message.author.username;
  const text = message.text;
  // A failed message's Retry button is described by this text (renderStatus): with two
  // failed messages, a screen reader says which one each button sends again.
  const textId = `text-${message.id}`;
  const onLoaded = view.onRendererLoaded;
  return html`<div
    part="message message-${role}"
    class="message ${role} ${message.status}"
    data-id=${message.id}
  >
    <div class="meta">
      <bdi class="author ${role === 'visitor' ? 'visually-hidden' : ''}">${author}</bdi>
      <time datetime=${Number.isFinite(message.ts) ? new Date(message.ts).toISOString() : ''}
        >${time}</time
      >
    </div>
    ${
      text || !message.attachments?.length
        ? html`<div class="text" id=${textId} dir="auto">${messageText(text, onLoaded)}</div>`
        : nothing
    }
    ${renderAttachments(message)} ${renderStatus(view)}
  </div>`;
}
