import {LitElement, css, html, nothing} from 'lit';
import {property, state} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {emit} from './emit.js';
import {formatDateTime, formatTime, isoTime} from './format.js';
import {styles} from './inbox.styles.js';
import {presenceStyles, renderPresenceName} from './render-presence.js';
import {shared} from './shared.styles.js';
import type {LoadStatus, QueueEntry} from './types.js';

/** How often the waiting times move on; they are shown in whole minutes. */
const TICK_MS = 15_000;

/** "waiting less than a minute", "waiting 3 min", "waiting 1 h 5 min". */
export function waitingText(since: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 1) return 'waiting less than a minute';
  if (minutes < 60) return `waiting ${minutes} min`;
  const rest = minutes % 60;
  return `waiting ${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ''}`;
}

/**
 * The "Queue" section: chats waiting for an agent (manual routing, or every agent at their
 * limit), oldest first, each with whether the visitor is still on the site and a button to
 * take it.
 * @fires lc-agent-take - The agent takes a waiting chat. Detail: { inquiryId }.
 * @fires lc-agent-refresh - The agent asks for the latest queue. Detail: { list: 'queue' }.
 */
export class LcAgentQueue extends LitElement {
  static override styles = [
    shared,
    styles,
    presenceStyles,
    css`
      h3 {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
    `,
  ];

  @state() private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** The waiting chats, oldest first. */
  @property({attribute: false}) entries: readonly QueueEntry[] = [];
  /** Whether the list is loading, loaded or failed. */
  @property() status: LoadStatus = 'idle';

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private handleRefresh(): void {
    emit(this, 'lc-agent-refresh', {list: 'queue'});
  }

  private renderEntry(entry: QueueEntry, position: number) {
    const take = () => emit(this, 'lc-agent-take', {inquiryId: entry.inquiryId});
    return html`<li>
      <article aria-labelledby="who-${entry.inquiryId}">
        <h3 id="who-${entry.inquiryId}">
          ${renderPresenceName(entry.visitorStatus, entry.visitorName)}
        </h3>
        <p class="meta">
          <span>Number ${position} in line</span>
          <span
            >${waitingText(entry.since, Math.max(this.now, Date.now()))}, since
            <time datetime=${isoTime(entry.since)} title=${formatDateTime(entry.since)}
              >${formatTime(entry.since)}</time
            ></span
          >
        </p>
        ${entry.preview ? html`<p class="body" dir="auto">${entry.preview}</p>` : nothing}
        <div class="actions">
          <button
            type="button"
            class="primary"
            @click=${take}
            aria-label="Take the chat with ${entry.visitorName}"
          >
            Take
          </button>
        </div>
      </article>
    </li>`;
  }

  override render() {
    const empty = this.status === 'loaded' && this.entries.length === 0;
    return html`
      <header>
        <h2>Queue <span>(${this.entries.length} waiting)</span></h2>
        <button type="button" @click=${this.handleRefresh}>Refresh</button>
      </header>
      <p class="note" role="status">
        ${this.status === 'failed' ? 'Could not load the queue. Try again.' : ''}
      </p>
      ${empty ? html`<p class="empty">Nobody is waiting.</p>` : nothing}
      <ol aria-label="Waiting chats">
        ${repeat(
          this.entries,
          (e) => e.inquiryId,
          (e, i) => this.renderEntry(e, i + 1),
        )}
      </ol>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-queue': LcAgentQueue;
  }
}
