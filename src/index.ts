import {defineElements} from './define.js';

defineElements();

export {LiveChat} from './live-chat.js';
// Not from core/index.ts, which carries the client's engine: here it stays a chunk of its own.
export {LiveChatClient} from './core/chat-client.js';
export {LiveChatError} from './core/types.js';
export type * from './core/types.js';
export type * from './core/client-inputs.js';
export type * from './events/events.js';
