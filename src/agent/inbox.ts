import {AgentApiError} from './api.js';
import type {AgentApi} from './api.js';
import type {Department, InboxSnapshot, LoadStatus, OfflineMessage, QueueEntry} from './types.js';

type Listener = (snapshot: InboxSnapshot) => void;

/** `first`, then those of `then` not in it (a message left meanwhile shifts the pages). */
const merged = (first: readonly OfflineMessage[], then: readonly OfflineMessage[]) => {
  const seen = new Set(first.map((m) => m.id));
  return [...first, ...then.filter((m) => !seen.has(m.id))];
};

/**
 * The queue is read again at most once a second: every change of a busy queue (a chat joining,
 * a waiting visitor going offline) asks for a reload, and the server allows an agent 120
 * `inquiries.queued` a minute (src/server/rest/rate-limit.ts).
 */
export const QUEUE_RELOAD_MS = 1000;

/**
 * The offline messages and the queue of waiting chats: fetched on demand, refreshed when the
 * server says the queue changed, and marked or taken through the agent API. Holds no DOM.
 */
export class Inbox {
  private readonly listeners = new Set<Listener>();
  private offline: readonly OfflineMessage[] = [];
  private offlineUnread = 0;
  private offlineTotal = 0;
  private offlineStatus: LoadStatus = 'idle';
  private departments: readonly Department[] = [];
  private queue: readonly QueueEntry[] = [];
  private queueStatus: LoadStatus = 'idle';
  private queueFetch: Promise<void> = Promise.resolve();
  private queueNext: Promise<void> | null = null;
  private queueNextAt = 0;
  private isDisposed = false;
  private current: InboxSnapshot;

  constructor(private readonly api: AgentApi) {
    this.current = this.build();
  }

  /** The latest snapshot. */
  get snapshot(): InboxSnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches the offline messages again. */
  async loadOffline(): Promise<void> {
    await this.fetchOffline(this.offlineStatus === 'loaded' ? 'loaded' : 'loading', async () => {
      // The departments only name the messages' own: without them the ids show.
      const [page, departments] = await Promise.all([
        this.api.offlineMessages(),
        this.api.departments().catch(() => this.departments),
      ]);
      this.departments = departments;
      // Older pages the agent loaded stay (the refresh every minute must not drop them).
      const oldest = page.messages.at(-1)?.ts ?? -Infinity;
      const kept =
        page.total > page.messages.length ? this.offline.filter((m) => m.ts < oldest) : [];
      return {...page, messages: merged(page.messages, kept)};
    });
  }

  /** Appends the next page of older offline messages ("Load more"). */
  async loadMoreOffline(): Promise<void> {
    if (this.offlineStatus === 'loading') return;
    await this.fetchOffline('loading', async () => {
      const page = await this.api.offlineMessages(this.offline.length);
      return {...page, messages: merged(this.offline, page.messages)};
    });
  }

  /** Shows `status` while `fetch` runs, then the list and counts it gives, or the failure. */
  private async fetchOffline(
    status: LoadStatus,
    fetch: () => Promise<{messages: readonly OfflineMessage[]; unread: number; total: number}>,
  ): Promise<void> {
    this.offlineStatus = status;
    this.changed();
    try {
      const {messages, unread, total} = await fetch();
      this.offline = messages;
      this.offlineUnread = unread;
      this.offlineTotal = total;
      this.offlineStatus = 'loaded';
    } catch {
      this.offlineStatus = 'failed';
    }
    this.changed();
  }

  /** Marks one offline message read or unread, at once on screen, then on the server. */
  async markOffline(id: string, isRead: boolean): Promise<void> {
    const before = this.offline.find((m) => m.id === id);
    if (!before || before.isRead === isRead) return;
    this.apply(id, isRead);
    try {
      await this.api.markOfflineMessage(id, isRead);
    } catch (error) {
      this.apply(id, !isRead);
      throw error;
    }
  }

  /**
   * Fetches the waiting chats again: after the load under way, if any, and no sooner than
   * `QUEUE_RELOAD_MS` after the previous one. Changes meanwhile share the one load that follows,
   * which sees them all. Resolves once a load that started after this call has ended.
   */
  loadQueue(): Promise<void> {
    this.queueNext ??= this.queueFetch.then(async () => {
      const wait = this.queueNextAt - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.queueNext = null;
      if (this.isDisposed) return;
      this.queueNextAt = Date.now() + QUEUE_RELOAD_MS;
      this.queueFetch = this.fetchQueue();
      await this.queueFetch;
    });
    return this.queueNext;
  }

  /** Ends queue reloads: one still waiting for its turn does not start. */
  dispose(): void {
    this.isDisposed = true;
  }

  private async fetchQueue(): Promise<void> {
    this.queueStatus = this.queueStatus === 'loaded' ? 'loaded' : 'loading';
    this.changed();
    try {
      this.queue = await this.api.queued();
      this.queueStatus = 'loaded';
    } catch (error) {
      const seconds = error instanceof AgentApiError ? error.retryAfterSeconds : undefined;
      if (seconds === undefined) {
        this.queueStatus = 'failed';
      } else {
        // Held back (the banner says so): the list on screen stays, and is read again once
        // the server's wait is over.
        if (this.queueStatus !== 'loaded') this.queueStatus = 'failed';
        this.queueNextAt = Date.now() + seconds * 1000;
        void this.loadQueue();
      }
    }
    this.changed();
  }

  /** Takes a waiting chat; resolves with its room id. */
  async take(inquiryId: string): Promise<string | null> {
    const entry = this.queue.find((q) => q.inquiryId === inquiryId);
    try {
      await this.api.takeInquiry(inquiryId);
    } finally {
      // Not awaited: the reload may wait its turn (QUEUE_RELOAD_MS), the taken chat must not.
      void this.loadQueue();
    }
    return entry?.rid ?? null;
  }

  private apply(id: string, isRead: boolean): void {
    this.offline = this.offline.map((m) => (m.id === id ? {...m, isRead} : m));
    this.offlineUnread = Math.max(0, this.offlineUnread + (isRead ? -1 : 1));
    this.changed();
  }

  private build(): InboxSnapshot {
    return {
      offline: this.offline,
      offlineUnread: this.offlineUnread,
      offlineTotal: this.offlineTotal,
      offlineStatus: this.offlineStatus,
      departments: this.departments,
      queue: this.queue,
      queueStatus: this.queueStatus,
    };
  }

  private changed(): void {
    this.current = this.build();
    for (const listener of this.listeners) listener(this.current);
  }
}
