/**
 * A console model's state: an immutable snapshot, replaced on each change, and the listeners
 * that re-render from it.
 */
export class SnapshotModel<T extends object> {
  private readonly listeners = new Set<(snapshot: T) => void>();

  constructor(protected current: T) {}

  /** The latest snapshot. */
  get snapshot(): T {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the snapshot with `change` applied and tells every listener. */
  protected set(change: Partial<T>): void {
    this.current = {...this.current, ...change};
    for (const listener of this.listeners) listener(this.current);
  }
}
