import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {listen, type Listener} from './listeners.js';

/** Options of `FocusWrapController`: where Tab goes on from the last control, and back. */
export interface FocusWrapOptions {
  /** Focuses the host's first control (Tab from its last one). */
  focusFirst: () => void;
  /** Focuses the host's last control (Shift+Tab from its first one). */
  focusLast: () => void;
}

/**
 * While the host covers the whole viewport (the chat window on a phone), Tab past its last
 * control comes back to its first, and Shift+Tab from its first goes to its last: the page
 * behind is out of sight, and focus there would be focus nobody sees. A host that leaves some
 * of the page in view lets Tab go on to it.
 */
export class FocusWrapController implements ReactiveController {
  private direction: 'forward' | 'back' | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FocusWrapOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    listen(true, this.listeners);
  }

  hostDisconnected(): void {
    listen(false, this.listeners);
  }

  private get listeners(): Listener[] {
    return [
      [this.host, 'keydown', this.handleKeydown],
      [this.host, 'focusout', this.handleFocusOut],
    ];
  }

  private get coversViewport(): boolean {
    const box = this.host.getBoundingClientRect();
    const {clientWidth, clientHeight} = document.documentElement;
    return box.left <= 0 && box.top <= 0 && box.right >= clientWidth && box.bottom >= clientHeight;
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    const isTab = event.key === 'Tab' && !event.defaultPrevented;
    this.direction = isTab ? (event.shiftKey ? 'back' : 'forward') : null;
  };

  // Tab's own move, seen as it leaves: a control in the window may have taken Tab for itself.
  private readonly handleFocusOut = (event: FocusEvent): void => {
    const direction = this.direction;
    this.direction = null;
    const next = event.relatedTarget;
    const staysInside = next instanceof Node && this.host.contains(next);
    if (!direction || staysInside || next === this.host || !this.coversViewport) return;
    if (direction === 'forward') this.options.focusFirst();
    else this.options.focusLast();
  };
}

/** The first shown button among `container`'s children, or in their own shadow roots. */
export function firstButtonIn(container: Element | null | undefined): HTMLElement | null {
  for (const child of container?.querySelectorAll<HTMLElement>(':scope > :not([hidden])') ?? []) {
    const inner = child.shadowRoot?.querySelector<HTMLElement>('button:not([hidden])');
    const button = child.matches('button') ? child : inner;
    if (button) return button;
  }
  return null;
}
