import {LitElement, css, html} from 'lit';
import {query, state} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {shared} from './shared.styles.js';

/** Rocket.Chat sets no limits; the server keeps at most 20 tags of 40 characters. */
const TAGS_MAX = 20;
const TAG_LENGTH_MAX = 40;

/**
 * Free-text tags for a closing chat: a comma or Enter turns what was typed into a tag, each tag
 * has a remove button, Backspace in the empty field removes the last one. `value` also counts
 * text typed but not yet turned into a tag.
 */
export class LcAgentTagInput extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        list-style: none;
        margin: 0 0 0.35rem;
        padding: 0;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        background: var(--_ag-accent-soft);
        border-radius: var(--_ag-radius);
        padding-inline-start: 0.5rem;
      }
      li button {
        min-height: 1.75rem;
        padding: 0 0.45rem;
        border: none;
        background: transparent;
      }
      .hint {
        color: var(--_ag-muted);
        font-size: 0.85rem;
        margin: 0.25rem 0 0;
      }
    `,
  ];

  @query('input') private input?: HTMLInputElement;
  @state() private tags: readonly string[] = [];

  private add(text: string): void {
    const next = [...this.tags];
    for (const part of text.split(',')) {
      const tag = part.trim().slice(0, TAG_LENGTH_MAX);
      if (tag && !next.includes(tag) && next.length < TAGS_MAX) next.push(tag);
    }
    this.tags = next;
  }

  private handleKeydown(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.add(input.value);
      input.value = '';
    } else if (event.key === 'Backspace' && input.value === '' && this.tags.length > 0) {
      this.tags = this.tags.slice(0, -1);
    }
  }

  private handleInput(event: InputEvent): void {
    // A pasted "a, b, c" becomes tags at once; the text after the last comma stays typed.
    const input = event.target as HTMLInputElement;
    const cut = input.value.lastIndexOf(',');
    if (cut < 0) return;
    this.add(input.value.slice(0, cut));
    input.value = input.value.slice(cut + 1).trimStart();
  }

  private removeTag(tag: string): void {
    this.tags = this.tags.filter((t) => t !== tag);
    this.input?.focus();
  }

  /** The tags, with any text still in the field as the last one. */
  get value(): string[] {
    const pending = this.input?.value.trim() ?? '';
    return pending && !this.tags.includes(pending) ? [...this.tags, pending] : [...this.tags];
  }

  override render() {
    return html`
      <label for="entry">Tags (optional)</label>
      <ul aria-label="Tags" ?hidden=${this.tags.length === 0}>
        ${repeat(
          this.tags,
          (t) => t,
          (tag) =>
            html`<li>
              <span>${tag}</span>
              <button
                type="button"
                aria-label="Remove tag ${tag}"
                @click=${() => this.removeTag(tag)}
              >
                ×
              </button>
            </li>`,
        )}
      </ul>
      <input
        id="entry"
        type="text"
        maxlength=${TAG_LENGTH_MAX}
        autocomplete="off"
        aria-describedby="hint"
        @keydown=${this.handleKeydown}
        @input=${this.handleInput}
      />
      <p id="hint" class="hint">Separate tags with a comma or Enter.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-tag-input': LcAgentTagInput;
  }
}
