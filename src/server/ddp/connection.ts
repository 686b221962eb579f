import type {Duplex} from 'node:stream';
import type {WebSocket} from 'ws';
import {FRAME_MAX_BYTES} from '../../core/protocol/limits.js';
import {randomId} from '../ids.js';
import {ejsonStringify} from './ejson.js';

/** ws options of the endpoint: 64 KiB frames (larger ones close with 1009), no compression. */
export const WS_OPTIONS = {maxPayload: FRAME_MAX_BYTES, perMessageDeflate: false};

/** A socket whose unsent data passes this is too slow to keep (docs/reliability.md L4). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** One DDP client: its socket, login, bound visitor tokens, subscriptions and heartbeat state. */
export class DdpConnection {
  /** Also the DDP `session` id. */
  readonly id = randomId();
  /** Set by `connect`; other frames before it are refused. */
  connected = false;
  /** The agent logged in on this connection (DDP `login` with `resume`). */
  userId: string | null = null;
  /** Visitor tokens bound by `livechat:setUpConnection`. */
  readonly visitorTokens = new Set<string>();
  /** Subscriptions the agent login granted: they end with the session. */
  readonly agentSubs = new Set<string>();
  /** Stops watching the agent session for its end (set by DDP `login`). */
  unwatchSession: () => void = () => {};
  /** Live subscriptions by sub id; each value stops its listener. */
  readonly subs = new Map<string, () => void>();
  /** Time of the last frame received, for the heartbeat. */
  lastSeen = Date.now();
  /** Whether the server has pinged since the client last spoke. */
  pinged = false;
  /** Set once the heartbeat gave up on the client. */
  closing = false;
  /** Serialises method calls, as Meteor runs one connection's methods in order. */
  queue: Promise<void> = Promise.resolve();
  private closed = false;
  private corked = false;

  /** `address`: the client's, as the upgrade request gave it (behind a trusted proxy too). */
  constructor(
    private readonly socket: WebSocket,
    readonly address = '',
  ) {}

  /** Sends one frame as EJSON; drops a client that stopped reading. */
  send(frame: object): void {
    if (this.isWritable()) this.write(ejsonStringify(frame));
  }

  /** Sends a frame already encoded, so that a broadcast encodes its payload only once. */
  sendEncoded(text: string): void {
    if (this.isWritable()) this.write(text);
  }

  private isWritable(): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.terminate();
      return false;
    }
    return true;
  }

  private write(text: string): void {
    // Frames sent in one go (a result and its `updated`, a message and the agent's room change)
    // leave in one system call instead of one each, as soon as the current job is done; ws has
    // no public handle for this.
    const raw = (this.socket as unknown as {_socket?: Duplex})._socket;
    if (raw && !this.corked) {
      this.corked = true;
      raw.cork();
      queueMicrotask(() => {
        this.corked = false;
        raw.uncork();
      });
    }
    this.socket.send(text);
  }

  /** Starts a clean close (the close frame reaches a live client). */
  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
  }

  /** Drops the socket at once. */
  terminate(): void {
    this.socket.terminate();
  }

  /** Stops every subscription; called once the socket is gone. */
  dispose(): void {
    this.closed = true;
    this.unwatchSession();
    for (const stop of this.subs.values()) stop();
    this.subs.clear();
  }
}
