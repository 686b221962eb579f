import type {LiveChatClient} from '../../src/core/index.js';
import type {ChatClientEvents} from '../../src/core/types.js';

/** Resolves with the detail of the client's next `name` event. */
export function nextEvent<K extends keyof ChatClientEvents>(
  client: LiveChatClient,
  name: K,
): Promise<ChatClientEvents[K]> {
  return new Promise((resolve) => client.once(name, resolve));
}

/** Records every detail of `name` in an array (for counting). */
export function record<K extends keyof ChatClientEvents>(
  client: LiveChatClient,
  name: K,
): ChatClientEvents[K][] {
  const seen: ChatClientEvents[K][] = [];
  client.on(name, (detail) => seen.push(detail));
  return seen;
}

/** Resolves with the first `message-received` whose message matches `predicate`. */
export function receivedWhere(
  client: LiveChatClient,
  predicate: (message: ChatClientEvents['message-received']['message']) => boolean,
): Promise<ChatClientEvents['message-received']['message']> {
  return new Promise((resolve) => {
    const off = client.on('message-received', ({message}) => {
      if (!predicate(message)) return;
      off();
      resolve(message);
    });
  });
}
