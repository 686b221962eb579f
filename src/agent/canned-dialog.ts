import {LitElement, css, html, nothing} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import type {CannedReply, CannedSnapshot} from './canned-model.js';
import {dialogStyles} from './dialog.styles.js';
import {emit} from './emit.js';
import {deepActiveElement} from './focus.js';
import './panel-events.js';
import {shared} from './shared.styles.js';

/** A shortcut is one word: letters, digits, `_`, `.` or `-`, as the server accepts. */
const SHORTCUT = /^[\p{L}\p{N}_.-]{1,40}$/u;

/**
 * The "Saved replies" dialog: the agent's own replies, each with Edit and Delete, and a form
 * to add or change one. Typing `/shortcut` in the reply box inserts them.
 * @fires lc-agent-canned-save - Add (no id) or change a reply. Detail: { id?, shortcut, text }.
 * @fires lc-agent-canned-delete - Delete a reply. Detail: { id }.
 */
export class LcAgentCannedDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      dialog {
        width: min(36rem, calc(100vw - 2rem));
      }
      ul {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.5rem;
        max-height: 40vh;
        overflow-y: auto;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto auto;
        gap: 0.5rem;
        align-items: start;
        border-block-end: 1px solid var(--_ag-border);
        padding-block-end: 0.5rem;
      }
      .text {
        margin: 0;
        white-space: pre-wrap;
        color: var(--_ag-muted);
      }
      form {
        display: grid;
        gap: 0.5rem;
      }
      .error {
        margin: 0;
      }
      .ask {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin: 0;
      }
    `,
  ];

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('#canned-shortcut') private shortcutInput?: HTMLInputElement;
  @query('#canned-text') private textInput?: HTMLTextAreaElement;
  @state() private editing: CannedReply | null = null;
  @state() private formError = '';
  /** The reply whose Delete was pressed once: it asks again before it goes. */
  @state() private deleting: string | null = null;
  private opener: HTMLElement | null = null;

  /** The replies and the last error. */
  @property({attribute: false}) state: CannedSnapshot | null = null;

  private startEdit(reply: CannedReply | null): void {
    this.editing = reply;
    this.formError = '';
    if (this.shortcutInput) this.shortcutInput.value = reply?.shortcut ?? '';
    if (this.textInput) this.textInput.value = reply?.text ?? '';
    this.shortcutInput?.focus();
  }

  private handleClose(): void {
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const shortcut = (this.shortcutInput?.value ?? '').trim().replace(/^\//, '');
    const text = (this.textInput?.value ?? '').trim();
    if (!SHORTCUT.test(shortcut)) {
      this.formError = 'The shortcut is one word of letters, digits, “_”, “.” or “-”.';
      this.shortcutInput?.focus();
      return;
    }
    if (!text) {
      this.formError = 'Write the reply text.';
      this.textInput?.focus();
      return;
    }
    this.formError = '';
    emit(this, 'lc-agent-canned-save', {
      ...(this.editing ? {id: this.editing.id} : {}),
      shortcut,
      text,
    });
  }

  private async handleDelete(reply: CannedReply, isConfirmed: boolean): Promise<void> {
    if (isConfirmed) emit(this, 'lc-agent-canned-delete', {id: reply.id});
    this.deleting = isConfirmed || this.deleting === reply.id ? null : reply.id;
    await this.updateComplete;
    const next = this.deleting ? '.confirm-delete' : `[data-id="${reply.id}"] .delete`;
    (this.renderRoot.querySelector(next) as HTMLElement | null)?.focus();
  }

  private renderReply(reply: CannedReply) {
    const isDeleting = this.deleting === reply.id;
    return html`<li data-id=${reply.id}>
      <div>
        <strong>/${reply.shortcut}</strong>
        <p class="text" dir="auto">${reply.text}</p>
      </div>
      <button
        type="button"
        aria-label="Edit /${reply.shortcut}"
        @click=${() => this.startEdit(reply)}
      >
        Edit
      </button>
      <button
        type="button"
        class="danger delete"
        aria-label="Delete /${reply.shortcut}"
        aria-expanded=${String(isDeleting)}
        @click=${() => this.handleDelete(reply, false)}
      >
        Delete
      </button>
      ${
        isDeleting
          ? html`<p class="ask" role="group" aria-label="Delete /${reply.shortcut}?">
              Delete /${reply.shortcut} for good?
              <button
                type="button"
                class="danger confirm-delete"
                @click=${() => this.handleDelete(reply, true)}
              >
                Yes, delete
              </button>
              <button type="button" @click=${() => this.handleDelete(reply, false)}>Keep it</button>
            </p>`
          : nothing
      }
    </li>`;
  }

  /** Opens the dialog; focus comes back to the element that had it. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog || this.dialog.open) return;
    this.opener = deepActiveElement();
    this.startEdit(null);
    this.dialog.showModal();
  }

  /** The reply was stored: the form empties for the next one. */
  saved(): void {
    this.startEdit(null);
  }

  override render() {
    const replies = this.state?.replies ?? [];
    const error = this.formError || this.state?.error || '';
    return html`<dialog aria-labelledby="canned-title" @close=${this.handleClose}>
      <h2 id="canned-title">Saved replies</h2>
      ${
        replies.length === 0
          ? html`<p>No saved replies yet. Add one below, then type / in the reply box.</p>`
          : html`<ul aria-label="Your saved replies">
              ${repeat(
                replies,
                (r) => r.id,
                (r) => this.renderReply(r),
              )}
            </ul>`
      }
      <form @submit=${this.handleSubmit} aria-labelledby="canned-form-title">
        <h3 id="canned-form-title">
          ${this.editing ? `Edit /${this.editing.shortcut}` : 'Add a reply'}
        </h3>
        <div>
          <label for="canned-shortcut">Shortcut</label>
          <input id="canned-shortcut" maxlength="41" autocomplete="off" spellcheck="false" />
        </div>
        <div>
          <label for="canned-text">Reply text</label>
          <textarea id="canned-text" rows="3" maxlength="5000"></textarea>
        </div>
        <p class="error" role="alert">${error}</p>
        <div class="actions">
          ${
            this.editing
              ? html`<button type="button" @click=${() => this.startEdit(null)}>
                  Cancel editing
                </button>`
              : nothing
          }
          <button type="submit" class="primary">
            ${this.editing ? 'Save changes' : 'Add reply'}
          </button>
        </div>
      </form>
      <form method="dialog" class="actions"><button>Close</button></form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-canned-dialog': LcAgentCannedDialog;
  }
}
