import {AckDeadlines} from './ack-deadlines.js';
import {toLiveChatError} from './errors.js';
import type {OutboxGate, OutboxHost} from './outbox-types.js';
import type {OutboxEntry} from './store/session-store.js';
import {reconnectDelayMs} from './transport/backoff.js';
import {Timer} from './timer.js';
import {LiveChatError, type Message} from './types.js';

/**
 * A message the server has not confirmed this long after it was queued (in this page) is shown
 * as failed, with a retry; automatic resends stop (docs/reliability.md, "Ack timeout").
 */
export const ACK_TIMEOUT_MS = 30_000;
/** The wait after a rate-limit refusal that named no time. */
const RATE_LIMIT_WAIT_MS = 5_000;

interface Waiter {
  resolve(message: Message): void;
  reject(error: LiveChatError): void;
}

/**
 * Exactly-once delivery of visitor messages (docs/protocol.md): each message keeps its
 * client-minted `_id` across attempts; a send that got no answer is retried with that id, and a
 * bare refusal of a retry is checked with `GET livechat/message/:_id` (found = sent).
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #inFlight = new Set<string>();
  readonly #waiters = new Map<string, Waiter[]>();
  readonly #deadlines: AckDeadlines;
  readonly #retryTimer: Timer;
  /** Whether the waiting retry is for the link (skipped if it is down by then). */
  #retryNeedsLink = false;
  #gate: OutboxGate | null = null;
  #isFlushing = false;
  #flushAgain = false;
  /** Until when the server asked to slow down: no attempt before then, whatever asks. */
  #limitedUntil = 0;
  #idleWaiters: (() => void)[] = [];

  readonly #host: OutboxHost;

  constructor(host: OutboxHost) {
    this.#host = host;
    this.#deadlines = new AckDeadlines(host.clock, (id) => {
      if (!this.#entries.has(id)) return;
      this.#host.fail(id, new LiveChatError('network', 'The server did not confirm the message'));
    });
    this.#retryTimer = new Timer(host.clock, () => {
      if (!this.#retryNeedsLink || this.#host.canSend()) this.flush();
    });
  }

  /** Shares the outbox with other tabs from now on (set before any entry is added). */
  setGate(gate: OutboxGate): void {
    this.#gate = gate;
  }

  /** Whether this tab sends `entry` (always, unless tabs share the outbox). */
  #isMine(entry: OutboxEntry): boolean {
    return !this.#gate || (entry.owner ?? this.#gate.tabId) === this.#gate.tabId;
  }

  /** Copies of the waiting entries, oldest first (what gets persisted). */
  list(): OutboxEntry[] {
    return [...this.#entries.values()].map((entry) => ({...entry}));
  }

  /** Whether `id` still waits for the server. */
  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /**
   * Queues an entry (before any attempt, so it is persisted first), owned by this tab unless it
   * names another; its ack timeout starts (after the server's wait, if it asked for one). An
   * entry already queued is replaced.
   */
  add(entry: OutboxEntry): void {
    const owner = entry.owner ?? this.#gate?.tabId;
    this.#entries.set(entry.id, owner ? {...entry, owner} : {...entry});
    const wait = Math.max(0, this.#limitedUntil - this.#host.clock.now());
    if (!this.#deadlines.has(entry.id)) this.#deadlines.arm(entry.id, ACK_TIMEOUT_MS + wait);
  }

  /** Resolves with the sent message, rejects when it fails for good. */
  wait(id: string): Promise<Message> {
    return new Promise((resolve, reject) => {
      const list = this.#waiters.get(id) ?? [];
      list.push({resolve, reject});
      this.#waiters.set(id, list);
    });
  }

  /** The server has `id`: forget the entry and resolve its waiters. Returns whether it waited. */
  settle(id: string, message: Message): boolean {
    const wasWaiting = this.#entries.delete(id);
    this.#deadlines.clear(id);
    for (const waiter of this.#takeWaiters(id)) waiter.resolve(message);
    return wasWaiting;
  }

  /** `id` failed for good: forget the entry and reject its waiters. */
  reject(id: string, error: LiveChatError): void {
    this.#entries.delete(id);
    this.#deadlines.clear(id);
    for (const waiter of this.#takeWaiters(id)) waiter.reject(error);
  }

  /** Another tab took `id` over (`owner`, at `claim`): this tab stops sending it. */
  handOver(id: string, owner: string, claim: number): void {
    const entry = this.#entries.get(id);
    if (entry) this.#entries.set(id, {...entry, owner, claim});
  }

  /**
   * Attempts this tab's waiting entries one after the other, oldest first, each only once the
   * one before it has its answer, so that the server stores them in the order they were
   * written; a network failure stops the round (the retry timer or the next connect starts
   * another). Every send goes through here: two attempts in parallel may arrive swapped.
   */
  flush(): void {
    // Any attempt before the wait is over is refused again: the retry timer ends the wait.
    if (this.#host.clock.now() < this.#limitedUntil) return;
    this.#retryTimer.stop();
    if (this.#isFlushing) {
      this.#flushAgain = true;
      return;
    }
    this.#isFlushing = true;
    void this.#drain().finally(() => (this.#isFlushing = false));
  }

  /**
   * One attempt for `id` (no-op if it is in flight, no longer waiting, or another tab's).
   * Resolves `false` when the attempt failed for lack of network.
   */
  async #deliver(id: string): Promise<boolean> {
    const entry = this.#entries.get(id);
    const token = this.#host.token();
    if (!entry || !token || this.#inFlight.has(id)) return true;
    if (!this.#isMine(entry) || (this.#gate && !this.#gate.isHeld)) return true;
    this.#inFlight.add(id);
    entry.attempts += 1;
    try {
      const input = {token, rid: entry.rid, msg: entry.text, _id: id};
      // Confirmed even if it timed out meanwhile: the server has it, so it is sent after all.
      this.#host.confirm(await this.#host.rest.sendMessage(input));
      return true;
    } catch (error) {
      return await this.#handleFailure(entry, token, toLiveChatError(error));
    } finally {
      this.#inFlight.delete(id);
      if (this.#inFlight.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves once no attempt is on its way (an answer may still change who sends what). */
  idle(): Promise<void> {
    if (this.#inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops the retry timer and rejects every waiter (the client is going away). */
  dispose(error: LiveChatError): void {
    this.#retryTimer.stop();
    this.#deadlines.clearAll();
    for (const id of [...this.#waiters.keys()]) {
      for (const waiter of this.#takeWaiters(id)) waiter.reject(error);
    }
  }

  async #drain(): Promise<void> {
    do {
      this.#flushAgain = false;
      const tried = new Set<string>();
      // Picked anew after each answer: a claim from another tab may have just made an older
      // entry this tab's, and it must go before the newer ones.
      for (let next = this.#oldestOwn(); next && !tried.has(next.id); next = this.#oldestOwn()) {
        tried.add(next.id);
        if (!(await this.#deliver(next.id))) break;
      }
    } while (this.#flushAgain);
  }

  /**
   * The oldest waiting entry this tab sends (other tabs' entries keep their own order). One
   * without a room (a new visitor's first message) waits until `ChatSession` gives it one.
   */
  #oldestOwn(): OutboxEntry | undefined {
    let oldest: OutboxEntry | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.rid && this.#isMine(entry) && (!oldest || entry.ts < oldest.ts)) oldest = entry;
    }
    return oldest;
  }

  async #handleFailure(entry: OutboxEntry, token: string, error: LiveChatError): Promise<boolean> {
    // An echo or a history page may have confirmed it while this attempt was failing.
    if (!this.#entries.has(entry.id)) return true;
    if (error.code === 'server' && error.serverError === undefined) {
      // Rocket.Chat refuses a duplicate `_id` with a bare 400: an earlier attempt did arrive.
      try {
        this.#host.confirm(await this.#host.rest.getMessage(entry.id, token, entry.rid));
        return true;
      } catch (lookupError) {
        if (toLiveChatError(lookupError).code === 'network') return this.#keepForRetry(entry);
      }
    }
    if (error.code === 'network') return this.#keepForRetry(entry);
    if (error.code === 'rate-limited') return this.#waitOut(error.retryAfterMs);
    this.#host.fail(entry.id, error);
    return true;
  }

  /**
   * The server asked to slow down: every waiting message stays pending (the server answers, so
   * their ack timeouts start again after the wait) and the round resumes, in order, once the
   * time it named has passed.
   */
  #waitOut(waitMs = RATE_LIMIT_WAIT_MS): false {
    this.#limitedUntil = this.#host.clock.now() + waitMs;
    this.#deadlines.postponeAll(waitMs + ACK_TIMEOUT_MS);
    return this.#retryLater(waitMs, false);
  }

  #keepForRetry(entry: OutboxEntry): false {
    if (!this.#retryTimer.isRunning && this.#host.canSend()) {
      return this.#retryLater(reconnectDelayMs(entry.attempts - 1), true);
    }
    void this.#host.persist();
    return false;
  }

  #retryLater(ms: number, needsLink: boolean): false {
    void this.#host.persist();
    this.#retryNeedsLink = needsLink;
    this.#retryTimer.start(ms);
    return false;
  }

  #takeWaiters(id: string): Waiter[] {
    const list = this.#waiters.get(id) ?? [];
    this.#waiters.delete(id);
    return list;
  }
}
