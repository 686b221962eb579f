import {systemClock, type Clock, type TimerHandle} from '../clock.js';
import {newMessageId} from '../ids.js';
import {LinkHub, type HubOutlet} from './shared-link-hub.js';
import {isLinkMessage, type LinkMessage} from './shared-link-messages.js';
import {VirtualSocket} from './shared-link-socket.js';
import {defaultSocketFactory, type SocketFactory, type SocketLike} from './socket.js';

/** A follower that has heard nothing from the leader this long asks whether it is there. */
export const PROBE_AFTER_MS = 500;
/** After this much silence the leader is taken for frozen or hung, and its lock is taken. */
export const TAKE_OVER_AFTER_MS = 1500;
const TICK_MS = 250;
/** The close code of a virtual socket whose leader went: its connection reconnects at once. */
export const LEADER_GONE_CLOSE = 4001;

/** A socket of this tab, and the leadership term it is attached to (null while it asks). */
interface Entry {
  socket: VirtualSocket;
  leader: string | null;
}

type Locks = {request: LockManager['request']};

const lockManager = () => (globalThis.navigator as {locks?: Locks} | undefined)?.locks ?? null;

/**
 * One live link for all the tabs of a site, or `null` where the browser lacks Web Locks or
 * BroadcastChannel (each tab then opens its own socket).
 */
export function createSharedLink(
  siteId: string,
  url: string,
  options: {socketFactory?: SocketFactory; clock?: Clock} = {},
): SharedLink | null {
  if (!lockManager() || typeof BroadcastChannel !== 'function') return null;
  return new SharedLink(siteId, url, options.socketFactory, options.clock);
}

/**
 * Makes one tab of the site the leader (the holder of a Web Lock), which alone holds a real
 * socket (`LinkHub`); every tab's `DdpConnection` gets a `VirtualSocket` from `socketFactory`,
 * attached to the hub directly in the leader and over a BroadcastChannel elsewhere. Tabs queue
 * for the lock, so when the leader closes the next one takes over at once; a follower that
 * hears nothing from the leader for `TAKE_OVER_AFTER_MS` (a frozen or hung tab) steals the lock.
 * Either way the sockets on the old leader are dropped and their connections reconnect through
 * the new one, and catch up from their stored cursor as after any reconnect.
 */
export class SharedLink {
  private readonly id = newMessageId();
  private readonly name: string;
  private readonly channel: BroadcastChannel;
  private readonly sockets = new Map<string, Entry>();
  private isWanted = false;
  private isDisposed = false;
  private terms = 0;
  private nextSocket = 1;
  /** Our leadership term and hub, while we lead. */
  private term: string | null = null;
  private hub: LinkHub | null = null;
  /** The lock request waiting, and the one we lead under. */
  private request: AbortController | null = null;
  private grant: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  /** The leader heard last, and when. */
  private leader: string | null = null;
  private lastHeard = 0;
  private tick: TimerHandle | null = null;

  constructor(
    siteId: string,
    private readonly url: string,
    private readonly realFactory: SocketFactory = defaultSocketFactory,
    private readonly clock: Clock = systemClock,
  ) {
    this.name = `live-chat:${siteId}:link:${url}`;
    this.channel = new BroadcastChannel(this.name);
    this.channel.onmessage = ({data}: MessageEvent) => {
      if (isLinkMessage(data)) this.handle(data);
    };
  }

  /** Whether this tab holds the site's socket now. */
  get isLeader(): boolean {
    return this.term !== null;
  }

  /** The `SocketFactory` for this tab's `DdpConnection`. */
  readonly socketFactory: SocketFactory = (url) => this.open(url);

  /** Steps down and stops queueing (the page is frozen or cached); the next socket joins again. */
  leave(): void {
    this.isWanted = false;
    this.request?.abort();
    this.request = null;
    this.stepDown();
    for (const [key, entry] of [...this.sockets]) this.drop(key, entry, 'leaving');
    this.stopWatch();
  }

  /** Leaves for good. */
  dispose(): void {
    this.leave();
    this.isDisposed = true;
    this.channel.close();
  }

  private open(url: string): SocketLike {
    if (url !== this.url || this.isDisposed) return this.realFactory(url);
    this.isWanted = true;
    if (!this.term && !this.request) this.queue(false);
    const key = `${this.id}.${this.nextSocket++}`;
    const socket = new VirtualSocket({
      send: (data) => this.sendFrom(key, data),
      close: () => this.closeFrom(key),
    });
    if (this.hub) {
      this.sockets.set(key, {socket, leader: this.term});
      this.hub.attach(key);
      queueMicrotask(() => socket.open());
      return socket;
    }
    if (this.sockets.size === 0) this.lastHeard = this.clock.now();
    this.sockets.set(key, {socket, leader: null});
    this.post({t: 'attach', sock: key});
    this.watch();
    return socket;
  }

  private sendFrom(key: string, data: string): void {
    const leader = this.sockets.get(key)?.leader;
    if (!leader) return;
    if (leader === this.term) this.hub?.receive(key, data);
    else this.post({t: 'tx', to: leader, sock: key, data});
  }

  private closeFrom(key: string): void {
    const entry = this.sockets.get(key);
    if (!entry) return;
    this.sockets.delete(key);
    if (entry.leader !== null && entry.leader === this.term) this.hub?.detach(key);
    else this.post({t: 'detach', sock: key});
    this.watch();
  }

  private drop(key: string, entry: Entry, reason: string, code = LEADER_GONE_CLOSE): void {
    this.sockets.delete(key);
    entry.socket.drop(code, reason);
  }

