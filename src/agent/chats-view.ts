import {LitElement, css, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import type {CannedReply} from './canned-model.js';
import type {RoomUploads} from './console-uploads.js';
import {deepActiveElement} from './focus.js';
import {MediaQueryController} from './media-query-controller.js';
import {type PanelView, restoreView, saveView} from './panel-view.js';
import {shared} from './shared.styles.js';
import type {ConsoleSnapshot} from './types.js';
import type {VisitorPanelSnapshot} from './visitor-panel-model.js';

/** Where the visitor's details fold into a bar above the conversation (visitor-panel.ts too). */
const STACKED_QUERY = '(max-width: 1100px)';

/**
 * The "Chats" section: the list of open chats beside the open conversation and the visitor's
 * details. Below 1100px the details fold above the conversation; on narrow screens it shows
 * the list or the chat.
 */
export class LcAgentChats extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        height: 100%;
        min-height: 0;
      }
      /* The list and the details take a share of the width, so the conversation keeps most. */
      .layout {
        display: grid;
        grid-template-columns: minmax(14rem, 25%) minmax(0, 1fr) minmax(15rem, 25%);
        grid-template-areas: 'list chat panel';
        height: 100%;
      }
      lc-agent-visitor-panel {
        grid-area: panel;
        border-inline-start: 1px solid var(--_ag-border);
        min-height: 0;
      }
      /*
       * Folded, the details are a bar above the conversation; unfolded, they take at most 40 %
       * of the height and scroll there, so the log and the reply box stay in view.
       */
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(12rem, 30%) minmax(0, 1fr);
          grid-template-rows: fit-content(40%) minmax(0, 1fr);
          grid-template-areas: 'list panel' 'list chat';
        }
        lc-agent-visitor-panel {
          border-inline-start: 0;
          border-block-end: 1px solid var(--_ag-border);
        }
      }
      lc-agent-room-list {
        grid-area: list;
        overflow-y: auto;
        background: var(--_ag-surface);
        border-inline-end: 1px solid var(--_ag-border);
      }
      lc-agent-conversation {
        grid-area: chat;
        min-width: 0;
        min-height: 0;
      }
      @media (max-width: 700px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
          grid-template-areas: 'panel' 'chat';
        }
        .has-selection lc-agent-room-list,
        .layout:not(.has-selection) lc-agent-conversation,
        .layout:not(.has-selection) lc-agent-visitor-panel {
          display: none;
        }
        .layout:not(.has-selection) {
          grid-template-areas: 'list';
          grid-template-rows: 1fr;
        }
      }
    `,
  ];

  /**
   * The details are above the conversation: they come before it in the page too, so Tab
   * meets them where the eye does (a grid area alone moves only what is seen).
   */
  private readonly stacked = new MediaQueryController(this, {query: STACKED_QUERY});

  /** The console's state. */
  @property({attribute: false}) snapshot: ConsoleSnapshot | null = null;
  /** The visitor panel of the open chat. */
  @property({attribute: false}) panel: VisitorPanelSnapshot | null = null;
  /** The agent's saved replies. */
  @property({attribute: false}) replies: readonly CannedReply[] = [];
  /** The files on their way to each chat, by room id. */
  @property({attribute: false}) uploads: ReadonlyMap<string, RoomUploads> = new Map();

  /** Where the details were last rendered: above the conversation, or beside it. */
  private wasStacked = this.stacked.matches;
  /** The view of the details being moved, for their new element. */
  private movingView: PanelView | null = null;

  override willUpdate(): void {
    // Moving across 1100px renders a new panel: keep the old one's view (unfolded, focus).
    if (this.stacked.matches === this.wasStacked) return;
    const old = this.renderRoot.querySelector('lc-agent-visitor-panel');
    this.movingView = old ? saveView(old) : null;
  }

  override updated(changed: Map<string, unknown>): void {
    this.wasStacked = this.stacked.matches;
    const moved = this.renderRoot.querySelector('lc-agent-visitor-panel');
    if (this.movingView && moved) void restoreView(moved, this.movingView);
    this.movingView = null;
    const before = changed.get('snapshot') as ConsoleSnapshot | null | undefined;
    // The open chat went ("Back to chats", transferred, taken elsewhere): its buttons took the
    // keyboard focus with them, so it goes on to the chat in the list (while it is there) rather
    // than to the page. (After this task: a transfer's dialog closes in the same round of updates.)
    const left = before?.selected?.rid;
    if (left && !this.snapshot?.selected) {
      setTimeout(() => {
        const active = deepActiveElement();
        if (active && active !== document.body) return;
        this.renderRoot.querySelector('lc-agent-room-list')?.focusRoom(left);
      });
    }
  }

  override render() {
    const snapshot = this.snapshot;
    const panel = snapshot?.selected
      ? html`<lc-agent-visitor-panel
          .state=${this.panel}
          .visitorStatus=${snapshot.selected.visitorStatus}
        ></lc-agent-visitor-panel>`
      : nothing;
    return html`<div class="layout ${snapshot?.selected ? 'has-selection' : ''}">
      <lc-agent-room-list
        .rooms=${snapshot?.rooms ?? []}
        .selected=${snapshot?.selected?.rid ?? ''}
      ></lc-agent-room-list>
      ${this.stacked.matches ? panel : nothing}
      <lc-agent-conversation
        .room=${snapshot?.selected ?? null}
        .messages=${snapshot?.messages ?? []}
        .feedback=${snapshot?.feedback ?? null}
        .replies=${this.replies}
        .upload=${this.uploads.get(snapshot?.selected?.rid ?? '') ?? null}
      ></lc-agent-conversation>
      ${this.stacked.matches ? nothing : panel}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-chats': LcAgentChats;
  }
}
