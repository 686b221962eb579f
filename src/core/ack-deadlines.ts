import type {Clock} from './clock.js';
import {Timer} from './timer.js';

/** One timer per waiting message: when it fires, the message has waited too long. */
export class AckDeadlines {
  readonly #timers = new Map<string, Timer>();

  readonly #clock: Clock;
  readonly #onExpired: (id: string) => void;

  constructor(clock: Clock, onExpired: (id: string) => void) {
    this.#clock = clock;
    this.#onExpired = onExpired;
  }

  has(id: string): boolean {
    return this.#timers.has(id);
  }

  /** (Re)starts the deadline of `id`, `ms` from now. */
  arm(id: string, ms: number): void {
    let timer = this.#timers.get(id);
    if (!timer) {
      timer = new Timer(this.#clock, () => {
        this.#timers.delete(id);
        this.#onExpired(id);
      });
      this.#timers.set(id, timer);
    }
    timer.start(ms);
  }

  /** Restarts every running deadline, `ms` from now. */
  postponeAll(ms: number): void {
    for (const timer of this.#timers.values()) timer.start(ms);
  }

  clear(id: string): void {
    this.#timers.get(id)?.stop();
    this.#timers.delete(id);
  }

  clearAll(): void {
    for (const timer of this.#timers.values()) timer.stop();
    this.#timers.clear();
  }
}
