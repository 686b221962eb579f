import {LitElement, css} from 'lit';
import type {PropertyValues} from 'lit';
import {query, state} from 'lit/decorators.js';

/**
 * Base of the header's pop-ups (the department panel, the "Chat options" menu): a `.toggle`
 * button and a `.popup` below it. Escape closes the pop-up without minimising the window, and
 * focus goes back to the button; focus moving out of the element, or a press anywhere else in
 * the page, closes it too. Subclasses bind `handleKeydown` and `handleFocusOut` on their wrapper.
 */
export class PopupElement extends LitElement {
  @query('.toggle') protected toggleButton!: HTMLButtonElement | null;

  @state() protected isOpen = false;

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('isOpen' as keyof PopupElement)) return;
    if (this.isOpen) document.addEventListener('pointerdown', this.handleOutsidePress, true);
    else document.removeEventListener('pointerdown', this.handleOutsidePress, true);
    if (this.isOpen) this.fit();
  }

  /**
   * Moves the open pop-up back inside the window (the `role="dialog"` it sits in, or the
   * viewport): it hangs from its button's end, and a button near the window's start, as the
   * department button is at 320 px or in a right-to-left header, would leave it cut off.
   */
  private fit(): void {
    const popup = this.renderRoot.querySelector<HTMLElement>('.popup');
    if (!popup) return;
    popup.style.translate = '';
    const bound = this.closest('[role="dialog"]')?.getBoundingClientRect() ?? {
      left: 0,
      right: document.documentElement.clientWidth,
    };
    const {left, right} = popup.getBoundingClientRect();
    const shift = left < bound.left ? bound.left - left : Math.min(0, bound.right - right);
    if (shift !== 0) popup.style.translate = `${shift}px`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.isOpen = false;
    document.removeEventListener('pointerdown', this.handleOutsidePress, true);
  }

  /** Closes the pop-up and puts focus back on its button. */
  protected async close(): Promise<void> {
    this.isOpen = false;
    await this.updateComplete;
    this.toggleButton?.focus();
  }

  protected handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.isOpen) return;
    // Claimed here, so the window does not minimise as well.
    event.preventDefault();
    void this.close();
  }

  // A press on something that takes no focus (text, the page) fires no focusout.
  private readonly handleOutsidePress = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.isOpen = false;
  };

  protected handleFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.isOpen && next && !this.shadowRoot!.contains(next)) this.isOpen = false;
  }
}

/** The pop-up box under its button, at the end side of the header. */
export const popupStyles = css`
  :host {
    position: relative;
    display: inline-block;
  }

  /* The toggle sits on the accent header: its icon and ring take the header's text colour
     (the host's own colour is the body text, which falls below 3:1 on the accent). */
  .toggle {
    color: var(--_lc-on-accent);
  }

  .toggle:focus-visible {
    outline-color: currentColor;
  }

  .popup {
    position: absolute;
    inset-block-start: calc(100% + 0.25em);
    inset-inline-end: 0;
    z-index: 1;
    inline-size: max-content;
    max-inline-size: 16em;
    border: 1px solid var(--_lc-border);
    border-radius: calc(var(--_lc-radius) / 1.5);
    background: var(--_lc-surface);
    color: var(--_lc-text);
    box-shadow: var(--_lc-shadow);
  }
`;
