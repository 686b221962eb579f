import {LitElement, css, html} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {emit} from './emit.js';
import {shared, visuallyHidden} from './shared.styles.js';

/** What the server takes for a picture (checked there again, by content). */
const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const PICTURE_MAX_BYTES = 1024 * 1024;

/**
 * The agent's picture and name in the top bar, with a "Change picture" button that opens the
 * file chooser. Visitors see the same picture on the agent card.
 * @fires lc-agent-set-avatar - The agent chose a picture of an accepted type and size.
 *   Detail: { file }.
 */
export class LcAgentAvatar extends LitElement {
  static override styles = [
    shared,
    css`
      /* In a row that runs short the name gives way first: from a basis of zero the picker
         grows to its full width, and its grid's name column may shrink to nothing. */
      :host {
        flex: 1 1 0;
        max-width: max-content;
        display: inline-grid;
        grid-template-columns: auto minmax(0, auto) auto;
        align-items: center;
        gap: 0.25rem 0.5rem;
      }
      img {
        width: 2rem;
        height: 2rem;
        border-radius: 50%;
        object-fit: cover;
      }
      .name,
      .short {
        max-width: 18rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        color: var(--_ag-muted);
      }
      .short {
        display: none;
      }
      button {
        white-space: nowrap;
      }
      input {
        display: none;
      }
      /* Under the rest, and as wide: with no width of its own it never widens the picker. */
      .error {
        grid-column: 1 / -1;
        contain: inline-size;
        white-space: normal;
      }
      .error:empty {
        display: none;
      }
      /* On a phone "Change picture" is in the top bar's "More" menu (render-top-bar.ts). */
      @media (max-width: 700px) {
        img {
          width: 1.75rem;
          height: 1.75rem;
        }
        /* "A…" said nothing: the first name shows, the whole one is read out and hovered. */
        .name {
          ${visuallyHidden}
        }
        .short {
          display: block;
          grid-column: 2;
          grid-row: 1;
          max-width: 9rem;
        }
        button {
          display: none;
        }
      }
    `,
  ];

  @query('input') private input!: HTMLInputElement | null;
  @state() private localError = '';

  /** URL of the agent's avatar (`/avatar/<username>`, with a version to skip the cache). */
  @property() src = '';
  /** The agent's display name. */
  @property() name = '';
  /**
   * True while a picture is being uploaded: the button then says it is unavailable but stays
   * focusable (a disabled one drops the keyboard focus onto the page).
   */
  @property({type: Boolean}) busy = false;
  /** Why the last upload failed; empty when there is nothing to say. */
  @property() error = '';

  /** Opens the file chooser, as "Change picture" does (the top bar's menu, on a phone). */
  choose(): void {
    if (!this.busy) this.input?.click();
  }

  private handleFileChange(): void {
    const file = this.input?.files?.[0];
    if (this.input) this.input.value = '';
    if (!file) return;
    if (!PICTURE_TYPES.includes(file.type) || file.size > PICTURE_MAX_BYTES) {
      this.localError = 'Choose a PNG, JPEG or WebP picture of at most 1 MB.';
      return;
    }
    this.localError = '';
    emit(this, 'lc-agent-set-avatar', {file});
  }

  override render() {
    const error = this.localError || this.error;
    return html`
      ${this.src ? html`<img src=${this.src} alt="" />` : ''}
      <span class="name" title=${this.name}>${this.name}</span>
      <span class="short" title=${this.name} aria-hidden="true">${this.name.split(' ')[0]}</span>
      <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.choose}>
        Change picture
      </button>
      <input
        type="file"
        accept=${PICTURE_TYPES.join(',')}
        tabindex="-1"
        aria-hidden="true"
        @change=${this.handleFileChange}
      />
      <span class="error" role="alert">${error}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-avatar': LcAgentAvatar;
  }
}
