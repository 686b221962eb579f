/**
 * DDP frames as Rocket.Chat's Meteor server and ddp-streamer write them
 * (rocketchat-protocol.md §1). Both directions; the server imports these too.
 */

export interface DdpError {
  isClientSafe?: boolean;
  error: string | number;
  reason?: string;
  message?: string;
  errorType?: string;
  details?: unknown;
}

export type DdpFrame =
  | {msg: 'connect'; version: string; support?: string[]; session?: string}
  | {msg: 'connected'; session: string}
  | {msg: 'failed'; version: string}
  | {msg: 'ping'; id?: string}
  | {msg: 'pong'; id?: string}
  | {msg: 'method'; id: string; method: string; params: unknown[]; randomSeed?: string}
  | {msg: 'result'; id: string; result?: unknown; error?: DdpError}
  | {msg: 'updated'; methods: string[]}
  | {msg: 'sub'; id: string; name: string; params: unknown[]}
  | {msg: 'unsub'; id: string}
  | {msg: 'ready'; subs: string[]}
  | {msg: 'nosub'; id: string; error?: DdpError}
  | {msg: 'added'; collection: string; id: string; fields?: Record<string, unknown>}
  | {
      msg: 'changed';
      collection: string;
      id: string;
      fields?: {eventName?: string; args?: unknown[]; [key: string]: unknown};
    }
  | {msg: 'removed'; collection: string; id: string}
  | {msg: 'error'; reason: string; offendingMessage?: unknown};

export type DdpMsg = DdpFrame['msg'];

/** The stream names a visitor may subscribe to. */
export const VISITOR_STREAMS = [
  'stream-room-messages',
  'stream-livechat-room',
  'stream-notify-room',
] as const;
export type VisitorStream = (typeof VISITOR_STREAMS)[number];

/** `params[1]` of a stream `sub`: extraData with both token keys (rocketchat-protocol.md §3.1). */
export interface StreamSubOptions {
  useCollection: false;
  args: [{token: string; visitorToken: string}];
}
