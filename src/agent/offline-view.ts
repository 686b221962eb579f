import {LitElement, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {emit} from './emit.js';
import {deepActiveElement} from './focus.js';
import {formatDateTime, isoTime, mailFailure} from './format.js';
import {styles} from './inbox.styles.js';
import {shared} from './shared.styles.js';
import type {LoadStatus, OfflineMessage} from './types.js';

/** The agent's mail program, addressed to the visitor, their message quoted. */
const replyLink = (m: OfflineMessage): string => {
  const quoted = m.message
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const query = `subject=${encodeURIComponent('Re: your message')}&body=${encodeURIComponent(`\n\n${quoted}`)}`;
  return `mailto:${encodeURIComponent(m.email)}?${query}`;
};

/**
 * The "Offline messages" section: what visitors left through the offline form, newest first,
 * with read and unread marks.
 * @fires lc-agent-mark-offline - The agent marks a message read or unread. Detail: { id, isRead }.
 * @fires lc-agent-refresh - The agent asks for the latest messages, or with `more` for older
 *   ones ("Load more"). Detail: { list: 'offline', more? }.
 */
export class LcAgentOffline extends LitElement {
  static override styles = [shared, styles];

  private departmentNames = new Map<string, string>();
  /** How many messages there were when "Load more" was pressed (-1: not pressed). */
  private moreFrom = -1;

  /** The messages, newest first. */
  @property({attribute: false}) messages: readonly OfflineMessage[] = [];
  /** How many messages there are in all; "Load more" shows while some are not in `messages`. */
  @property({type: Number}) total = 0;
  /** How many messages are unread in all. */
  @property({type: Number}) unread = 0;
  /** Whether the list is loading, loaded or failed. */
  @property() status: LoadStatus = 'idle';
  /** The departments the console knows, to name a message's department by its name. */
  @property({attribute: false}) departments: readonly {id: string; name: string}[] = [];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('departments')) {
      this.departmentNames = new Map(this.departments.map((d) => [d.id, d.name]));
    }
  }

  override updated(): void {
    if (this.moreFrom < 0 || this.status === 'loading') return;
    // The focus moves on to the first message loaded (the button is gone after the last page).
    const from = this.moreFrom;
    this.moreFrom = -1;
    const active = deepActiveElement();
    if (active && active !== document.body && !active.matches('.more')) return;
    const first = this.renderRoot.querySelectorAll('ol > li')[from];
    (first ?? this.renderRoot).querySelector<HTMLButtonElement>('button')?.focus();
  }

  private handleRefresh(): void {
    emit(this, 'lc-agent-refresh', {list: 'offline'});
  }

  private handleMore(): void {
    this.moreFrom = this.messages.length;
    emit(this, 'lc-agent-refresh', {list: 'offline', more: true});
  }

  /** The department by its name; by its id when it is unknown (deleted since, or not loaded). */
  private renderDepartment(id: string) {
    return html`<span>Department: <bdi>${this.departmentNames.get(id) || id}</bdi></span>`;
  }

  private renderMessage(message: OfflineMessage) {
    const toggle = () =>
      emit(this, 'lc-agent-mark-offline', {id: message.id, isRead: !message.isRead});
    return html`<li>
      <article class=${message.isRead ? 'read' : 'unread'} aria-labelledby="from-${message.id}">
        <h3 id="from-${message.id}">
          <bdi>${message.name}</bdi>
          ${message.isRead ? nothing : html`<span class="badge">Unread</span>`}
        </h3>
        <p class="meta">
          <bdi>${message.email}</bdi>
          <time datetime=${isoTime(message.ts)}>${formatDateTime(message.ts)}</time>
          ${message.department ? this.renderDepartment(message.department) : nothing}
          ${message.host ? html`<span>From: <bdi>${message.host}</bdi></span>` : nothing}
          ${
            message.mail
              ? html`<span class="mail"
                  >${
                    message.mail === 'sent'
                      ? 'Mail: sent'
                      : message.mail === 'failed'
                        ? mailFailure(message.mailError ?? '')
                        : 'Mail: not sent yet — retrying'
                  }</span
                >`
              : nothing
          }
        </p>
        <p class="body" dir="auto">${message.message}</p>
        <div class="actions">
          <button type="button" @click=${toggle}>
            ${message.isRead ? 'Mark as unread' : 'Mark as read'}
          </button>
          <a class="reply" href=${replyLink(message)}
            >Reply by email<span class="visually-hidden"> to <bdi>${message.name}</bdi></span></a
          >
        </div>
      </article>
    </li>`;
  }

  override render() {
    const empty = this.status === 'loaded' && this.messages.length === 0;
    return html`
      <header>
        <h2>Offline messages <span>(${this.unread} unread)</span></h2>
        <button type="button" @click=${this.handleRefresh}>Refresh</button>
      </header>
      <p class="note" role="status">
        ${
          this.status === 'loading'
            ? 'Loading messages…'
            : this.status === 'failed'
              ? 'Could not load the messages. Try again.'
              : ''
        }
      </p>
      ${empty ? html`<p class="empty">No offline messages yet.</p>` : nothing}
      <ol aria-label="Offline messages">
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) => this.renderMessage(m),
        )}
      </ol>
      ${
        this.total > this.messages.length
          ? html`<button type="button" class="more" @click=${this.handleMore}>
              Load more (${this.total - this.messages.length} older)
            </button>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-offline': LcAgentOffline;
  }
}
