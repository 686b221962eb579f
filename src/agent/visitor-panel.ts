import {LitElement, css, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {emit} from './emit.js';
import './panel-events.js';
import {presenceStyles, renderPresence} from './render-presence.js';
import {renderChats, renderFacts, renderPages} from './render-visitor-panel.js';
import {shared} from './shared.styles.js';
import type {NotesStatus, VisitorPanelSnapshot} from './visitor-panel-model.js';

const NOTES_STATUS: Record<NotesStatus, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'Could not save. Try again.',
};

/**
 * The "Visitor details" region beside the open chat: who the visitor is, whether they are
 * still on the site, the pages they visited, their earlier chats and the agents' notes about them. On narrow screens it folds
 * behind a "Visitor details" button.
 * @fires lc-agent-notes-input - The agent edits the notes. Detail: { text }.
 * @fires lc-agent-notes-save - The notes field loses focus, or Ctrl+Enter. Detail: {}.
 * @fires lc-agent-history-open - The agent opens an earlier chat. Detail: { rid }.
 */
export class LcAgentVisitorPanel extends LitElement {
  static override styles = [
    shared,
    presenceStyles,
    css`
      :host {
        display: block;
        background: var(--_ag-surface);
        overflow-y: auto;
      }
      .bar {
        display: none;
      }
      .toggle {
        display: inline-flex;
        align-items: center;
        gap: 0.6rem;
        min-height: 2rem;
        padding: 0.25rem 0.75rem;
        font-weight: 600;
      }
      .toggle[aria-expanded='true'] {
        background: var(--_ag-accent-soft);
      }
      /* A chevron drawn with two borders: down while folded, up while open. */
      .chevron {
        width: 0.45rem;
        height: 0.45rem;
        border: solid currentColor;
        border-width: 0 2px 2px 0;
        transform: translateY(-20%) rotate(45deg);
        transition: transform 0.15s;
      }
      [aria-expanded='true'] .chevron {
        transform: translateY(20%) rotate(-135deg);
      }
      aside {
        padding: 0.75rem 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
        overflow-wrap: anywhere;
      }
      .presence-line {
        margin: -0.25rem 0 0.5rem;
      }
      h3 {
        font-size: 0.9rem;
        margin: 1rem 0 0.35rem;
      }
      /*
       * A label takes at most 40 % of the width, so a value keeps room; a value wraps where it
       * may (an address at its wbr, see render-visitor-panel.ts), mid-word only when a piece
       * is still too long for the panel.
       */
      dl {
        display: grid;
        grid-template-columns: fit-content(40%) minmax(0, 1fr);
        gap: 0.25rem 0.75rem;
        margin: 0;
      }
      dt {
        color: var(--_ag-muted);
        overflow-wrap: break-word;
      }
      dd {
        margin: 0;
        overflow-wrap: break-word;
      }
      .piece {
        display: inline-block;
        max-width: 100%;
      }
      ol,
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.35rem;
      }
      li {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        overflow-wrap: break-word;
      }
      li > a,
      li > span {
        min-width: 0;
      }
      .muted,
      time {
        color: var(--_ag-muted);
        font-size: 0.85rem;
      }
      /* A page's time on one line ("02:47 PM" broke into "02:4 / 7 PM"); its title wraps. */
      li > time {
        flex: none;
        white-space: nowrap;
      }
      .chats li {
        flex-direction: column;
        gap: 0;
      }
      button.link {
        border: 0;
        padding: 0;
        min-height: 0;
        background: none;
        color: var(--_ag-accent);
        text-decoration: underline;
        text-align: start;
      }
      a {
        color: var(--_ag-accent);
      }
      textarea {
        resize: vertical;
        min-height: 5rem;
      }
      .status {
        margin: 0.25rem 0 0;
        min-height: 1.2em;
        color: var(--_ag-muted);
      }
      /* The bar stays at the top while the open details scroll under it. */
      @media (max-width: 1100px) {
        .bar {
          display: block;
          position: sticky;
          top: 0;
          padding: 0.375rem 1rem;
          background: var(--_ag-surface);
        }
        aside {
          padding-block-start: 0.25rem;
        }
        .collapsed aside {
          display: none;
        }
      }
    `,
  ];

  /** Unfolded (below 1100px; beside the chat the details always show). */
  @property({attribute: false}) isExpanded = false;

  /** The panel's state. */
  @property({attribute: false}) state: VisitorPanelSnapshot | null = null;
  /** Whether the visitor is still on the site (the open room's `v.status`; '' unknown). */
  @property() visitorStatus = '';

  /**
   * The control that had the focus last, until it goes outside: the window crossing 1100px may
   * hide it (and drop the focus) before the panel moves, see panel-view.ts.
   */
  lastFocused: Element | null = null;

  constructor() {
    super();
    this.addEventListener('focusin', (event) => {
      this.lastFocused = event.composedPath()[0] as Element;
    });
    this.addEventListener('focusout', (event) => {
      if (event.relatedTarget && event.relatedTarget !== this) this.lastFocused = null;
    });
  }

  private handleToggle(): void {
    this.isExpanded = !this.isExpanded;
  }

  private handleNotesInput(event: Event): void {
    emit(this, 'lc-agent-notes-input', {text: (event.target as HTMLTextAreaElement).value});
  }

  private handleNotesKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      emit(this, 'lc-agent-notes-save', {});
    }
  }

  private handleNotesBlur(): void {
    emit(this, 'lc-agent-notes-save', {});
  }

  private handleOpenChat = (rid: string): void => {
    emit(this, 'lc-agent-history-open', {rid});
    location.hash = '#history';
  };

  private renderBody(s: VisitorPanelSnapshot) {
    const d = s.details;
    if (!d) {
      return html`<p class="muted" role="status">
        ${s.status === 'failed' ? 'Could not load the visitor details.' : 'Loading…'}
      </p>`;
    }
    return html`
      <h2><bdi>${d.name}</bdi></h2>
      ${
        // Words as well as the dot: a colour alone says nothing to a screen reader.
        this.visitorStatus
          ? html`<p class="presence-line">${renderPresence(this.visitorStatus)}</p>`
          : nothing
      }
      ${renderFacts(d)}
      <h3>Pages visited</h3>
      ${renderPages(d.pages)}
      <h3>Earlier chats</h3>
      ${renderChats(d.chats, this.handleOpenChat)}
      <h3><label for="notes">Notes</label></h3>
      <textarea
        id="notes"
        rows="4"
        maxlength="10000"
        aria-describedby="notes-status"
        .value=${s.notes}
        @input=${this.handleNotesInput}
        @keydown=${this.handleNotesKeydown}
        @blur=${this.handleNotesBlur}
      ></textarea>
      <p id="notes-status" class="status" role="status">${NOTES_STATUS[s.notesStatus]}</p>
    `;
  }

  override render() {
    const s = this.state;
    if (!s || s.status === 'idle') return nothing;
    return html`<div class=${this.isExpanded ? 'expanded' : 'collapsed'}>
      <div class="bar">
        <button
          type="button"
          class="toggle"
          aria-expanded=${String(this.isExpanded)}
          aria-controls="details"
          @click=${this.handleToggle}
        >
          Visitor details<span class="chevron" aria-hidden="true"></span>
        </button>
      </div>
      <aside id="details" aria-label="Visitor details" tabindex="-1">${this.renderBody(s)}</aside>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-visitor-panel': LcAgentVisitorPanel;
  }
}
