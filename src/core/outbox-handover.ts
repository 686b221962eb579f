import {visitorAuthor, type ChatContext} from './chat-context.js';
import {newMessageId} from './ids.js';
import type {OutboxGate} from './outbox-types.js';
import type {RoomFeed} from './room-feed.js';
import type {OutboxEntry, SessionRecord} from './store/session-store.js';
import type {TabSync} from './tab-sync.js';
import type {Message} from './types.js';

type LeaseState = 'free' | 'acquiring' | 'held' | 'releasing';

/** Where `navigator.locks` exists the lease of tab `id` is the Web Lock of this name part. */
const leasePart = (id: string) => `tab:${id}`;

/** What the handover needs: the link, the chat, the outbox and the shared store. */
type HandoverDeps = Pick<ChatContext, 'ddp' | 'model' | 'outbox' | 'state' | 'store' | 'sync'>;

/**
 * Lets the tabs of one session take over each other's unsent messages, and never lets two
 * tabs send one entry at the same time (docs/reliability.md, Outbox and Tabs).
 *
 * Each tab holds a Web Lock of its own, its lease, while its live link is up (or coming up for
 * the first time), and sends the outbox entries it owns only while it holds it. It lets go
 * when the link drops (once the attempts under way have answered) or the page goes away; the
 * browser releases it when the tab crashes. A tab that knows of entries another tab owns (from
 * the stored session, or told so over the BroadcastChannel) queues for that tab's lease. Being
 * granted it means the owner is gone or cannot send, so it claims the entries (itself as owner,
 * a higher claim count, written to the store) while it holds that lease, and sends them. An
 * owner that gets its lease back reads the store first and leaves what was claimed meanwhile.
 * The server's `_id` check stays the last line of defence, not the plan.
 */
export class OutboxHandover implements OutboxGate {
  /** This tab's owner id (a new one per page). */
  readonly tabId = newMessageId();
  #state: LeaseState = 'free';
  #isWanted = false;
  #isDisposed = false;
  #abortWait: AbortController | null = null;
  #releaseLease: (() => void) | null = null;
  readonly #watching = new Map<string, AbortController>();
  /** Owners heard of while the lease was on its way: watched once it is held. */
  readonly #noticed = new Set<string>();
  readonly #off: () => void;

  readonly #ctx: HandoverDeps;
  readonly #tabs: TabSync;
  readonly #feed: RoomFeed;

  constructor(ctx: HandoverDeps, tabs: TabSync, feed: RoomFeed) {
    this.#ctx = ctx;
    this.#tabs = tabs;
    this.#feed = feed;
    ctx.outbox.setGate(this);
    this.#off = ctx.ddp.on('status', () => this.#follow());
  }

  /** Whether this tab may send its entries now. */
  get isHeld(): boolean {
    return this.#state === 'held';
  }

