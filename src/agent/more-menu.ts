import {LitElement, css, html} from 'lit';
import {query, state} from 'lit/decorators.js';
import {shared} from './shared.styles.js';

/**
 * The top bar's less-used tools (its children). On a wide screen they stand in the bar as they
 * are; on a phone they fold behind a "More" button (a disclosure: Escape, a click outside or
 * focus leaving closes it, and Escape gives the focus back to "More").
 */
export class LcAgentMoreMenu extends LitElement {
  static override styles = [
    shared,
    css`
      :host,
      .panel {
        display: contents;
      }
      .more {
        display: none;
      }
      /* The console's phone width (agent-app.styles.ts). */
      @media (max-width: 700px) {
        :host {
          display: block;
          position: relative;
        }
        .more {
          display: inline-flex;
          align-items: center;
          gap: 0.3rem;
          min-height: 2rem;
          padding: 0.25rem 0.6rem;
          font-size: 0.875rem;
        }
        .more svg {
          width: 1rem;
          height: 1rem;
          fill: currentColor;
        }
        .panel {
          position: absolute;
          inset-block-start: calc(100% + 0.25rem);
          inset-inline-end: 0;
          z-index: 10;
          display: flex;
          flex-direction: column;
          gap: 0.25rem;
          min-width: 13rem;
          padding: 0.4rem;
          background: var(--_ag-surface);
          border: 1px solid var(--_ag-border);
          border-radius: var(--_ag-radius);
          box-shadow: 0 4px 12px var(--_ag-shadow);
        }
        .panel:not(.open) {
          display: none;
        }
      }
    `,
  ];

  @query('.more') private button!: HTMLButtonElement;
  @state() private isOpen = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.handleDocumentClick);
    this.addEventListener('keydown', this.handleKeydown);
    this.addEventListener('focusout', this.handleFocusOut);
    this.addEventListener('click', this.handleChoose, {capture: true});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.handleDocumentClick);
  }

  /** Folds the tools away; with `refocus` the focus goes back to "More". */
  close(refocus = false): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    if (refocus) this.button.focus();
  }

  /** The tools the panel shows (hidden ones, like a notice, left out). */
  private items(): HTMLElement[] {
    return [...this.children].filter(
      (e): e is HTMLElement => e instanceof HTMLButtonElement && e.offsetParent !== null,
    );
  }

  private toggle(): void {
    this.isOpen = !this.isOpen;
    if (this.isOpen) void this.updateComplete.then(() => this.items()[0]?.focus());
  }

  private handleDocumentClick = (event: MouseEvent): void => {
    if (this.isOpen && !event.composedPath().includes(this)) this.close();
  };

  private handleFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || this.contains(next) || this.renderRoot.contains(next)) return;
    this.close();
  };

  /** Escape closes; ↑/↓, Home and End move between the tools. */
  private handleKeydown = (event: KeyboardEvent): void => {
    if (!this.isOpen) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
      return;
    }
    const items = this.items();
    const at = items.indexOf(event.target as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: items.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined || (at < 0 && event.key.startsWith('Arrow'))) return;
    event.preventDefault();
    items[(next + items.length) % items.length]?.focus();
  };

  /**
   * A tool chosen in the panel folds it, before the tool acts (a capturing listener): a dialog
   * it opens then gives the focus back to "More" when it closes, not to a hidden button.
   */
  private handleChoose = (event: Event): void => {
    // From outside, a click on "More" itself is the host's own.
    if (!this.isOpen || event.target === this) return;
    if ((event.target as Element).closest('button')) this.close(true);
  };

  override render() {
    return html`<button
        type="button"
        class="more"
        aria-expanded=${String(this.isOpen)}
        aria-controls="panel"
        @click=${this.toggle}
      >
        More<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 10l5 5 5-5z" /></svg>
      </button>
      <div id="panel" class="panel ${this.isOpen ? 'open' : ''}">
        <slot></slot>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-more-menu': LcAgentMoreMenu;
  }
}
