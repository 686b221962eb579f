import type {Clock} from '../clock.js';
import {Timer} from '../timer.js';

type Locks = {request: LockManager['request']};

/** The Web Locks of this page, or null where the browser has none. */
export const lockManager = () =>
  (globalThis.navigator as {locks?: Locks} | undefined)?.locks ?? null;

/**
 * The leadership lock of a shared link: `join()` queues for it, `steal()` takes it from a
 * holder that does not answer, `leave()` gives it up or stops waiting. `onLead` runs when it
 * is granted, `onLost` when another tab stole it from us; neither runs after `leave()`.
 */
export class LinkLock {
  /** The request waiting, and the one we hold the lock under. */
  #waiting: AbortController | null = null;
  #held: AbortController | null = null;
  #release: (() => void) | null = null;

  readonly #name: string;
  readonly #onLead: () => void;
  readonly #onLost: () => void;

  constructor(name: string, onLead: () => void, onLost: () => void) {
    this.#name = name;
    this.#onLead = onLead;
    this.#onLost = onLost;
  }

  /** Whether the lock is held or asked for. */
  get #isBusy(): boolean {
    return this.#waiting !== null || this.#held !== null;
  }

  /** Queues for the lock (unless held or asked for already). */
  join(): void {
    if (!this.#isBusy) this.#request(false);
  }

  /** Takes the lock, whoever holds it. */
  steal(): void {
    this.#waiting?.abort();
    this.#request(true);
  }

  /** Lets go of the lock, or stops waiting for it. */
  leave(): void {
    this.#waiting?.abort();
    this.#waiting = this.#held = null;
    this.#release?.();
    this.#release = null;
  }

  #request(steal: boolean): void {
    const locks = lockManager();
    if (!locks) return;
    const ticket = new AbortController();
    this.#waiting = ticket;
    // A steal cannot be called off (Web Locks refuse `signal` with `steal`): `granted` checks.
    const options: LockOptions = steal ? {steal: true} : {signal: ticket.signal};
    const granted = () => {
      if (this.#waiting !== ticket) return undefined;
      this.#waiting = null;
      this.#held = ticket;
      const holding = new Promise<void>((release) => (this.#release = release));
      this.#onLead();
      return holding;
    };
    locks.request(this.#name, options, granted).catch(() => {
      if (this.#waiting === ticket) this.#waiting = null;
      if (this.#held !== ticket) return;
      this.#held = null;
      this.#release = null;
      this.#onLost();
    });
  }
}

/** A follower that has heard nothing from the leader this long asks whether it is there. */
export const PROBE_AFTER_MS = 500;
/** After this much silence the leader is taken for frozen or hung, and its lock is taken. */
export const TAKE_OVER_AFTER_MS = 1500;
const TICK_MS = 250;

/**
 * A follower's watch on the leader while it needs it: `heard()` on every word from the leader;
 * after `PROBE_AFTER_MS` of silence `onProbe` asks, and when that probe is still unanswered
 * `TAKE_OVER_AFTER_MS` into the silence, `onSilent` runs. The leader answers from its message
 * handler, which timer throttling in a background tab does not delay; and a follower's own
 * late timer (a background tab's can wait a minute) only probes, it never concludes.
 */
export class LeaderWatch {
  #lastHeard = 0;
  #probedAt = -1;
  readonly #tick: Timer;

  readonly #clock: Clock;
  readonly #isNeeded: () => boolean;
  readonly #onProbe: () => void;
  readonly #onSilent: () => void;

  constructor(clock: Clock, isNeeded: () => boolean, onProbe: () => void, onSilent: () => void) {
    this.#clock = clock;
    this.#isNeeded = isNeeded;
    this.#onProbe = onProbe;
    this.#onSilent = onSilent;
    this.#tick = new Timer(clock, () => this.#check());
  }

  heard(): void {
    this.#lastHeard = this.#clock.now();
  }

  /** Starts or stops watching, as `isNeeded()` says now. */
  update(): void {
    if (!this.#isNeeded()) return this.stop();
    if (!this.#tick.isRunning) this.#tick.start(TICK_MS);
  }

  stop(): void {
    this.#tick.stop();
  }

  #check(): void {
    if (!this.#isNeeded()) return;
    const now = this.#clock.now();
    if (now - this.#lastHeard < PROBE_AFTER_MS) return this.update();
    if (this.#probedAt <= this.#lastHeard) {
      this.#probedAt = now;
      this.#onProbe();
    } else if (now - this.#probedAt >= TAKE_OVER_AFTER_MS - PROBE_AFTER_MS) {
      this.heard();
      this.#onSilent();
    }
    this.update();
  }
}
