import type {SessionRecord, SessionStore} from './store/session-store.js';
import {LiveChatError} from './types.js';

/**
 * Serialises saves of the session record: one write at a time, each built from the latest
 * state when it starts, and repeated requests while one waits share it. Disabled (writes
 * nothing) until the visitor interacts or an earlier session is restored.
 */
export class SessionSync {
  private isEnabled = false;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(
    private readonly store: SessionStore,
    private readonly build: () => SessionRecord | null,
    private readonly onError: (error: LiveChatError) => void,
  ) {}

  /** Allows writes from now on. */
  enable(): void {
    this.isEnabled = true;
  }

  /** Stops writing (after `destroy()`, another page may own the session). */
  disable(): void {
    this.isEnabled = false;
  }

  /** Saves the latest state; resolves when it is written (errors go to `onError`). */
  save(): Promise<void> {
    if (!this.isEnabled) return Promise.resolve();
    if (this.queued) return this.queued;
    const run = this.chain.then(async () => {
      this.queued = null;
      const record = this.isEnabled ? this.build() : null;
      if (record) await this.store.save(record);
    });
    this.queued = run.catch((error: unknown) => {
      const text = error instanceof Error ? error.message : 'Storage failed';
      const wrapped = new LiveChatError('storage', text);
      wrapped.cause = error;
      this.onError(wrapped);
    });
    this.chain = this.queued;
    return this.queued;
  }

  /** Deletes the stored session. */
  async clear(): Promise<void> {
    await this.chain;
    await this.store.clear();
  }
}

