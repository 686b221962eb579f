import {AgentApiError, type AgentApi} from './api.js';
import type {HistoryChat, HistoryEntry} from './history-parse.js';
import type {LoadStatus} from './types.js';

/** Chats per History page. */
const PAGE_SIZE = 20;
/** Typing pauses this long before the search runs, so each key press does not fetch. */
const SEARCH_DELAY_MS = 250;

/** What the History section renders; replaced, never mutated. */
export interface HistorySnapshot {
  query: string;
  entries: readonly HistoryEntry[];
  total: number;
  status: LoadStatus;
  /** Why the list failed, when the server said (too many requests). */
  failure?: string;
  /** The chat opened read-only, once loaded. */
  chat: HistoryChat | null;
  chatStatus: LoadStatus;
  /** Why the chat failed to open, when the server said. */
  chatFailure?: string;
}

const failureOf = (error: unknown) =>
  error instanceof AgentApiError ? error.limitText : undefined;

type Listener = (snapshot: HistorySnapshot) => void;

/**
 * Closed chats for the History section: the newest first, or a search's matches, a page at a
 * time, and one chat opened read-only. An answer that arrives after a newer search started is
 * dropped. Holds no DOM.
 */
export class HistoryModel {
  private readonly listeners = new Set<Listener>();
  private current: HistorySnapshot = {
    query: '',
    entries: [],
    total: 0,
    status: 'idle',
    chat: null,
    chatStatus: 'idle',
  };
  private generation = 0;
  private openRid: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly api: AgentApi) {}

  /** The latest snapshot. */
  get snapshot(): HistorySnapshot {
    return this.current;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fetches the first page again (the section was opened, or a chat just closed). */
  reload(): Promise<void> {
    clearTimeout(this.timer);
    return this.load(this.current.query, 0);
  }

  /** Searches after a short pause in typing; an empty query lists every chat. */
  search(query: string): void {
    clearTimeout(this.timer);
    // Loading from the first key press: the list and its count belong to the previous query.
    this.set({query, status: 'loading'});
    this.timer = setTimeout(() => void this.load(query, 0), SEARCH_DELAY_MS);
  }

  /** Appends the next page. */
  async loadMore(): Promise<void> {
    if (this.current.status === 'loading') return;
    await this.load(this.current.query, this.current.entries.length);
  }

  /** Opens a chat read-only, or goes back to the list with `null`. */
  async open(rid: string | null): Promise<void> {
    this.openRid = rid;
    this.set({chat: null, chatStatus: rid ? 'loading' : 'idle', chatFailure: undefined});
    if (!rid) return;
    try {
      const chat = await this.api.historyChat(rid);
      if (this.openRid === rid) this.set({chat, chatStatus: 'loaded'});
    } catch (error) {
      if (this.openRid === rid) this.set({chatStatus: 'failed', chatFailure: failureOf(error)});
    }
  }

  /** Stops a pending search. */
  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private async load(query: string, offset: number): Promise<void> {
    const generation = ++this.generation;
    this.set({status: 'loading', failure: undefined});
    try {
      const page = await this.api.history(query, offset, PAGE_SIZE);
      if (generation !== this.generation) return;
      const kept = offset === 0 ? [] : this.current.entries;
      const seen = new Set(kept.map((e) => e.rid));
      const entries = [...kept, ...page.entries.filter((e) => !seen.has(e.rid))];
      this.set({entries, total: page.total, status: 'loaded'});
    } catch (error) {
      if (generation === this.generation) this.set({status: 'failed', failure: failureOf(error)});
    }
  }

  private set(change: Partial<HistorySnapshot>): void {
    this.current = {...this.current, ...change};
    for (const listener of this.listeners) listener(this.current);
  }
}
