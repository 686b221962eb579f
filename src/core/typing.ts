import type {Clock} from './clock.js';
import {Timer} from './timer.js';
import type {ChatState} from './state.js';
import type {DdpConnection} from './transport/ddp.js';

/** Rocket.Chat's widget repeats "typing" at most this often while the visitor types. */
export const TYPING_THROTTLE_MS = 4_500;
/** After this much silence the widget says the visitor stopped typing. */
export const TYPING_IDLE_MS = 5_000;
/** A changed draft (sneak peek) goes out at most this often (LiveChat's SDK: 2 s). */
export const SNEAK_PEEK_THROTTLE_MS = 2_000;

/** Where typing goes: the open room, the visitor's username and token; null without a chat. */
export interface TypingTarget {
  rid: string;
  username: string;
  token: string;
}

/**
 * The visitor's typing and draft, written to `stream-notify-room <rid>/user-activity` as
 * Rocket.Chat's widget does (`['user-typing']`, then `[]`), throttled. The draft rides along
 * as `sneakPeek` in the extraData, asked for only where the config offers sneak peeks (see
 * chat-engine.ts). Nothing is queued while the link is down: stale typing is worthless.
 */
export class TypingNotifier {
  #isTyping = false;
  #lastTypingAt = -Infinity;
  #lastPeekAt = -Infinity;
  #draft = '';
  #sentDraft = '';
  readonly #idle: Timer;
  readonly #peek: Timer;

  readonly #ddp: DdpConnection;
  readonly #clock: Clock;
  readonly #target: () => TypingTarget | null;

  constructor(ddp: DdpConnection, clock: Clock, target: () => TypingTarget | null) {
    this.#ddp = ddp;
    this.#clock = clock;
    this.#target = target;
    this.#idle = new Timer(clock, () => this.#stop());
    this.#peek = new Timer(clock, () => {
      if (this.#draft.trim() && this.#draft !== this.#sentDraft) this.#write(true);
    });
  }

  /** The visitor types (true, on every keystroke) or stopped (false). */
  setTyping(isTyping: boolean): void {
    if (!isTyping) return this.#stop();
    this.#armIdle();
    if (this.#isTyping && this.#clock.now() - this.#lastTypingAt < TYPING_THROTTLE_MS) return;
    this.#write(true);
  }

  /**
   * The visitor's current draft; an empty one means the visitor stopped typing. Only where the
   * server `offersPeek` does the draft go out; elsewhere the keystrokes only say "typing".
   */
  setSneakPeek(draft: unknown, offersPeek: boolean): void {
    const text = typeof draft === 'string' ? draft : '';
    if (!offersPeek) return this.setTyping(text.trim() !== '');
    this.#draft = text;
    if (!text.trim()) return this.#stop();
    this.#armIdle();
    if (this.#peek.isRunning) return;
    const wait = this.#lastPeekAt + SNEAK_PEEK_THROTTLE_MS - this.#clock.now();
    if (wait <= 0) this.#write(true);
    else this.#peek.start(wait);
  }

  /** The visitor sent a message: typing stops and the draft is gone. */
  sent(): void {
    this.#draft = '';
    this.#stop();
  }

  /** Clears every timer. */
  dispose(): void {
    this.#clearTimers();
    this.#isTyping = false;
  }

  #stop(): void {
    this.#clearTimers();
    if (this.#isTyping) this.#write(false);
  }

  #armIdle(): void {
    this.#idle.start(TYPING_IDLE_MS);
  }

  #clearTimers(): void {
    this.#idle.stop();
    this.#peek.stop();
  }

  #write(isTyping: boolean): void {
    const target = this.#target();
    this.#isTyping = false;
    if (!target || !this.#ddp.isConnected) return;
    const now = this.#clock.now();
    const draft = this.#draft.trim() ? this.#draft : '';
    const extra: Record<string, string> = {token: target.token};
    if (isTyping && draft) {
      extra.sneakPeek = draft;
      this.#sentDraft = draft;
      this.#lastPeekAt = now;
    }
    const event = `${target.rid}/user-activity`;
    const activities = isTyping ? ['user-typing'] : [];
    const params = [event, target.username, activities, extra];
    this.#ddp.call('stream-notify-room', params).catch(() => undefined);
    this.#isTyping = isTyping;
    if (isTyping) this.#lastTypingAt = now;
  }
}

/** Where typing goes now: the open room, while a chat is going on and the visitor is known. */
export function typingTarget(state: ChatState): TypingTarget | null {
  const {room, visitor} = state.snapshot;
  if (!room || !state.token || !visitor?.username || !state.isChatting()) return null;
  return {rid: room._id, username: visitor.username, token: state.token};
}
