import type {Clock, TimerHandle} from '../clock.js';

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
      this.onPing();
      this.deadTimer = this.clock.setTimeout(() => {
        this.deadTimer = null;
        this.onDead();
      }, this.deadAfterMs);
    }, this.pingAfterMs);
  }

  /** Cancels both timers. */
  stop(): void {
    if (this.silenceTimer !== null) this.clock.clearTimeout(this.silenceTimer);
    if (this.deadTimer !== null) this.clock.clearTimeout(this.deadTimer);
    this.silenceTimer = this.deadTimer = null;
  }
}
