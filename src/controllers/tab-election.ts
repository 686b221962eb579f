/**
 * Elects one tab of a site for a job (playing the message sound, showing a notification) with
 * a Web Lock named `name()`: `queue()` waits its turn, `steal()` takes the lock over at once
 * (the tab the visitor just used). A tab that loses the lock queues up again. Without Web Locks
 * every tab counts as elected.
 */
export class TabElection {
  private isHolder = false;
  private release: (() => void) | null = null;
  private waiting: AbortController | null = null;
  private turn = 0;
  private isActive = false;

  constructor(private readonly name: () => string) {}

  /** Whether this tab holds the lock now. */
  get isElected(): boolean {
    return this.isHolder;
  }

  /** Waits for the lock, unless this tab holds it or already waits. */
  queue(): void {
    this.claim(false);
  }

  /** Takes the lock over from whichever tab holds it. */
  steal(): void {
    this.claim(true);
  }

  /** Gives the lock up and stops waiting (the host left the page). */
  stop(): void {
    this.isActive = false;
    this.turn++;
    this.waiting?.abort();
    this.release?.();
    this.release = this.waiting = null;
    this.isHolder = false;
  }

  private claim(steal: boolean): void {
    this.isActive = true;
    const locks = navigator.locks;
    if (!locks) {
      this.isHolder = true;
      return;
    }
    if (this.isHolder || (this.waiting && !steal)) return;
    this.waiting?.abort();
    const turn = ++this.turn;
    const waiting = steal ? null : new AbortController();
    this.waiting = waiting;
    const options: LockOptions = waiting ? {signal: waiting.signal} : {steal: true};
    const granted = () => {
      if (turn !== this.turn) return undefined;
      this.waiting = null;
      this.isHolder = true;
      return new Promise<void>((resolve) => (this.release = resolve));
    };
    // Settling while still this turn means another tab took the lock over: queue up again.
    const settled = () => {
      if (turn !== this.turn) return;
      const wasHolder = this.isHolder;
      this.isHolder = false;
      this.release = this.waiting = null;
      if (wasHolder && this.isActive) this.claim(false);
    };
    locks.request(this.name(), options, granted).then(settled, settled);
  }
}
