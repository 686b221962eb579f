import {LitElement, css, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {toPlainText} from '../markdown/parse.js';
import {emit} from './emit.js';
import {formatTime, isoTime} from './format.js';
import {presenceStyles, renderPresenceName} from './render-presence.js';
import {shared} from './shared.styles.js';
import type {RoomSummary} from './types.js';

/**
 * The list of open chats, newest activity first, with an unread badge per room.
 * @fires lc-agent-select-room - The agent picks a room. Detail: { rid }.
 */
export class LcAgentRoomList extends LitElement {
  static override styles = [
    shared,
    presenceStyles,
    css`
      /* The scroller is the containing block of the hidden " unread" labels: otherwise they sit
         at their place in the whole list and make the page itself scroll. */
      :host {
        display: block;
        position: relative;
      }
      h2 {
        font-size: 1rem;
        margin: 0;
        padding: 0.75rem 1rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      button {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.15rem 0.5rem;
        width: 100%;
        text-align: start;
        border: 0;
        border-block-end: 1px solid var(--_ag-border);
        border-radius: 0;
        padding: 0.65rem 1rem;
      }
      button[aria-current='true'] {
        background: var(--_ag-accent-soft);
        box-shadow: inset 3px 0 0 var(--_ag-accent);
      }
      .who {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        min-width: 0;
      }
      /* A narrow list (900 px) cut "Grace Hopper" to "Grace Ho…": a name takes two lines
         before it is cut. */
      .name {
        min-width: 0;
        font-weight: 600;
        overflow: hidden;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
      }
      /* A name cut on the screen is whole in the text (screen readers) and in its title (hover);
         the keyboard's chat shows it whole. */
      button:focus-visible .name {
        -webkit-line-clamp: none;
      }
      .preview {
        color: var(--_ag-muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      /* With no unread badge beside it, the preview has the row's whole width. */
      .preview:last-child {
        grid-column: 1 / -1;
      }
      time {
        color: var(--_ag-muted);
        font-size: 0.8rem;
      }
      .badge {
        justify-self: end;
        min-width: 1.4rem;
        padding: 0 0.4rem;
        border-radius: 999px;
        background: var(--_ag-accent);
        color: var(--_ag-on-accent);
        font-size: 0.8rem;
        text-align: center;
      }
      .empty {
        padding: 0 1rem;
        color: var(--_ag-muted);
      }
    `,
  ];

  /** The open rooms to list. */
  @property({attribute: false}) rooms: readonly RoomSummary[] = [];
  /** Id of the room shown in the conversation pane. */
  @property() selected = '';

  override updated(changed: Map<string, unknown>): void {
    // A chat opened from elsewhere (Alt+↑/↓, a notification, a reload) is brought into view
    // in a list longer than the screen.
    if (!changed.has('selected') || !this.selected) return;
    this.renderRoot
      .querySelector('button[aria-current="true"]')
      ?.scrollIntoView({block: 'nearest', inline: 'nearest'});
  }

  private handleClick(rid: string): void {
    emit(this, 'lc-agent-select-room', {rid});
  }

  private renderRoom(room: RoomSummary) {
    // One line of text: the markup's markers would only be noise in a preview.
    const preview = room.isVisitorTyping ? 'Typing…' : toPlainText(room.lastText);
    return html`
      <li>
        <button
          type="button"
          data-rid=${room.rid}
          aria-current=${room.rid === this.selected ? 'true' : 'false'}
          @click=${() => this.handleClick(room.rid)}
        >
          <span class="who">${renderPresenceName(room.visitorStatus, room.visitorName)}</span>
          <time datetime=${isoTime(room.lastTs)}>${formatTime(room.lastTs)}</time>
          <bdi class="preview">${preview}</bdi>
          ${
            room.unread > 0
              ? html`<span class="badge"
                  >${room.unread}<span class="visually-hidden"> unread</span></span
                >`
              : nothing
          }
        </button>
      </li>
    `;
  }

  /** Moves the keyboard to the first chat, or to the heading when there is none. */
  override focus(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('ul button') ?? this.heading;
    target?.focus();
  }

  /** Moves the keyboard to chat `rid` (the one the agent came back from), else as `focus()`. */
  focusRoom(rid: string): void {
    const button = this.renderRoot.querySelector<HTMLElement>(
      `button[data-rid="${CSS.escape(rid)}"]`,
    );
    if (button) button.focus();
    else this.focus();
  }

  private get heading(): HTMLElement | null {
    return this.renderRoot.querySelector('#heading');
  }

  override render() {
    return html`
      <nav aria-labelledby="heading">
        <h2 id="heading" tabindex="-1">Open chats (${this.rooms.length})</h2>
        ${
          this.rooms.length === 0
            ? html`<p class="empty">No open chats. New chats appear here.</p>`
            : html`<ul>
                ${repeat(
                  this.rooms,
                  (r) => r.rid,
                  (r) => this.renderRoom(r),
                )}
              </ul>`
        }
      </nav>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-room-list': LcAgentRoomList;
  }
}
