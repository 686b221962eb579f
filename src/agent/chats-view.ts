import {LitElement, css, html} from 'lit';
import {property} from 'lit/decorators.js';
import type {CannedReply} from './canned-model.js';
import {shared} from './shared.styles.js';
import type {ConsoleSnapshot} from './types.js';
import type {VisitorPanelSnapshot} from './visitor-panel-model.js';

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
      .layout {
        display: grid;
        grid-template-columns: minmax(14rem, 20rem) 1fr minmax(15rem, 20rem);
        grid-template-areas: 'list chat panel';
        height: 100%;
      }
      lc-agent-visitor-panel {
        grid-area: panel;
        border-inline-start: 1px solid var(--_ag-border);
        min-height: 0;
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(14rem, 20rem) 1fr;
          grid-template-rows: auto 1fr;
          grid-template-areas: 'list panel' 'list chat';
        }
        lc-agent-visitor-panel {
          border-inline-start: 0;
          border-block-end: 1px solid var(--_ag-border);
          max-height: 50vh;
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
          grid-template-columns: 1fr;
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

  /** The console's state. */
  @property({attribute: false}) snapshot: ConsoleSnapshot | null = null;
  /** The visitor panel of the open chat. */
  @property({attribute: false}) panel: VisitorPanelSnapshot | null = null;
  /** The agent's saved replies. */
  @property({attribute: false}) replies: readonly CannedReply[] = [];

  override render() {
    const snapshot = this.snapshot;
    return html`<div class="layout ${snapshot?.selected ? 'has-selection' : ''}">
      <lc-agent-room-list
        .rooms=${snapshot?.rooms ?? []}
        .selected=${snapshot?.selected?.rid ?? ''}
      ></lc-agent-room-list>
      <lc-agent-conversation
        .room=${snapshot?.selected ?? null}
        .messages=${snapshot?.messages ?? []}
        .feedback=${snapshot?.feedback ?? null}
        .replies=${this.replies}
      ></lc-agent-conversation>
      ${
        snapshot?.selected
          ? html`<lc-agent-visitor-panel .state=${this.panel}> </lc-agent-visitor-panel>`
          : ''
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-chats': LcAgentChats;
  }
}
