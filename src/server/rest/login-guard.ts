/** Failures of one account from one address before it locks. */
const FREE_PAIR_FAILURES = 5;
/** Failures from one address, whatever the accounts, before it locks for unfamiliar accounts. */
const FREE_ADDRESS_FAILURES = 20;
const FIRST_LOCK_MS = 1000;
const MAX_LOCK_MS = 15 * 60_000;
/** A counter with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 60 * 60_000;
const SWEEP_AT_SIZE = 10_000;

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

/**
 * Agent login failures, counted (not attempts) per account and address pair, and per address.
 * After `FREE_PAIR_FAILURES` the pair locks for 1 s, then 2 s, 4 s… up to 15 min; after
 * `FREE_ADDRESS_FAILURES` the address locks the same way, but only for accounts that have not
 * logged in from it before, so a colleague's typos behind the same NAT never lock out an agent
 * who works from there. Failures elsewhere (another account, another address) never refuse a
 * correct password; a locked attempt is refused before the password is checked.
 */
export class LoginGuard {
  private readonly pairs = new Map<string, Failures>();
  private readonly addresses = new Map<string, Failures>();
  private readonly familiar = new Set<string>();

  /** 0 when `account` may try from `address` now, else the ms to wait. */
  waitMs(account: string, address: string, now = Date.now()): number {
    const pair = this.current(this.pairs, pairKey(account, address), now);
    let until = pair?.lockedUntil ?? 0;
    if (!this.familiar.has(pairKey(account, address))) {
      until = Math.max(until, this.current(this.addresses, address, now)?.lockedUntil ?? 0);
    }
    return Math.max(0, until - now);
  }

  /** Counts a refused password, an unknown account, or a bad resume token (`account` ''). */
  fail(account: string, address: string, now = Date.now()): void {
    if (this.pairs.size + this.addresses.size > SWEEP_AT_SIZE) this.sweep(now);
    if (account) this.count(this.pairs, pairKey(account, address), FREE_PAIR_FAILURES, now);
    this.count(this.addresses, address, FREE_ADDRESS_FAILURES, now);
  }

  /** A correct password: the pair starts afresh and the address knows the account. */
  succeed(account: string, address: string): void {
    const key = pairKey(account, address);
    this.pairs.delete(key);
    if (this.familiar.size > SWEEP_AT_SIZE) this.familiar.clear();
    this.familiar.add(key);
  }

  private current(map: Map<string, Failures>, key: string, now: number): Failures | undefined {
    const entry = map.get(key);
    if (entry && now - entry.last > FORGET_AFTER_MS) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  private count(map: Map<string, Failures>, key: string, free: number, now: number): void {
    const entry = this.current(map, key, now) ?? {count: 0, last: now, lockedUntil: 0};
    entry.count += 1;
    entry.last = now;
    if (entry.count >= free) {
      const lockMs = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(30, entry.count - free));
      entry.lockedUntil = now + lockMs;
    }
    map.set(key, entry);
  }

  private sweep(now: number): void {
    for (const map of [this.pairs, this.addresses]) {
      for (const [key, entry] of map) if (now - entry.last > FORGET_AFTER_MS) map.delete(key);
    }
  }
}

const pairKey = (account: string, address: string) => `${account}\n${address}`;
