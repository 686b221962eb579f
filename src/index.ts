import {defineElements} from './define.js';

defineElements();

export {LiveChat} from './live-chat.js';
export {LiveChatClient, LiveChatError} from './core/index.js';
export type * from './core/types.js';
export type * from './events/events.js';
