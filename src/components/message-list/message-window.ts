import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Message} from '../../core/index.js';
import {emit} from '../../events/emit.js';

/**
 * How many of the newest messages the log renders while the reader is at the bottom: as many
 * as the session cache keeps (MAX_CACHED_MESSAGES), so a restored scroll position finds the
 * messages it was saved with.
 */
export const LOG_WINDOW = 200;
/** Messages added above at each step back. */
export const LOG_STEP = 50;
/**
 * When a long conversation appears at once (a restored session), the log paints its newest
 * `FIRST_PAINT` first (a floating window's log several times over; a taller log gets the rest
 * before that paint), and the rest of the window right after it: laying out 200 messages
 * before the first one shows kept the visitor waiting about 30 ms longer.
 */
export const FIRST_PAINT = 30;
/** Within this distance of the top, the reader is reading back. */
const TOP_PX = 64;
/** Within this distance of the bottom, the reader is back at the newest messages. */
const BOTTOM_PX = 32;

/**
 * Keeps the log's DOM bounded however long the conversation (docs/architecture.md): it renders the
 * newest `LOG_WINDOW` messages; a reader who scrolls to the top gets `LOG_STEP` more at a time,
 * then the server's older pages (`lc-load-older`), with the view kept in place; back at the
 * bottom, the log shrinks to the window again.
 */
export class MessageWindow implements ReactiveController {
  private oldestId: string | null = null;
  private rid = '';
  private isLoading = false;
  private hasOlder = true;
  /** Distance from the bottom to keep across the next update, when content grows above. */
  private anchor: number | null = null;
  private element: HTMLElement | null = null;
  private isPartial = false;
  private stepTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => HTMLElement | null,
    private readonly messages: () => readonly Message[],
    /** Whether the log shows its bottom now (a restored position needs the whole window). */
    private readonly isPinned: () => boolean,
  ) {
    host.addController(this);
  }

  /** Whether an older page is on its way from the server. */
  get loading(): boolean {
    return this.isLoading;
  }

  /** Whether only the first paint's messages are in, the rest of the window still to come. */
  get partial(): boolean {
    return this.isPartial;
  }

  /** The messages to render: from the oldest one shown to the newest. */
  slice(all: readonly Message[]): readonly Message[] {
    const rid = all.at(-1)?.rid ?? '';
    if (rid !== this.rid) {
      // Another chat: its own window and its own history.
      this.rid = rid;
      this.oldestId = null;
      this.hasOlder = true;
      this.isPartial = all.length > LOG_STEP && this.isPinned();
      // After the paint: a timer set in an animation frame runs once that frame is painted.
      if (this.isPartial) requestAnimationFrame(() => setTimeout(() => this.complete()));
    }
    if (this.isPartial) return all.slice(-FIRST_PAINT);
    const start = this.oldestId === null ? -1 : all.findIndex((m) => m.id === this.oldestId);
    return start >= 0 ? all.slice(start) : all.slice(-LOG_WINDOW);
  }

  hostUpdated(): void {
    const element = this.target();
    if (element !== this.element) {
      this.element?.removeEventListener('scroll', this.handleScroll);
      element?.addEventListener('scroll', this.handleScroll, {passive: true});
      this.element = element;
    }
    if (element && this.anchor !== null) element.scrollTop = element.scrollHeight - this.anchor;
    this.anchor = null;
    if (!this.isLoading) element?.removeAttribute('aria-busy');
    // A log taller than the first paint's messages gets the rest before it is painted (in a
    // microtask: an update requested during this one would be one too many for Lit).
    if (this.isPartial && element && element.scrollHeight <= element.clientHeight) {
      queueMicrotask(() => this.complete());
    }
  }

  private complete(): void {
    if (!this.isPartial) return;
    this.isPartial = false;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.stepTimer);
    this.stepTimer = undefined;
    this.element?.removeEventListener('scroll', this.handleScroll);
    this.element = null;
  }

  private readonly handleScroll = (): void => {
    const el = this.element;
    if (!el || el.clientHeight === 0) return;
    if (el.scrollTop <= TOP_PX) this.stepBackSoon();
    else if (el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_PX && this.oldestId) {
      this.oldestId = null;
      this.host.requestUpdate();
    }
  };

  /**
   * A scroll event comes within a frame: a step back drawn there would make one task of the
   * new messages' render and layout and the frame's own paint (a log read far back holds
   * thousands of messages, and that task ran past 50 ms). It runs in a task of its own, before
   * the next frame, and measures the view to keep then.
   */
  private stepBackSoon(): void {
    if (this.stepTimer !== undefined) return;
    this.stepTimer = setTimeout(() => {
      this.stepTimer = undefined;
      const el = this.element;
      if (el && el.scrollTop <= TOP_PX) this.stepBack();
    });
  }

  /** Until the next update: the log is live, and older messages going in are not news. */
  private markBusy(): void {
    this.element?.setAttribute('aria-busy', 'true');
  }

  private stepBack(): void {
    const all = this.messages();
    const shown = this.slice(all);
    const first = all.length - shown.length;
    if (first > 0) {
      this.markBusy();
      const el = this.element;
      if (el) this.anchor = el.scrollHeight - el.scrollTop;
      // The rest of a first paint's window comes first, then a step at a time.
      if (this.isPartial) this.isPartial = false;
      else this.oldestId = all[Math.max(0, first - LOG_STEP)].id;
      this.host.requestUpdate();
      return;
    }
    if (!this.hasOlder || this.isLoading) return;
    this.markBusy();
    // Older messages arrive above what is shown: they wait for the next step, kept in place.
    this.oldestId = shown[0]?.id ?? null;
    this.isLoading = true;
    this.host.requestUpdate();
    const rid = this.rid;
    emit(this.host, 'lc-load-older', {
      settle: (hasMore: boolean) => {
        if (rid !== this.rid) return;
        this.isLoading = false;
        this.hasOlder = hasMore;
        this.host.requestUpdate();
        const el = this.element;
        if (el && el.scrollTop <= TOP_PX) this.stepBack();
      },
    });
  }
}
