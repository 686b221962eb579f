import type {Clock} from '../clock.js';
import {Timer} from '../timer.js';
import {isPageHidden, RECONNECT_HIDDEN_MAX_MS, reconnectDelayMs} from './backoff.js';
import type {DdpConnectionOptions} from './ddp-types.js';

/**
 * When a lost link tries again: counts the failed attempts since the last success and runs at
 * most one timer, whose delay comes from `reconnectDelayMs` with the visible or hidden cap.
 */
export class ReconnectSchedule {
  readonly #options: DdpConnectionOptions;
  readonly #timer: Timer;
  #retry = () => {};
  #failedAttempts = 0;

  constructor(clock: Clock, options: DdpConnectionOptions) {
    this.#options = options;
    this.#timer = new Timer(clock, () => this.#retry());
  }

  /** Attempts that failed since the last success (or since the start). */
  get attempts(): number {
    return this.#failedAttempts;
  }

  /** Whether a retry waits for its timer. */
  get isWaiting(): boolean {
    return this.#timer.isRunning;
  }

  /** Runs `retry` after the next delay (counting one more failed attempt). */
  schedule(retry: () => void): void {
    this.#retry = retry;
    const {backoff = {}, random = Math.random, isHidden = isPageHidden} = this.#options;
    const hiddenMaxMs = this.#options.hiddenMaxMs ?? RECONNECT_HIDDEN_MAX_MS;
    // Read at each failure: a tab that went to the background retries less often from then on.
    const options = isHidden() ? {...backoff, maxMs: hiddenMaxMs} : backoff;
    this.#timer.start(reconnectDelayMs(this.#failedAttempts++, random, options));
  }

  /** Drops a waiting retry (the count stays). */
  cancel(): void {
    this.#timer.stop();
  }

  /** The link is up: starts counting from zero; returns the attempts it took. */
  succeed(): number {
    const attempts = this.#failedAttempts;
    this.#failedAttempts = 0;
    return attempts;
  }
}
