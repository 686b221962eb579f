import type {Clock, TimerHandle} from '../clock.js';

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
  private silenceTimer: TimerHandle | null = null;
  private deadTimer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly pingAfterMs: number,
    private readonly deadAfterMs: number,
    private readonly onPing: () => void,
    private readonly onDead: () => void,
  ) {}

  /** Restarts the silence countdown. */
  arm(): void {
    this.stop();
    this.silenceTimer = this.clock.setTimeout(() => {
      this.silenceTimer = null;
      this.ping();
    }, this.pingAfterMs);
  }

  /** Pings at once (unless a ping already waits for its answer); silence after it is death. */
  probe(): void {
    if (this.deadTimer !== null) return;
    this.stop();
    this.ping();
  }

  /** Cancels both timers. */
  stop(): void {
    if (this.silenceTimer !== null) this.clock.clearTimeout(this.silenceTimer);
    if (this.deadTimer !== null) this.clock.clearTimeout(this.deadTimer);
    this.silenceTimer = this.deadTimer = null;
  }

  private ping(): void {
    // Armed before the ping goes out: an answer that comes back synchronously must cancel it.
    this.deadTimer = this.clock.setTimeout(() => {
      this.deadTimer = null;
      this.onDead();
    }, this.deadAfterMs);
    this.onPing();
  }
}
