import type {Clock, TimerHandle} from './clock.js';

/** One timer per waiting message: when it fires, the message has waited too long. */
export class AckDeadlines {
  readonly #timers = new Map<string, TimerHandle>();

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
    this.clear(id);
    this.#timers.set(
      id,
      this.#clock.setTimeout(() => {
        this.#timers.delete(id);
        this.#onExpired(id);
      }, ms),
    );
  }

  /** Restarts every running deadline, `ms` from now. */
  postponeAll(ms: number): void {
    for (const id of [...this.#timers.keys()]) this.arm(id, ms);
  }

  clear(id: string): void {
    const timer = this.#timers.get(id);
    if (timer === undefined) return;
    this.#clock.clearTimeout(timer);
    this.#timers.delete(id);
  }

  clearAll(): void {
    for (const id of [...this.#timers.keys()]) this.clear(id);
  }
}
