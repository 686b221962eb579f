import {isObject} from '../protocol/index.js';

/**
 * What the tabs of a site say to each other about the one live link (shared-link.ts). `from`
 * and `to` name a leadership term (a tab can lead more than once); `sock` names one virtual
 * socket of a follower tab.
 */
export type LinkMessage =
  /** The leader of this term is here (on taking the lead, and in answer to `probe`). */
  | {t: 'lead'; from: string}
  /** Is a leader there? (a follower that has heard nothing for a while) */
  | {t: 'probe'}
  /** The leader steps down: its sockets are gone. */
  | {t: 'bye'; from: string}
  /** A follower's socket wants the link. */
  | {t: 'attach'; sock: string}
  /** The leader took the socket on. */
  | {t: 'attached'; from: string; sock: string}
  /** A follower's socket closed. */
  | {t: 'detach'; sock: string}
  /** A frame from a follower's socket to the leader. */
  | {t: 'tx'; to: string; sock: string; data: string}
  /** A frame from the leader to these follower sockets. */
  | {t: 'rx'; from: string; socks: string[]; data: string}
  /** The leader closed a follower's socket (the real socket went, or the sub was refused). */
  | {t: 'drop'; from: string; sock: string; code: number; reason: string};

const isText = (v: unknown): v is string => typeof v === 'string';

/** Whether a channel message is a well-formed `LinkMessage` (anything else is ignored). */
export function isLinkMessage(value: unknown): value is LinkMessage {
  if (!isObject(value)) return false;
  const m = value;
  switch (m.t) {
    case 'probe':
      return true;
    case 'lead':
    case 'bye':
      return isText(m.from);
    case 'attach':
    case 'detach':
      return isText(m.sock);
    case 'attached':
      return isText(m.from) && isText(m.sock);
    case 'tx':
      return isText(m.to) && isText(m.sock) && isText(m.data);
    case 'rx':
      return isText(m.from) && Array.isArray(m.socks) && m.socks.every(isText) && isText(m.data);
    case 'drop':
      return isText(m.from) && isText(m.sock) && typeof m.code === 'number' && isText(m.reason);
    default:
      return false;
  }
}
