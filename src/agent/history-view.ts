import {LitElement, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {emit} from './emit.js';
import {deepActiveElement} from './focus.js';
import type {HistorySnapshot} from './history-model.js';
import {historyStyles} from './history.styles.js';
import {styles} from './inbox.styles.js';
import {renderHistoryEntry} from './render-history.js';
import {shared} from './shared.styles.js';

/**
 * The "History" section: closed chats, newest first, a search over their messages and visitor
 * names and emails, and one chat opened read-only (`<lc-agent-history-chat>`).
 * @fires lc-agent-history-search - The agent types in "Search chats". Detail: { query }.
 * @fires lc-agent-history-more - "Load more". Detail: {}.
 * @fires lc-agent-history-open - The agent opens a chat, or goes back with null. Detail: { rid }.
 */
export class LcAgentHistory extends LitElement {
  static override styles = [shared, styles, historyStyles];

  /** The chat opened last, whose entry gets focus again on the way back. */
  private lastOpened = '';
  /** How many entries there were when "Load more" was pressed (-1: not pressed). */
  private moreFrom = -1;

  /** The list, the search and the opened chat. */
  @property({attribute: false}) state: HistorySnapshot | null = null;

  override updated(changed: Map<string, unknown>): void {
    const before = changed.get('state') as HistorySnapshot | null | undefined;
    const wasOpen = before && before.chatStatus !== 'idle';
    // Back from a chat: the agent lands on the entry they opened, not at the top of the page.
    if (wasOpen && this.state?.chatStatus === 'idle' && this.lastOpened) {
      const button = this.renderRoot.querySelector<HTMLButtonElement>(
        `button[data-rid="${CSS.escape(this.lastOpened)}"]`,
      );
      button?.focus();
    }
    if (this.moreFrom >= 0 && this.state && this.state.status !== 'loading') {
      this.focusAfterMore(this.moreFrom, this.state.entries);
      this.moreFrom = -1;
    }
  }

  /**
   * "Load more" is disabled while it loads and gone after the last page, which takes the
   * keyboard focus with it: it goes on to the first chat loaded (or back to the button).
   */
  private focusAfterMore(from: number, entries: readonly {rid: string}[]): void {
    const active = deepActiveElement();
    if (active && active !== document.body && !active.matches('.more')) return;
    const rid = entries[from]?.rid;
    const target = rid ? `button[data-rid="${CSS.escape(rid)}"]` : 'button.more';
    this.renderRoot.querySelector<HTMLButtonElement>(target)?.focus();
  }

  private handleInput(event: InputEvent): void {
    emit(this, 'lc-agent-history-search', {query: (event.target as HTMLInputElement).value});
  }

  private handleOpen = (rid: string): void => {
    this.lastOpened = rid;
    emit(this, 'lc-agent-history-open', {rid});
  };

  private handleMore(): void {
    this.moreFrom = this.state?.entries.length ?? 0;
    emit(this, 'lc-agent-history-more', {});
  }

  private statusText(state: HistorySnapshot): string {
    if (state.status === 'loading') return 'Loading chats…';
    if (state.status === 'failed') return state.failure ?? 'Could not load the chats. Try again.';
    if (state.status !== 'loaded') return '';
    const chats = state.total === 1 ? '1 chat' : `${state.total} chats`;
    if (state.query.trim()) return `${chats} found for “${state.query.trim()}”`;
    return state.total === 0 ? 'No closed chats yet.' : `${chats} closed`;
  }

  override render() {
    const state = this.state;
    if (state && state.chatStatus !== 'idle') {
      return html`<lc-agent-history-chat
        .chat=${state.chat}
        status=${state.chatStatus}
        .failure=${state.chatFailure}
      >
      </lc-agent-history-chat>`;
    }
    const entries = state?.entries ?? [];
    const hasMore = !!state && entries.length < state.total;
    return html`
      <header><h2>History</h2></header>
      <form role="search" aria-label="Chats" @submit=${(e: Event) => e.preventDefault()}>
        <label for="search" class="visually-hidden">Search chats</label>
        <input
          id="search"
          type="search"
          .value=${state?.query ?? ''}
          placeholder="Search messages, names, emails"
          maxlength="200"
          @input=${this.handleInput}
        />
      </form>
      <p class="note" role="status">${state ? this.statusText(state) : ''}</p>
      <ol aria-label="Closed chats">
        ${repeat(
          entries,
          (e) => e.rid,
          (e) => renderHistoryEntry(e, this.handleOpen),
        )}
      </ol>
      ${
        hasMore
          ? html`<button
              type="button"
              class="more"
              @click=${this.handleMore}
              ?disabled=${state?.status === 'loading'}
            >
              Load more
            </button>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-history': LcAgentHistory;
  }
}
