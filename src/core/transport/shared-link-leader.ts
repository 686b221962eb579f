import type {Clock} from '../clock.js';
import {LinkHub, type HubOutlet} from './shared-link-hub.js';
import type {LinkMessage} from './shared-link-messages.js';
import type {VirtualSocket} from './shared-link-socket.js';
import type {SocketFactory} from './socket.js';

/** The close code of a virtual socket whose leader went: its connection reconnects. */
export const LEADER_GONE_CLOSE = 4001;

/** What the leader needs of its tab: the channel, and the tab's own sockets on the hub. */
export interface LeaderTab {
  url: string;
  socketFactory: SocketFactory;
  clock: Clock;
  post(message: LinkMessage): void;
  /** This tab's socket `port`, if it is on this hub. */
  own(port: string): VirtualSocket | undefined;
  /** This tab's socket `port` was dropped by the hub. */
  dropOwn(port: string, code: number, reason: string): void;
}

/**
 * One leadership term of a tab: its hub (the real socket), fed by the tab's own sockets
 * directly and by the other tabs' sockets over the channel (`attach`, `tx`, `detach`); the
 * hub's answers go back the same ways, a frame for several followers in one `rx` message.
 */
export class LinkLeader {
  readonly hub: LinkHub;

  readonly #tab: LeaderTab;

  constructor(
    readonly term: string,
    tab: LeaderTab,
  ) {
    this.#tab = tab;
    const outlet: HubOutlet = {
      deliver: (ports, data) => {
        const away: string[] = [];
        for (const port of ports) {
          const socket = tab.own(port);
          if (socket) socket.deliver(data);
          else away.push(port);
        }
        if (away.length > 0) tab.post({t: 'rx', from: term, socks: away, data});
      },
      drop: (port, code, reason) => {
        if (tab.own(port)) tab.dropOwn(port, code, reason);
        else tab.post({t: 'drop', from: term, sock: port, code, reason});
      },
    };
    this.hub = new LinkHub(tab.url, tab.socketFactory, tab.clock, outlet);
    tab.post({t: 'lead', from: term});
  }

  /** A channel message for the leader (the rest is for followers). */
  handle(m: LinkMessage): void {
    switch (m.t) {
      case 'probe':
        return this.#tab.post({t: 'lead', from: this.term});
      case 'attach':
        this.hub.attach(m.sock);
        return this.#tab.post({t: 'attached', from: this.term, sock: m.sock});
      case 'detach':
        return this.hub.detach(m.sock);
      case 'tx':
        if (m.to === this.term) this.hub.receive(m.sock, m.data);
    }
  }

  /** Steps down: every socket on the hub is dropped, and the followers hear `bye`. */
  close(): void {
    this.hub.close(LEADER_GONE_CLOSE, 'the link moves to another tab');
    this.#tab.post({t: 'bye', from: this.term});
  }
}
