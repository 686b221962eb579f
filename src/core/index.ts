import * as engine from './chat-engine.js';
import {provideEngine} from './chat-client.js';

// The headless entry carries the engine, so that a client made from here has it at once (the
// widget's own entry leaves it to a chunk that the client loads on first use).
provideEngine(engine);

export {LiveChatClient, type LiveChatClientOptions} from './chat-client.js';
export {Emitter, observableSymbol} from './emitter.js';
export type {EmitterEvent, InteropObservable, Listener, Observer, Subscription} from './emitter.js';
export {newMessageId, newVisitorToken} from './ids.js';
export {systemClock, type Clock, type TimerHandle} from './clock.js';
export {MemorySessionStore} from './store/memory-session-store.js';
export {IdbSessionStore, type IdbSessionStoreOptions} from './store/idb-session-store.js';
export {WebStorageSessionStore, type StorageLike} from './store/web-storage-session-store.js';
export {createSessionStore, siteIdFor, type PersistMode} from './store/create-session-store.js';
export {
  MAX_CACHED_MESSAGES,
  readSessionRecord,
  type OutboxEntry,
  type SessionRecord,
  type SessionStore,
} from './store/session-store.js';
export type {SocketFactory, SocketLike} from './transport/socket.js';
export {MESSAGE_MAX_CODE_POINTS, codePointLength} from './protocol/index.js';
export {
  TriggerEngine,
  type RunOnceStore,
  type TriggerEnvironment,
  type TriggerEvent,
  type TriggerFired,
} from './triggers.js';
export {needsRegistrationForm} from './session-state.js';
export {httpUrl} from './message-mapper.js';
export {AUTHOR_ROLES, isAuthorRole, isVisibleType} from './message-rules.js';
export {isEmail} from './requests.js';
export {OFFLINE_POLL_MS} from './online-watch.js';
export {SNEAK_PEEK_THROTTLE_MS, TYPING_IDLE_MS, TYPING_THROTTLE_MS} from './typing.js';
export {READ_SYNC_MS} from './read-receipts.js';
export * from './types.js';
export type * from './client-inputs.js';
