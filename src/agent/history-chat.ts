import {LitElement, css, html} from 'lit';
import {property, query} from 'lit/decorators.js';
import {styles as conversationStyles} from './conversation.styles.js';
import {emit} from './emit.js';
import {feedbackStyles} from './feedback.styles.js';
import type {HistoryChat} from './history-parse.js';
import {historyStyles} from './history.styles.js';
import {messageFileStyles} from './message-file.styles.js';
import {messageLogStyles} from './message-log.styles.js';
import {isVisible, toConsoleMessage} from './messages.js';
import {renderFeedback} from './render-feedback.js';
import {renderChatFacts} from './render-history.js';
import {renderLog, renderMessage} from './render-message.js';
import {shared} from './shared.styles.js';
import type {LoadStatus} from './types.js';

/**
 * A closed chat, read-only: its facts (closed when, by whom, tags, closing comment), the
 * messages and the visitor's rating and transcript requests.
 * @fires lc-agent-history-open - "Back to history". Detail: { rid: null }.
 */
export class LcAgentHistoryChat extends LitElement {
  static override styles = [
    shared,
    conversationStyles,
    messageLogStyles,
    feedbackStyles,
    historyStyles,
    messageFileStyles,
    css`
      .facts {
        padding: 0.5rem 1rem;
        background: var(--_ag-surface);
        border-block-end: 1px solid var(--_ag-border);
      }
      /* Narrower, the conversation's header (conversation.styles.ts) moves its buttons after the
         name; here "Back to history" stays first, as in the page, the title wraps rather than
         shrink to "Chat …", and "Read only" goes under it (on a phone, the title under both). */
      @media (max-width: 1100px) {
        header {
          grid-template-columns: auto minmax(0, 1fr);
        }
        header > button.leave {
          grid-row: 1 / span 2;
          grid-column: 1;
        }
        header > h2 {
          grid-row: 1;
          grid-column: 2;
          white-space: normal;
          overflow-wrap: anywhere;
        }
        header > #read-only {
          grid-row: 2;
          grid-column: 2;
          font-size: 0.8125rem;
        }
      }
      @media (max-width: 700px) {
        header > button.leave {
          grid-row: 1;
        }
        header > #read-only {
          grid-row: 1;
          justify-self: end;
        }
        header > h2 {
          grid-row: 2;
          grid-column: 1 / -1;
        }
      }
    `,
  ];

  @query('h2') private heading?: HTMLElement;

  /** The chat, once loaded. */
  @property({attribute: false}) chat: HistoryChat | null = null;
  /** Whether it is loading, loaded or failed. */
  @property() status: LoadStatus = 'loading';
  /** Why it failed, when the server said (too many requests). */
  @property({attribute: false}) failure: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.handleKeydown);
  }

  override updated(changed: Map<string, unknown>): void {
    // Opening a chat moves focus to its title, so a screen reader starts reading there.
    if (changed.has('chat') && this.chat && !changed.get('chat')) this.heading?.focus();
  }

  private handleBack(): void {
    emit(this, 'lc-agent-history-open', {rid: null});
  }

  /** Escape in a closed chat goes back to the list, as "Back to history" does. */
  private handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.handleBack();
  };

  private renderChat(chat: HistoryChat) {
    const messages = chat.messages.filter(isVisible).map((m) => toConsoleMessage(m));
    return html`
      <div class="facts">${renderChatFacts(chat.entry)}</div>
      <div class="log" role="log" aria-labelledby="title" tabindex="0">
        <ol class="messages">
          ${renderLog(messages, (m) => renderMessage(m, () => undefined))}
        </ol>
      </div>
      ${renderFeedback(chat.feedback)}
    `;
  }

  override render() {
    const chat = this.chat;
    const title = chat ? `Chat with ${chat.entry.visitorName || 'Visitor'}` : 'Chat';
    return html`
      <header>
        <button type="button" class="leave" @click=${this.handleBack}>Back to history</button>
        <h2 id="title" tabindex="-1">${title}</h2>
        <p class="closed-note" id="read-only">Read only</p>
      </header>
      ${
        chat
          ? this.renderChat(chat)
          : html`<p class="placeholder" role="status">
              ${this.status === 'failed' ? (this.failure ?? 'Could not open this chat. Try again.') : 'Loading the chat…'}
            </p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-history-chat': LcAgentHistoryChat;
  }
}
