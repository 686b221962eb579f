import {LitElement, css, html} from 'lit';
import {property} from 'lit/decorators.js';
import {shared} from './shared.styles.js';
import type {ConsoleSnapshot} from './types.js';

/**
 * The "Chats" section: the list of open chats beside the open conversation. On narrow screens
 * it shows one of the two at a time.
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
        grid-template-columns: minmax(14rem, 20rem) 1fr;
        height: 100%;
      }
      lc-agent-room-list {
        overflow-y: auto;
        background: var(--_ag-surface);
        border-inline-end: 1px solid var(--_ag-border);
      }
      lc-agent-conversation {
        min-width: 0;
      }
      @media (max-width: 700px) {
        .layout {
          grid-template-columns: 1fr;
        }
        .has-selection lc-agent-room-list,
        .layout:not(.has-selection) lc-agent-conversation {
          display: none;
        }
      }
    `,
  ];

  /** The console's state. */
  @property({attribute: false}) snapshot: ConsoleSnapshot | null = null;
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
      ></lc-agent-conversation>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-chats': LcAgentChats;
  }
}
