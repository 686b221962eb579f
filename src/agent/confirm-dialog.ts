import {LitElement, css, html} from 'lit';
import {query, state} from 'lit/decorators.js';
import {dialogStyles} from './dialog.styles.js';
import {deepActiveElement} from './focus.js';
import {shared} from './shared.styles.js';

/** What a confirmation asks: its title, what follows, and the confirm button's words. */
export interface ConfirmRequest {
  title: string;
  text: string;
  /** Names what is done, e.g. "Remove bob": the button says it without its surroundings. */
  action: string;
}

/**
 * A modal "are you sure?" before an action that cannot be undone (removing an agent or a
 * department). Focus starts on Cancel, the safe choice; Escape or Cancel says no. Either way
 * focus goes back to the button that asked, which the action may then take away.
 */
export class LcAgentConfirmDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      p {
        margin: 0 0 1rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  @query('dialog') private dialog?: HTMLDialogElement;
  @state() private request: ConfirmRequest = {title: '', text: '', action: ''};
  private opener: HTMLElement | null = null;
  private settle: ((isConfirmed: boolean) => void) | null = null;

  private handleClose(): void {
    const isConfirmed = this.dialog?.returnValue === 'confirm';
    this.settle?.(isConfirmed);
    this.settle = null;
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  /** Shows the question; true once the agent confirms, false on Cancel or Escape. */
  async ask(request: ConfirmRequest): Promise<boolean> {
    if (this.dialog?.open) return false;
    this.request = request;
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return false;
    this.opener = deepActiveElement();
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus();
    return new Promise((resolve) => (this.settle = resolve));
  }

  override render() {
    const {title, text, action} = this.request;
    return html`<dialog
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      @close=${this.handleClose}
    >
      <h2 id="confirm-title">${title}</h2>
      <p id="confirm-text">${text}</p>
      <form method="dialog" class="actions">
        <button value="cancel">Cancel</button>
        <button value="confirm" class="danger">${action}</button>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-confirm-dialog': LcAgentConfirmDialog;
  }
}
