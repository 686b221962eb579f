import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Message} from '../../core/index.js';
import {emit} from '../../events/emit.js';
import {type LogAnchor, readingAnchor, restoreAnchor} from './log-anchor.js';
import {soonTask} from './soon-task.js';

/**
 * How many of the newest messages the log renders while the reader is at the bottom: as many
 * as the session cache keeps (MAX_CACHED_MESSAGES), so a restored scroll position finds the
 * messages it was saved with.
 */
export const LOG_WINDOW = 200;
/** Messages added above at each step back, and below at each step forward. */
export const LOG_STEP = 50;
/**
 * The most messages the log renders while the reader reads back: each step back beyond it drops
 * as many at the newest end, far below the view, and a step forward adds them back. A log read
 * back through 2,000 messages spent 13–30 ms of each scrolled frame walking its boxes before
 * paint; this bound keeps that work to a fraction whatever the history's length.
 */
export const LOG_BOUND = 500;
/**
 * When a long conversation appears at once (a restored session), the log paints its newest
 * `FIRST_PAINT` first (a floating window's log several times over; a taller log gets the rest
 * before that paint), and the rest of the window right after it: laying out 200 messages
 * before the first one shows kept the visitor waiting about 30 ms longer.
 */
export const FIRST_PAINT = 30;
/** Within this distance of the top, the reader is reading back, whichever way they scroll. */
const TOP_PX = 64;
/** Within this distance of the bottom, the reader is back at the newest messages. */
const BOTTOM_PX = 32;
/**
 * Within this many views of the end of the rendered messages, the ones dropped below come back:
 * before the reader gets there, however fast the wheel or PageDown.
 */
const AHEAD_VIEWS = 3;

/**
 * Keeps the log's DOM bounded however long the conversation (docs/reliability.md, C5): it renders
 * the newest `LOG_WINDOW` messages; a reader who scrolls to the top gets `LOG_STEP` more at a
 * time, then the server's older pages (`lc-load-older`); past `LOG_BOUND` the newest ones go, and
 * come back a step at a time as the reader scrolls down. The message being read keeps its place
 * through every step. Back at the bottom, the log shrinks to the window again.
 */
export class MessageWindow implements ReactiveController {
  private oldestId: string | null = null;
  /** The newest message rendered, while those after it are dropped; null: the newest of all. */
  private newestId: string | null = null;
  private rid = '';
  private isLoading = false;
  private hasOlder = true;
  /** The message being read, to keep in place across the next update. */
  private anchor: LogAnchor | null = null;
  private element: HTMLElement | null = null;
  private isPartial = false;
  /**
   * A scroll event comes within a frame: a step back drawn there would make one task of the
   * new messages' render and layout and the frame's own paint (a log read far back holds
   * thousands of messages, and that task ran past 50 ms). It runs in a task of its own, before
   * the next frame, and measures the view to keep then.
   */
  private readonly backSoon = soonTask(() => {
    if (this.isNearTop()) this.stepBack();
  });
  /** As `backSoon`, for the messages dropped below. */
  private readonly forwardSoon = soonTask(() => this.stepForward());
  private focused: Element | null = null;
  /** Where the log stood at the last scroll event (a log scrolled unseen reported none). */
  private lastTop = Infinity;
  /** How many messages the list held when a restore last asked the server for older ones. */
  private soughtAt = -1;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => HTMLElement | null,
    private readonly messages: () => readonly Message[],
    /** Whether the log shows its bottom now (a restored position needs the whole window). */
    private readonly isPinned: () => boolean,
    /** Takes the log to its newest message after the next update. */
    private readonly pin: () => void,
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

  /** Whether the newest message is rendered (else the reader is far back, and not at the end). */
  get showsNewest(): boolean {
    return this.newestId === null;
  }

  /** Where in `all` the messages to render begin and end (`start` in, `end` out). */
  range(all: readonly Message[]): {start: number; end: number} {
    const rid = all.at(-1)?.rid ?? '';
    if (rid !== this.rid) {
      // Another chat: its own window and its own history.
      this.rid = rid;
      this.oldestId = null;
      this.newestId = null;
      this.hasOlder = true;
      this.isPartial = all.length > LOG_STEP && this.isPinned();
      // After the paint: a timer set in an animation frame runs once that frame is painted.
      if (this.isPartial) requestAnimationFrame(() => setTimeout(() => this.complete()));
    }
    // Taken to the newest (New messages, the visitor's own message, End): the newest window.
    if (this.newestId !== null && this.isPinned()) this.oldestId = this.newestId = null;
    if (this.isPartial) return {start: Math.max(0, all.length - FIRST_PAINT), end: all.length};
    const start = this.oldestId === null ? -1 : all.findIndex((m) => m.id === this.oldestId);
    if (start < 0) {
      this.oldestId = this.newestId = null;
      return {start: Math.max(0, all.length - LOG_WINDOW), end: all.length};
    }
    if (this.newestId === null) return {start, end: all.length};
    const newest = all.findIndex((m, i) => i >= start && m.id === this.newestId);
    return {start, end: newest < 0 ? Math.min(all.length, start + LOG_BOUND) : newest + 1};
  }

  hostUpdate(): void {
    // Focus in a message that this update drops goes to the log (see hostUpdated).
    const active = this.host.shadowRoot?.activeElement ?? null;
    this.focused = active !== this.element && this.element?.contains(active) ? active : null;
  }