  private readonly outlet: HubOutlet = {
    deliver: (ports, data) => {
      const away: string[] = [];
      for (const port of ports) {
        const entry = this.sockets.get(port);
        if (entry && entry.leader === this.term) entry.socket.deliver(data);
        else away.push(port);
      }
      if (away.length > 0 && this.term) this.post({t: 'rx', from: this.term, socks: away, data});
    },
    drop: (port, code, reason) => {
      const entry = this.sockets.get(port);
      if (entry && entry.leader === this.term) this.drop(port, entry, reason, code);
      else if (this.term) this.post({t: 'drop', from: this.term, sock: port, code, reason});
    },
  };

  private handle(m: LinkMessage): void {
    const from = 'from' in m ? m.from : null;
    if (from !== null && from === this.leader) this.lastHeard = this.clock.now();
    switch (m.t) {
      case 'probe':
        if (this.term) this.post({t: 'lead', from: this.term});
        return;
      case 'lead':
        return this.follow(m.from);
      case 'bye':
        if (m.from !== this.leader) return;
        this.leader = null;
        return this.dropAttachedTo((leader) => leader === m.from);
      case 'attach':
        if (!this.hub || !this.term) return;
        this.hub.attach(m.sock);
        return this.post({t: 'attached', from: this.term, sock: m.sock});
      case 'detach':
        return this.hub?.detach(m.sock);
      case 'tx':
        if (m.to === this.term) this.hub?.receive(m.sock, m.data);
        return;
      case 'attached': {
        const entry = this.sockets.get(m.sock);
        if (!entry || entry.leader !== null || this.term) return;
        this.follow(m.from);
        entry.leader = m.from;
        return entry.socket.open();
      }
      case 'rx':
        for (const sock of m.socks) {
          const entry = this.sockets.get(sock);
          if (entry?.leader === m.from) entry.socket.deliver(m.data);
        }
        return;
      case 'drop': {
        const entry = this.sockets.get(m.sock);
        if (entry?.leader === m.from) this.drop(m.sock, entry, m.reason, m.code);
      }
    }
  }

  /** `term` leads now: sockets on another leader go, sockets still asking ask it. */
  private follow(term: string): void {
    if (this.term || term === this.leader) return;
    this.leader = term;
    this.lastHeard = this.clock.now();
    this.dropAttachedTo((leader) => leader !== term);
    for (const [key, entry] of this.sockets) {
      if (entry.leader === null) this.post({t: 'attach', sock: key});
    }
  }

  private dropAttachedTo(test: (leader: string) => boolean): void {
    for (const [key, entry] of [...this.sockets]) {
      if (entry.leader !== null && test(entry.leader)) this.drop(key, entry, 'the leader went');
    }
  }

  private queue(steal: boolean): void {
    const locks = lockManager();
    if (!locks) return;
    const ticket = new AbortController();
    this.request = ticket;
    // A steal cannot be given up (Web Locks refuse `signal` with `steal`): `granted` checks.
    const options: LockOptions = steal ? {steal: true} : {signal: ticket.signal};
    const granted = () => {
      if (this.request !== ticket) return undefined;
      this.request = null;
      if (!this.isWanted || this.isDisposed) return undefined;
      return new Promise<void>((release) => this.lead(ticket, release));
    };
    locks.request(this.name, options, granted).catch(() => {
      if (this.request === ticket) this.request = null;
      if (this.grant !== ticket) return;
      // Another tab took the lock from us (it thought us frozen): its hub serves from now on.
      this.stepDown();
      if (this.isWanted && !this.isDisposed) this.queue(false);
    });
  }

  private lead(ticket: AbortController, release: () => void): void {
    this.grant = ticket;
    this.releaseLock = release;
    const term = `${this.id}#${++this.terms}`;
    this.term = this.leader = term;
    this.stopWatch();
    const hub = new LinkHub(this.url, this.realFactory, this.clock, this.outlet);
    this.hub = hub;
    this.post({t: 'lead', from: term});
    for (const [key, entry] of [...this.sockets]) {
      if (entry.leader !== null) {
        this.drop(key, entry, 'the link moves to this tab');
        continue;
      }
      entry.leader = term;
      hub.attach(key);
      queueMicrotask(() => entry.socket.open());
    }
  }

  private stepDown(): void {
    const {hub, term} = this;
    if (!hub || !term) return;
    hub.close(LEADER_GONE_CLOSE, 'the link moves to another tab');
    this.hub = this.term = this.leader = this.grant = null;
    this.post({t: 'bye', from: term});
    this.releaseLock?.();
    this.releaseLock = null;
    this.watch();
  }

  /** The leader is silent: it is frozen or hung, and this tab takes the lock from it. */
  private takeOver(): void {
    const silent = this.leader;
    this.leader = null;
    this.lastHeard = this.clock.now();
    if (silent) this.dropAttachedTo((leader) => leader === silent);
    this.request?.abort();
    this.queue(true);
  }

  private watch(): void {
    if (this.term || this.sockets.size === 0 || this.isDisposed) return this.stopWatch();
    this.tick ??= this.clock.setTimeout(() => this.check(), TICK_MS);
  }

  private check(): void {
    this.tick = null;
    if (this.term || this.sockets.size === 0) return;
    const silence = this.clock.now() - this.lastHeard;
    if (silence >= TAKE_OVER_AFTER_MS) this.takeOver();
    else if (silence >= PROBE_AFTER_MS) this.post({t: 'probe'});
    this.watch();
  }

  private stopWatch(): void {
    if (this.tick !== null) this.clock.clearTimeout(this.tick);
    this.tick = null;
  }

  private post(message: LinkMessage): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // A closed channel (the page is going away) has nobody left to tell.
    }
  }
}
