import type {Clock, TimerHandle} from '../../src/core/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock whose time only moves on `advance()`; due timers run in time order. */
export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, {at: this.time + Math.max(0, ms), seq: id, fn});
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** How many timers are scheduled. */
  get pending(): number {
    return this.timers.size;
  }

  /** Milliseconds until the next timer, or null when none is scheduled. */
  nextDelay(): number | null {
    let next: number | null = null;
    for (const {at} of this.timers.values()) next = next === null ? at : Math.min(next, at);
    return next === null ? null : next - this.time;
  }

  /** Moves time forward by `ms`, running every timer that falls due (also ones they schedule). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let dueId: number | null = null;
      let due: Timer | null = null;
      for (const [id, timer] of this.timers) {
        if (timer.at > end) continue;
        if (!due || timer.at < due.at || (timer.at === due.at && timer.seq < due.seq)) {
          due = timer;
          dueId = id;
        }
      }
      if (!due || dueId === null) break;
      this.timers.delete(dueId);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}