  hostUpdated(): void {
    const element = this.target();
    if (element !== this.element) {
      this.element?.removeEventListener('scroll', this.handleScroll);
      this.element?.removeEventListener('keydown', this.handleKeydown);
      element?.addEventListener('scroll', this.handleScroll, {passive: true});
      element?.addEventListener('keydown', this.handleKeydown);
      this.element = element;
      this.lastTop = Infinity;
    }
    if (element && this.anchor) restoreAnchor(element, this.anchor);
    this.anchor = null;
    // Without this, focus in a dropped message would fall to the page's body; the log keeps
    // the keys that scroll it.
    if (element && this.focused && !this.focused.isConnected) element.focus({preventScroll: true});
    this.focused = null;
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
    this.backSoon.cancel();
    this.forwardSoon.cancel();
    this.element?.removeEventListener('scroll', this.handleScroll);
    this.element?.removeEventListener('keydown', this.handleKeydown);
    this.element = null;
  }

  private readonly handleScroll = (): void => {
    const el = this.element;
    if (!el || el.clientHeight === 0) return;
    const top = el.scrollTop;
    const below = el.scrollHeight - top - el.clientHeight;
    // Within a view of the top while scrolling up, the step back starts: the older messages
    // are usually in before the reader gets there.
    const isUp = top < this.lastTop;
    this.lastTop = top;
    if (top <= TOP_PX || (isUp && top <= el.clientHeight)) this.backSoon.ask();
    else if (this.newestId !== null) {
      if (below <= AHEAD_VIEWS * el.clientHeight) this.forwardSoon.ask();
    } else if (below <= BOTTOM_PX && this.oldestId) {
      this.oldestId = null;
      this.host.requestUpdate();
    }
  };

  /** End goes to the newest message, not to the end of the part the log holds. */
  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'End' || event.shiftKey || event.altKey || this.newestId === null) return;
    event.preventDefault();
    this.pin();
    this.host.requestUpdate();
  };

  /** Whether the reader is within a view of the top (or `TOP_PX`, in a log lower than that). */
  private isNearTop(): boolean {
    const el = this.element;
    return el !== null && el.scrollTop <= Math.max(TOP_PX, el.clientHeight);
  }

  /** Until the next update: the log is live, and older messages going in are not news. */
  private markBusy(): void {
    this.element?.setAttribute('aria-busy', 'true');
  }

  /** Keeps the message being read in place across the next update, which is not news. */
  private holdView(): void {
    const el = this.element;
    if (!el) return;
    this.markBusy();
    this.anchor = readingAnchor(el);
  }

  private stepBack(): void {
    const all = this.messages();
    const {start, end} = this.range(all);
    if (start > 0) {
      this.holdView();
      // The rest of a first paint's window comes first, then a step at a time.
      if (this.isPartial) this.isPartial = false;
      else {
        const from = Math.max(0, start - LOG_STEP);
        this.oldestId = all[from].id;
        if (end - from > LOG_BOUND) this.newestId = all[from + LOG_BOUND - 1].id;
      }
      this.host.requestUpdate();
      return;
    }
    if (!this.hasOlder || this.isLoading) return;
    this.loadOlder(all[start]?.id ?? null, () => {
      if (this.isNearTop()) this.stepBack();
    });
  }

  /** Asks the server for an older page; `then` runs once it is in (or failed). */
  private loadOlder(oldestId: string | null, then?: () => void): void {
    this.markBusy();
    // Older messages arrive above what is shown: they wait for the next step, kept in place.
    this.oldestId = oldestId;
    this.isLoading = true;
    this.host.requestUpdate();
    const rid = this.rid;
    emit(this.host, 'lc-load-older', {
      settle: (hasMore: boolean) => {
        if (rid !== this.rid) return;
        this.isLoading = false;
        this.hasOlder = hasMore;
        this.host.requestUpdate();
        then?.();
      },
    });
  }

  /**
   * Brings the message `id` (a restored reading position) into the window: from the messages
   * the list holds, else the server's older pages while it holds fewer than `LOG_BOUND`. True:
   * it is in (after the update this asks for); null: older ones are on their way; false: not in
   * this chat (deleted, or the chat changed), and the window is back at the newest messages.
   */
  seek(id: string): boolean | null {
    const all = this.messages();
    const {start, end} = this.range(all);
    const i = all.findIndex((m) => m.id === id);
    if (i >= start && i < end) return true;
    if (i >= 0) {
      // A step's worth of messages above it, as a reader reading back there had.
      const from = Math.max(0, Math.min(i - LOG_STEP, all.length - LOG_WINDOW));
      this.oldestId = all[from].id;
      this.newestId = all.length - from > LOG_BOUND ? all[from + LOG_BOUND - 1].id : null;
      this.host.requestUpdate();
      return true;
    }
    if (this.isLoading) return null;
    // A page that brought nothing (offline) ends the search too.
    if (this.hasOlder && all.length < LOG_BOUND && all.length !== this.soughtAt) {
      this.soughtAt = all.length;
      this.loadOlder(all[start]?.id ?? null);
      return null;
    }
    this.oldestId = this.newestId = null;
    return false;
  }

  private stepForward(): void {
    const el = this.element;
    if (this.newestId === null || !el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight > AHEAD_VIEWS * el.clientHeight) return;
    const all = this.messages();
    const {start, end} = this.range(all);
    this.holdView();
    const to = Math.min(all.length, end + LOG_STEP);
    this.newestId = to === all.length ? null : all[to - 1].id;
    if (to - start > LOG_BOUND) this.oldestId = all[to - LOG_BOUND].id;
    this.host.requestUpdate();
  }
}
