import {systemClock, type Clock} from '../clock.js';
import {newMessageId} from '../ids.js';
import {LEADER_GONE_CLOSE, LinkLeader} from './shared-link-leader.js';
import {LeaderWatch, LinkLock, lockManager} from './shared-link-lock.js';
import {isLinkMessage, type LinkMessage} from './shared-link-messages.js';
import {VirtualSocket} from './shared-link-socket.js';
import {defaultSocketFactory, type SocketFactory, type SocketLike} from './socket.js';

type LinkOptions = {socketFactory?: SocketFactory; clock?: Clock};

/** A socket of this tab, and the leadership term it is attached to (null while it asks). */
interface Entry {
  socket: VirtualSocket;
  leader: string | null;
}

/**
 * One live link for all the tabs of a site, or `null` where the browser lacks Web Locks or
 * BroadcastChannel (each tab then opens its own socket).
 */
export function createSharedLink(siteId: string, url: string, options: LinkOptions = {}) {
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
  readonly #id = newMessageId();
  readonly #name: string;
  readonly #channel: BroadcastChannel;
  readonly #lock: LinkLock;
  readonly #watch: LeaderWatch;
  readonly #sockets = new Map<string, Entry>();
  #isWanted = false;
  #isDisposed = false;
  #terms = 0;
  #nextSocket = 1;
  /** Our leadership, while we lead. */
  #leading: LinkLeader | null = null;
  /** The leader heard last. */
  #leader: string | null = null;

  readonly #url: string;
  readonly #realFactory: SocketFactory;
  readonly #clock: Clock;

  constructor(
    siteId: string,
    url: string,
    realFactory: SocketFactory = defaultSocketFactory,
    clock: Clock = systemClock,
  ) {
    this.#url = url;
    this.#realFactory = realFactory;
    this.#clock = clock;
    this.#name = `live-chat:${siteId}:link:${url}`;
    this.#channel = new BroadcastChannel(this.#name);
    this.#lock = new LinkLock(
      this.#name,
      () => this.#lead(),
      () => this.#lost(),
    );
    const isNeeded = () => !this.#leading && this.#sockets.size > 0 && !this.#isDisposed;
    const probe = () => this.#post({t: 'probe'});
    this.#watch = new LeaderWatch(clock, isNeeded, probe, () => this.#takeOver());
    this.#channel.onmessage = ({data}: MessageEvent) => {
      if (isLinkMessage(data)) this.#handle(data);
    };
  }

  /** Whether this tab holds the site's socket now. */
  get isLeader(): boolean {
    return this.#leading !== null;
  }

  /** The `SocketFactory` for this tab's `DdpConnection`. */
  readonly socketFactory: SocketFactory = (url) => this.#open(url);

  /** Steps down and stops queueing (the page is frozen or cached); the next socket joins again. */
  leave(): void {
    this.#isWanted = false;
    this.#stepDown();
    this.#lock.leave();
    for (const [key, entry] of [...this.#sockets]) this.#drop(key, entry, 'leaving');
    this.#watch.stop();
  }

  /** Leaves for good. */
  dispose(): void {
    this.leave();
    this.#isDisposed = true;
    this.#channel.close();
  }

  #open(url: string): SocketLike {
    if (url !== this.#url || this.#isDisposed) return this.#realFactory(url);
    this.#isWanted = true;
    this.#lock.join();
    const key = `${this.#id}.${this.#nextSocket++}`;
    const socket = new VirtualSocket({
      send: (data) => this.#sendFrom(key, data),
      close: () => this.#closeFrom(key),
    });
    const entry: Entry = {socket, leader: null};
    if (this.#sockets.size === 0) this.#watch.heard();
    this.#sockets.set(key, entry);
    if (this.#leading) return this.#adopt(key, entry, this.#leading);
    this.#post({t: 'attach', sock: key});
    this.#watch.update();
    return socket;
  }

  /** Puts a socket of this tab on this tab's hub. */
  #adopt(key: string, entry: Entry, leading: LinkLeader): VirtualSocket {
    entry.leader = leading.term;
    leading.hub.attach(key);
    queueMicrotask(() => entry.socket.open());
    return entry.socket;
  }

  #sendFrom(key: string, data: string): void {
    const leader = this.#sockets.get(key)?.leader;
    if (leader && leader === this.#leading?.term) this.#leading.hub.receive(key, data);
    else if (leader) this.#post({t: 'tx', to: leader, sock: key, data});
  }

  #closeFrom(key: string): void {
    const entry = this.#sockets.get(key);
    if (!entry) return;
    this.#sockets.delete(key);
    if (entry.leader !== null && entry.leader === this.#leading?.term)
      this.#leading.hub.detach(key);
    else this.#post({t: 'detach', sock: key});
    this.#watch.update();
  }

  #drop(key: string, entry: Entry, reason: string, code = LEADER_GONE_CLOSE): void {
    this.#sockets.delete(key);
    entry.socket.drop(code, reason);
  }

  #handle(m: LinkMessage): void {
    const from = 'from' in m ? m.from : null;
    if (from !== null && from === this.#leader) this.#watch.heard();
    if (this.#leading) return this.#leading.handle(m);
    switch (m.t) {
      case 'lead':
        return this.#follow(m.from);
      case 'bye':
        if (m.from !== this.#leader) return;
        this.#leader = null;
        return this.#dropAttachedTo((leader) => leader === m.from);
      case 'attached': {
        const entry = this.#sockets.get(m.sock);
        if (!entry || entry.leader !== null) return;
        this.#follow(m.from);
        entry.leader = m.from;
        return entry.socket.open();
      }
      case 'rx':
        for (const sock of m.socks) this.#attachedTo(sock, m.from)?.socket.deliver(m.data);
        return;
      case 'drop': {
        const entry = this.#attachedTo(m.sock, m.from);
        if (entry) this.#drop(m.sock, entry, m.reason, m.code);
      }
    }
  }

  #attachedTo(sock: string, leader: string): Entry | undefined {
    const entry = this.#sockets.get(sock);
    return entry?.leader === leader ? entry : undefined;
  }

  /** `term` leads now: sockets on another leader go, sockets still asking ask it. */
  #follow(term: string): void {
    if (this.#leading || term === this.#leader) return;
    this.#leader = term;
    this.#watch.heard();
    this.#dropAttachedTo((leader) => leader !== term);
    for (const [key, entry] of this.#sockets) {
      if (entry.leader === null) this.#post({t: 'attach', sock: key});
    }
  }

  #dropAttachedTo(test: (leader: string) => boolean): void {
    for (const [key, entry] of [...this.#sockets]) {
      if (entry.leader !== null && test(entry.leader)) this.#drop(key, entry, 'the leader went');
    }
  }

  /** Another tab took the lock from us (it thought us frozen): its hub serves from now on. */
  #lost(): void {
    this.#stepDown();
    if (this.#isWanted && !this.#isDisposed) this.#lock.join();
  }

  #lead(): void {
    if (!this.#isWanted || this.#isDisposed) return this.#lock.leave();
    const term = `${this.#id}#${++this.#terms}`;
    this.#leader = term;
    this.#watch.stop();
    this.#leading = new LinkLeader(term, {
      url: this.#url,
      socketFactory: this.#realFactory,
      clock: this.#clock,
      post: (message) => this.#post(message),
      own: (port) => this.#attachedTo(port, term)?.socket,
      dropOwn: (port, code, reason) => {
        const entry = this.#sockets.get(port);
        if (entry) this.#drop(port, entry, reason, code);
      },
    });
    for (const [key, entry] of [...this.#sockets]) {
      if (entry.leader === null) this.#adopt(key, entry, this.#leading);
      else this.#drop(key, entry, 'the link moves to this tab');
    }
  }

  #stepDown(): void {
    const leading = this.#leading;
    if (!leading) return;
    this.#leading = this.#leader = null;
    leading.close();
    this.#lock.leave();
    this.#watch.update();
  }

  /** The leader is silent: it is frozen or hung, and this tab takes the lock from it. */
  #takeOver(): void {
    const silent = this.#leader;
    this.#leader = null;
    if (silent) this.#dropAttachedTo((leader) => leader === silent);
    this.#lock.steal();
  }

  #post(message: LinkMessage): void {
    // A closed channel (the page is going away) has nobody left to tell.
    if (!this.#isDisposed) this.#channel.postMessage(message);
  }
}
