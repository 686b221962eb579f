import {LitElement, css, html} from 'lit';
import {query} from 'lit/decorators.js';
import {dialogStyles} from './dialog.styles.js';
import {deepActiveElement} from './focus.js';
import {shared} from './shared.styles.js';

/** The console's keyboard shortcuts, as the dialog lists them. */
export const SHORTCUTS: readonly {keys: readonly string[]; action: string}[] = [
  {keys: ['Alt', '↑'], action: 'Previous chat'},
  {keys: ['Alt', '↓'], action: 'Next chat'},
  {keys: ['Alt', 'Shift', '↑'], action: 'Previous chat with unread messages'},
  {keys: ['Alt', 'Shift', '↓'], action: 'Next chat with unread messages'},
  {keys: ['Alt', '1'], action: 'Chats'},
  {keys: ['Alt', '2'], action: 'Queue'},
  {keys: ['Alt', '3'], action: 'Offline messages'},
  {keys: ['Alt', '4'], action: 'History'},
  {keys: ['Alt', '5'], action: 'Settings (admins)'},
  {keys: ['Enter'], action: 'Send the reply'},
  {keys: ['Shift', 'Enter'], action: 'New line in the reply'},
  {keys: ['/'], action: 'Saved replies (at the start of the reply)'},
  {keys: ['Ctrl', 'Enter'], action: 'Save the visitor notes'},
  {keys: ['Escape'], action: 'Back to History from a closed chat'},
  {keys: ['?'], action: 'This list (outside text fields)'},
];

/**
 * The "Keyboard shortcuts" dialog: a modal `<dialog>`; Escape or Close closes it and focus
 * returns to where it was.
 */
export class LcAgentShortcutsDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        margin-block-end: 1rem;
      }
      th,
      td {
        text-align: start;
        padding: 0.3rem 0.5rem;
        border-block-end: 1px solid var(--_ag-border);
      }
      kbd {
        font: inherit;
        font-size: 0.85rem;
        border: 1px solid var(--_ag-border);
        border-radius: 4px;
        padding: 0 0.35rem;
        background: var(--_ag-bg);
      }
    `,
  ];

  @query('dialog') private dialog?: HTMLDialogElement;
  private opener: HTMLElement | null = null;

  private handleClose(): void {
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  /** Opens the dialog; focus comes back to the element that had it. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog || this.dialog.open) return;
    this.opener = deepActiveElement();
    this.dialog.showModal();
  }

  override render() {
    return html`<dialog aria-labelledby="shortcuts-title" @close=${this.handleClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          ${SHORTCUTS.map(
            (s) =>
              html`<tr>
                <td>${s.keys.map((k, i) => html`${i > 0 ? ' + ' : ''}<kbd>${k}</kbd>`)}</td>
                <td>${s.action}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form method="dialog" class="actions"><button class="primary">Close</button></form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-shortcuts-dialog': LcAgentShortcutsDialog;
  }
}
