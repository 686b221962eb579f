import type {Clock} from '../clock.js';
import {Timer} from '../timer.js';

/** Ping after this much silence from the server (which itself pings every 25 s). */
export const PING_AFTER_MS = 25_000;
/**
 * After the ping, this much more silence means the socket is dead (half-open): 35 s of silence
 * in all, within two of the server's heartbeat intervals (docs/reliability.md T6).
 */
export const DEAD_AFTER_MS = 10_000;

/**
 * Silence detection for one socket: `arm()` on every frame; after `pingAfterMs` of silence it
 * calls `onPing`, and after `deadAfterMs` more, `onDead` (a half-open link never closes itself).
 */
export class Heartbeat {
  readonly #silence: Timer;
  readonly #dead: Timer;

  readonly #pingAfterMs: number;
  readonly #deadAfterMs: number;
  readonly #onPing: () => void;

  constructor(
    clock: Clock,
    pingAfterMs: number,
    deadAfterMs: number,
    onPing: () => void,
    onDead: () => void,
  ) {
    this.#pingAfterMs = pingAfterMs;
    this.#deadAfterMs = deadAfterMs;
    this.#onPing = onPing;
    this.#silence = new Timer(clock, () => this.#ping());
    this.#dead = new Timer(clock, onDead);
  }

  /** Restarts the silence countdown. */
  arm(): void {
    this.stop();
    this.#silence.start(this.#pingAfterMs);
  }

  /** Pings at once (unless a ping already waits for its answer); silence after it is death. */
  probe(): void {
    if (this.#dead.isRunning) return;
    this.stop();
    this.#ping();
  }

  /** Cancels both timers. */
  stop(): void {
    this.#silence.stop();
    this.#dead.stop();
  }

  #ping(): void {
    // Armed before the ping goes out: an answer that comes back synchronously must cancel it.
    this.#dead.start(this.#deadAfterMs);
    this.#onPing();
  }
}
