import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ReadingPosition} from '../core/index.js';
import {emit} from '../events/emit.js';
import {ViewLink} from './view-link.js';

/** A scroll position is reported once scrolling has paused this long. */
const SAVE_DELAY_MS = 250;

/** Options of `AutoScrollController`. */
export interface AutoScrollOptions {
  /** The scrolling element; may return null before the host's first render. */
  target: () => HTMLElement | null | undefined;
  /** Distance from the bottom, in pixels, that still counts as "at the bottom". */
  thresholdPx?: number;
  /** Whether the content a restored position was saved with is all in (else it waits). */
  isComplete?: () => boolean;
  /** Whether the content reaches its end (a part of a longer whole has no bottom to pin to). */
  showsEnd?: () => boolean;
  /** Where the reader is: the message at the top of the view (null: none). */
  locate?: () => ReadingPosition | null;
  /**
   * Puts a kept position back in view: true once done, false when its message is gone (the
   * element then shows its bottom), null while it is on its way (a later update brings it).
   */
  place?: (at: ReadingPosition) => boolean | null;
}

/** Where the element stood at the last scroll it made or that was seen. */
interface Geometry {
  top: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Keeps a scrolling element pinned to its bottom while the reader is there: new content,
 * content that grows later (an image loading) and a growing viewport (the window opening, the
 * upload bar going) scroll it down; a reader who scrolled up to read older messages is left
 * alone until they come back down or `pin()` is called. Where the reader was (the message being
 * read, `null` at the bottom) is kept with the session and restored on the next page: pixels
 * would point elsewhere once the history grew or the width changed.
 */
export class AutoScrollController implements ReactiveController {
  private readonly options: Required<AutoScrollOptions>;
  // The element's own box and each of its children: a child grows without the host updating
  // (an image loads in an attachment's own shadow root).
  private readonly resizeObserver = new ResizeObserver(() => this.scrollIfPinned());
  private readonly childObserver = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) this.resizeObserver.observe(node);
      }
      for (const node of record.removedNodes) {
        if (node instanceof Element) this.resizeObserver.unobserve(node);
      }
    }
  });
  private readonly host: ReactiveControllerHost & HTMLElement;
  private element: HTMLElement | null = null;
  private isPinned = true;
  private seen: Geometry = {top: 0, scrollHeight: 0, clientHeight: 0};
  private restored: ReadingPosition | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: AutoScrollOptions) {
    this.options = {
      thresholdPx: 32,
      isComplete: () => true,
      showsEnd: () => true,
      locate: () => null,
      place: () => false,
      ...options,
    };
    new ViewLink(host, 'reading', (at) => this.restore(at));
    this.host = host;
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
    this.childObserver.disconnect();
    this.element?.removeEventListener('scroll', this.handleScroll);
    this.element = null;
    clearTimeout(this.saveTimer);
  }

  /** Whether the element shows its bottom, with no restored position waiting. */
  get pinned(): boolean {
    return this.isPinned && this.restored === null;
  }

  /** Scrolls to the bottom after the next update, wherever the reader was. */
  pin(): void {
    this.isPinned = true;
    this.restored = null;
  }

  private restore(at: ReadingPosition | null): void {
    this.isPinned = at === null;
    this.restored = at;
    // Content still to come scrolls in the update that brings it. Asked now, the layout of a
    // window that a restored session has just opened is worked out twice: once empty.
    if (this.options.isComplete()) this.scrollIfPinned();
  }

  private attach(): void {
    const element = this.options.target() ?? null;
    if (!element || element === this.element) return;
    this.hostDisconnected();
    this.element = element;
    element.addEventListener('scroll', this.handleScroll, {passive: true});
    this.resizeObserver.observe(element);
    for (const child of element.children) this.resizeObserver.observe(child);
    this.childObserver.observe(element, {childList: true});
  }

  private remember(el: HTMLElement): void {
    this.seen = {top: el.scrollTop, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight};
  }

  private isAtBottom(el: HTMLElement): boolean {
    return el.scrollHeight - el.scrollTop - el.clientHeight <= this.options.thresholdPx;
  }

  private scrollIfPinned(): void {
    const el = this.element;
    // A hidden log has no layout yet: the restored position waits until it is shown.
    if (!el || el.clientHeight === 0) return;
    if (this.restored !== null) {
      if (!this.options.isComplete()) return;
      const placed = this.options.place(this.restored);
      if (placed === null) return;
      this.restored = null;
      // A message no longer there: the newest ones, never some other place.
      this.isPinned = !placed;
    }
    if (this.isPinned) {
      el.scrollTop = el.scrollHeight;
    }
    this.remember(el);
  }

  private readonly handleScroll = (): void => {
    const el = this.element;
    // Until a restored position is placed, the log moves on its own: nothing to keep.
    if (!el || el.clientHeight === 0 || this.restored) return;
    const {seen} = this;
    const isResized =
      el.scrollHeight !== seen.scrollHeight || el.clientHeight !== seen.clientHeight;
    // A change of size scrolls too (scroll anchoring, a clamped position) and may be reported
    // before the resize is: that is the layout moving, not the reader leaving the bottom. A
    // reader scrolling up at that moment still moves the position up.
    if (this.isPinned && isResized && el.scrollTop >= seen.top && !this.isAtBottom(el)) {
      this.scrollIfPinned();
      return;
    }
    const wasPinned = this.isPinned;
    this.isPinned = this.isAtBottom(el) && this.options.showsEnd();
    // The host may show something while the reader is away from the bottom.
    if (wasPinned !== this.isPinned) this.host.requestUpdate();
    this.remember(el);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      const top = this.isPinned ? null : Math.round(el.scrollTop);
      // The pixels too, as they always were (custom UIs read them from `restored`).
      emit(this.host, 'lc-save-view', {
        scrollTop: top,
        reading: top === null ? null : this.options.locate(),
      });
    }, SAVE_DELAY_MS);
  };
}
