import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Options of `AutoScrollController`. */
export interface AutoScrollOptions {
  /** The scrolling element; may return null before the host's first render. */
  target: () => HTMLElement | null | undefined;
  /** Distance from the bottom, in pixels, that still counts as "at the bottom". */
  thresholdPx?: number;
}

/**
 * Keeps a scrolling element pinned to its bottom while the reader is there: new content and
 * a growing viewport (the window opening) scroll it down; a reader who scrolled up to read
 * older messages is left alone until they come back down or `pin()` is called.
 */
export class AutoScrollController implements ReactiveController {
  private readonly options: Required<AutoScrollOptions>;
  private readonly resizeObserver = new ResizeObserver(() => this.scrollIfPinned());
  private element: HTMLElement | null = null;
  private isPinned = true;

  constructor(host: ReactiveControllerHost, options: AutoScrollOptions) {
    this.options = {thresholdPx: 32, ...options};
    host.addController(this);
  }

  hostConnected(): void {
    this.attach();
  }

  hostUpdated(): void {
    this.attach();
    this.scrollIfPinned();
  }

  hostDisconnected(): void {
    this.resizeObserver.disconnect();
    this.element?.removeEventListener('scroll', this.handleScroll);
    this.element = null;
  }

  /** Scrolls to the bottom after the next update, wherever the reader was. */
  pin(): void {
    this.isPinned = true;
  }

  private attach(): void {
    const element = this.options.target() ?? null;
    if (!element || element === this.element) return;
    this.hostDisconnected();
    this.element = element;
    element.addEventListener('scroll', this.handleScroll, {passive: true});
    this.resizeObserver.observe(element);
  }

  private scrollIfPinned(): void {
    if (this.isPinned && this.element) this.element.scrollTop = this.element.scrollHeight;
  }

  private readonly handleScroll = (): void => {
    const el = this.element;
    if (!el || el.clientHeight === 0) return;
    this.isPinned = el.scrollHeight - el.scrollTop - el.clientHeight <= this.options.thresholdPx;
  };
}
