import type {Clock, TimerHandle} from './clock.js';

/**
 * One timeout that can be started again and stopped: the shape of most timers the engine keeps
 * (heartbeat, reconnect, outbox retry, typing, read sync, leader watch, offline poll), written
 * once. Not in clock.ts, which the first download carries.
 */
export class Timer {
  #handle: TimerHandle | null = null;

  readonly #clock: Clock;
  readonly #onFire: () => void;

  constructor(clock: Clock, onFire: () => void) {
    this.#clock = clock;
    this.#onFire = onFire;
  }

  /** Whether it waits to fire. */
  get isRunning(): boolean {
    return this.#handle !== null;
  }

  /** Fires `ms` from now (a running wait is dropped). */
  start(ms: number): void {
    this.stop();
    this.#handle = this.#clock.setTimeout(() => {
      this.#handle = null;
      this.#onFire();
    }, ms);
  }

  stop(): void {
    if (this.#handle !== null) this.#clock.clearTimeout(this.#handle);
    this.#handle = null;
  }
}
