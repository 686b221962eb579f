export {LiveChatClient, type LiveChatClientOptions} from './chat-client.js';
export {Emitter, observableSymbol} from './emitter.js';
export type {EmitterEvent, InteropObservable, Listener, Observer, Subscription} from './emitter.js';
export {newMessageId, newVisitorToken} from './ids.js';
export {systemClock, type Clock, type TimerHandle} from './clock.js';
export {MemorySessionStore} from './store/memory-session-store.js';
export {IdbSessionStore, type IdbSessionStoreOptions} from './store/idb-session-store.js';
export {WebStorageSessionStore, type StorageLike} from './store/web-storage-session-store.js';
export {createSessionStore, type PersistMode} from './store/create-session-store.js';
export {
  MAX_CACHED_MESSAGES,
  readSessionRecord,
  type OutboxEntry,
  type SessionRecord,
  type SessionStore,
} from './store/session-store.js';
export type {SocketFactory, SocketLike} from './transport/socket.js';
export {MESSAGE_MAX_CODE_POINTS, codePointLength} from './protocol/index.js';
export * from './types.js';
