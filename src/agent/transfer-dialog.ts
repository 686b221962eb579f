import {LitElement, css, html, nothing} from 'lit';
import {property, query} from 'lit/decorators.js';
import {dialogStyles} from './dialog.styles.js';
import {emit} from './emit.js';
import {deepActiveElement} from './focus.js';
import {shared} from './shared.styles.js';
import type {TransferSnapshot} from './transfer-model.js';

/**
 * The modal transfer dialog: pick an available agent or a department, add an optional comment.
 * A native `<dialog>` opened with `showModal()`, so focus stays inside and the rest of the page
 * is inert; Escape or Cancel closes it and focus returns to where it was (the Transfer button).
 * @fires lc-agent-transfer - The agent confirms. Detail: { rid, userId?, departmentId?, comment }.
 * @fires lc-agent-transfer-cancel - Escape or Cancel. Detail: {}.
 */
export class LcAgentTransferDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
      }
      select {
        width: 100%;
        font: inherit;
        padding: 0.45rem;
        border: 1px solid var(--_ag-field-border);
        border-radius: var(--_ag-radius);
        background: var(--_ag-surface);
        color: inherit;
      }
      .note {
        color: var(--_ag-muted);
      }
      /* Empty live regions stay in place (so their text is announced) but take no room. */
      .note,
      .error {
        margin: 0;
      }
    `,
  ];

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('select') private select?: HTMLSelectElement;
  @query('textarea') private comment?: HTMLTextAreaElement;
  private opener: HTMLElement | null = null;

  /** Whose chat it is, named in the title: the dialog says which chat it moves. */
  @property({attribute: false}) visitorName = '';

  /** The transfer's state: which chat (none while closed), the choices, progress, errors. */
  @property({attribute: false}) state: TransferSnapshot | null = null;

  override updated(changed: Map<string, unknown>): void {
    const dialog = this.dialog;
    if (!dialog) return;
    const isOpen = !!this.state?.rid;
    if (isOpen && !dialog.open) {
      this.opener = deepActiveElement();
      if (this.comment) this.comment.value = '';
      if (this.select) this.select.value = '';
      dialog.showModal();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
    // The list was still loading when the dialog opened: the choice is the first thing to make.
    const before = changed.get('state') as TransferSnapshot | null | undefined;
    if (isOpen && before?.status === 'loading' && this.state?.status === 'ready') {
      this.select?.focus();
    }
  }

  private handleClose(): void {
    // The chat may have left the list (transferred); then there is nothing to go back to.
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  private handleCancel(event: Event): void {
    event.preventDefault();
    emit(this, 'lc-agent-transfer-cancel', {});
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const rid = this.state?.rid;
    const choice = this.select?.value ?? '';
    if (!rid || !choice) return;
    const colon = choice.indexOf(':');
    const [kind, id] = [choice.slice(0, colon), choice.slice(colon + 1)];
    const comment = this.comment?.value.trim() ?? '';
    emit(
      this,
      'lc-agent-transfer',
      kind === 'agent' ? {rid, userId: id, comment} : {rid, departmentId: id, comment},
    );
  }

  private renderChoices() {
    const {agents, departments} = this.state?.targets ?? {agents: [], departments: []};
    return html`
      <option value="">Choose an agent or department</option>
      ${
        agents.length > 0
          ? html`<optgroup label="Available agents">
              ${agents.map((a) => html`<option value="agent:${a.id}">${a.name}</option>`)}
            </optgroup>`
          : nothing
      }
      ${
        departments.length > 0
          ? html`<optgroup label="Departments">
              ${departments.map((d) => html`<option value="department:${d.id}">${d.name}</option>`)}
            </optgroup>`
          : nothing
      }
    `;
  }

  override render() {
    const status = this.state?.status ?? 'closed';
    const isEmpty =
      status === 'ready' &&
      !this.state?.targets.agents.length &&
      !this.state?.targets.departments.length;
    const note =
      status === 'loading'
        ? 'Loading who is available…'
        : isEmpty
          ? 'No other agent is available and there are no departments.'
          : '';
    return html`
      <dialog
        aria-labelledby="transfer-title"
        @cancel=${this.handleCancel}
        @close=${this.handleClose}
      >
        <h2 id="transfer-title">
          Transfer chat${this.visitorName ? html` with <bdi>${this.visitorName}</bdi>` : nothing}
        </h2>
        <form @submit=${this.handleSubmit}>
          <div>
            <label for="transfer-to">Transfer to</label>
            <select id="transfer-to" required ?disabled=${status !== 'ready'}>
              ${this.renderChoices()}
            </select>
          </div>
          <div>
            <label for="transfer-comment">Comment (optional)</label>
            <textarea id="transfer-comment" rows="2" maxlength="1024"></textarea>
          </div>
          <p class="note" role="status">${note}</p>
          <p class="error" role="alert">${this.state?.error ?? ''}</p>
          <div class="actions">
            <button type="button" @click=${this.handleCancel}>Cancel</button>
            <button type="submit" class="primary" ?disabled=${status !== 'ready'}>
              ${status === 'sending' ? 'Transferring…' : 'Transfer'}
            </button>
          </div>
        </form>
      </dialog>
      <p class="visually-hidden" role="status">${this.state?.done ?? ''}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-transfer-dialog': LcAgentTransferDialog;
  }
}
