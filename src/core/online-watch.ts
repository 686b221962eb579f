import type {Clock} from './clock.js';
import type {Emitter} from './emitter.js';
import type {RcConfig} from './protocol/index.js';
import {Timer} from './timer.js';
import type {ChatClientEvents} from './types.js';

/** While the window is open and no agent is online, the config is fetched this often. */
export const OFFLINE_POLL_MS = 60_000;

/**
 * Keeps the online state fresh while the visitor looks (README.md): the config
 * is fetched again when the window opens, and every `OFFLINE_POLL_MS` while it stays open and
 * the service is offline. (`start()` and reconnects refresh it elsewhere.)
 */
export class OnlineWatch {
  #isOpen = false;
  readonly #timer: Timer;
  readonly #offs: (() => void)[];

  readonly #load: () => Promise<RcConfig>;
  readonly #isOffline: () => boolean;

  constructor(
    clock: Clock,
    emitter: Emitter<ChatClientEvents>,
    load: () => Promise<RcConfig>,
    isOffline: () => boolean,
  ) {
    this.#load = load;
    this.#isOffline = isOffline;
    this.#timer = new Timer(clock, () => void this.#refresh());
    this.#offs = [
      emitter.on('service-offline', () => this.#schedule()),
      emitter.on('service-online', () => this.#cancel()),
    ];
  }

  /** The window opened (refresh now, then poll while offline) or closed (stop polling). */
  setOpen(isOpen: boolean): void {
    const wasOpen = this.#isOpen;
    this.#isOpen = isOpen;
    if (!isOpen) return this.#cancel();
    if (!wasOpen) void this.#refresh();
  }

  /** Stops the poll and the listeners. */
  dispose(): void {
    this.#isOpen = false;
    this.#cancel();
    for (const off of this.#offs) off();
  }

  async #refresh(): Promise<void> {
    this.#cancel();
    try {
      await this.#load();
    } catch {
      // The next poll (or the next open) tries again; the error already reached `error`.
    }
    this.#schedule();
  }

  #schedule(): void {
    this.#cancel();
    if (!this.#isOpen || !this.#isOffline()) return;
    this.#timer.start(OFFLINE_POLL_MS);
  }

  #cancel(): void {
    this.#timer.stop();
  }
}
