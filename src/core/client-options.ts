import type {Clock} from './clock.js';
import type {Emitter} from './emitter.js';
import type {PersistMode} from './store/create-session-store.js';
import type {SessionStore} from './store/session-store.js';
import type {SocketFactory} from './transport/socket.js';
import {LiveChatError, type ChatClientEvents, type ChatSnapshot} from './types.js';

/** Options of a `LiveChatClient`; only `server` is required. */
export interface LiveChatClientOptions {
  /** The Rocket.Chat (or reference) server's http(s) base URL. */
  server: string;
  department?: string;
  /**
   * Separates sessions on one origin (storage key `session:<siteId>`, tab channel); defaults to
   * the server's origin and path, so two servers on one page never mix.
   */
  siteId?: string;
  /** Overrides the store `persist` would pick. */
  store?: SessionStore;
  socketFactory?: SocketFactory;
  /**
   * With `persist: 'local'`, the tabs of the site share one live link, held by one of them
   * (default `true`); `false` gives each tab its own socket.
   */
  shareLink?: boolean;
  /** Replaces `fetch` for every REST call, uploads included. */
  fetch?: typeof fetch;
  clock?: Clock;
  /** `local` (IndexedDB, default), `session` (this tab) or `none` (memory). */
  persist?: PersistMode;
  /** Seconds after the last activity within which `restore()` brings the view back (60). */
  restoreTimeout?: number;
}

/** The server's base URL without trailing slashes; throws `invalid-config` unless http(s). */
export function serverBase(value: string): string {
  let server: URL;
  try {
    server = new URL(value);
  } catch {
    throw new LiveChatError('invalid-config', `Invalid server URL: ${value}`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') {
    throw new LiveChatError('invalid-config', 'The server URL must be http(s)');
  }
  return server.href.replace(/\/+$/, '');
}

/** What the client hands its engine: its events, its snapshot so far, and its options. */
export interface EngineInit {
  emitter: Emitter<ChatClientEvents>;
  snapshot: ChatSnapshot;
  options: LiveChatClientOptions;
  /** The server's base URL (`serverBase()`) and storage namespace (`siteIdFor()`). */
  server: string;
  siteId: string;
}
