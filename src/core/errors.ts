import {LiveChatError} from './types.js';

/** Any thrown value as a `LiveChatError` (unknown failures become `server`). */
export function toLiveChatError(error: unknown): LiveChatError {
  if (error instanceof LiveChatError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const wrapped = new LiveChatError('server', text);
  wrapped.cause = error;
  return wrapped;
}

/** The rejection of every call after `destroy()`. */
export const destroyed = () => new LiveChatError('destroyed', 'The chat client was destroyed');