  /** The tab `owner` has entries to send: should it let go of them, this tab takes them. */
  watch(owner: string): void {
    if (owner === this.tabId || this.#watching.has(owner)) return;
    if (this.#state === 'acquiring') this.#noticed.add(owner);
    if (!this.isHeld) return;
    const abort = new AbortController();
    this.#watching.set(owner, abort);
    const granted = async () => {
      if (this.#watching.get(owner) === abort) this.#watching.delete(owner);
      if (this.isHeld) await this.#claim(owner);
    };
    this.#tabs.exclusive(granted, leasePart(owner), {signal: abort.signal}).catch(() => undefined);
  }

  /** A save went through: tells the other tabs when this tab has entries to send. */
  saved(record: SessionRecord): void {
    if (record.outbox.some((entry) => entry.owner === this.tabId)) {
      this.#tabs.post({type: 'outbox', owner: this.tabId});
    }
  }

  /** Lets go of the lease at once and stops watching (the client is going away). */
  dispose(): void {
    this.#isDisposed = true;
    this.#isWanted = false;
    this.#off();
    this.#abortWait?.abort();
    this.#letGo();
  }

  #follow(): void {
    const status = this.#ctx.ddp.status;
    // A link refused for good (fatal) never comes back: REST is then the only way out, and this
    // tab must keep sending its own messages rather than wait for a link that will not return.
    const isUsable = status === 'connected' || status === 'connecting';
    this.#isWanted = !this.#isDisposed && (isUsable || this.#ctx.ddp.fatalError !== null);
    if (this.#isWanted && this.#state === 'free') this.#acquire();
    else if (!this.#isWanted && this.#state === 'acquiring') this.#abortWait?.abort();
    // A link that was closed on purpose (page hidden in the back/forward cache, destroy) has no
    // attempt worth waiting for; a lost one may still get its answers.
    else if (!this.#isWanted && this.#state === 'held')
      void this.#release(status === 'reconnecting');
  }

  #acquire(): void {
    this.#state = 'acquiring';
    const abort = new AbortController();
    this.#abortWait = abort;
    const granted = async () => {
      this.#abortWait = null;
      const stored = this.#isWanted ? await this.#resume() : null;
      if (!this.#isWanted) {
        this.#state = 'free';
        return;
      }
      this.#state = 'held';
      this.#ctx.outbox.flush();
      this.#watchOwners(stored);
      return new Promise<void>((resolve) => (this.#releaseLease = resolve));
    };
    this.#tabs.exclusive(granted, leasePart(this.tabId), {signal: abort.signal}).catch(() => {
      if (this.#state !== 'acquiring') return;
      this.#state = 'free';
      this.#follow();
    });
  }

  async #release(isLinkLost: boolean): Promise<void> {
    this.#state = 'releasing';
    // An attempt under way may still arrive: no other tab may send that entry meanwhile.
    if (isLinkLost) await this.#ctx.outbox.idle();
    if (this.#state !== 'releasing') return;
    if (!this.#isWanted) return this.#letGo();
    this.#state = 'held';
    // A watch granted meanwhile found this tab unable to claim: look again.
    void this.#ctx.store.load().then(
      (record) => this.#watchOwners(record),
      () => undefined,
    );
  }

  #letGo(): void {
    // A request still waiting settles through its abort (see `acquire`).
    if (this.#state !== 'acquiring') this.#state = 'free';
    this.#releaseLease?.();
    this.#releaseLease = null;
    this.#noticed.clear();
    for (const abort of this.#watching.values()) abort.abort();
    this.#watching.clear();
  }

  /**
   * The lease is back: reads the store, leaves the entries another tab claimed meanwhile and
   * confirms those another tab has already got sent. Returns the stored record.
   */
  async #resume(): Promise<SessionRecord | null> {
    const ctx = this.#ctx;
    const record = await ctx.store.load().catch(() => null);
    if (!record || record.token !== ctx.state.token) return null;
    const stored = new Map(record.outbox.map((entry) => [entry.id, entry]));
    for (const entry of ctx.outbox.list()) {
      if (entry.owner !== this.tabId) continue;
      const there = stored.get(entry.id);
      if (there?.owner && (there.claim ?? 0) > (entry.claim ?? 0)) {
        ctx.outbox.handOver(entry.id, there.owner, there.claim ?? 0);
      } else if (!there) {
        const sent = record.messages.find((m) => m.id === entry.id && m.status === 'sent');
        if (sent) this.#feed.confirmLocal(sent);
      }
    }
    return record;
  }

  #watchOwners(record: SessionRecord | null): void {
    const owners = [...this.#noticed, ...(record?.outbox ?? []).map((entry) => entry.owner)];
    this.#noticed.clear();
    for (const owner of owners) if (owner) this.watch(owner);
  }

  /** Takes over the entries of `owner` for the current room (called holding its lease). */
  async #claim(owner: string): Promise<void> {
    const ctx = this.#ctx;
    const {room, state} = ctx.model.snapshot;
    const record = await ctx.store.load().catch(() => null);
    if (!record || record.token !== ctx.state.token || !room || state === 'ended') return;
    const cached = new Map(record.messages.map((m) => [m.id, m]));
    let taken = 0;
    for (const entry of record.outbox) {
      // One written before the session had a room (no rid) goes to the room it has now.
      if (entry.owner !== owner || (entry.rid && entry.rid !== room._id)) continue;
      const rid = room._id;
      const shown = ctx.model.find(entry.id) ?? cached.get(entry.id);
      if (shown?.status === 'sent') continue;
      ctx.model.putLocal({...(shown ?? this.#toMessage(entry)), rid, status: 'pending'});
      ctx.outbox.add({...entry, rid, owner: this.tabId, claim: (entry.claim ?? 0) + 1});
      taken++;
    }
    if (taken === 0) return;
    // Written before the owner's lease is given back, so the owner sees the claim on return.
    await ctx.sync.save();
    ctx.outbox.flush();
  }

  #toMessage(entry: OutboxEntry): Message {
    const {id, rid, text, ts} = entry;
    const author = visitorAuthor(this.#ctx.model.snapshot.visitor);
    return {id, rid, text, ts, author, status: 'pending'};
  }
}
