import type {Message} from '../../src/core/index.js';

let counter = 0;

/** A message as the client would hand it to the views; fields can be overridden. */
export function makeMessage(overrides: Partial<Message> = {}): Message {
  counter++;
  return {
    id: `m${counter}`,
    rid: 'room-1',
    text: `Message ${counter}`,
    ts: Date.UTC(2025, 0, 15, 14, 30),
    author: {id: 'agent-1', username: 'ada', name: 'Ada Agent', role: 'agent'},
    status: 'sent',
    ...overrides,
  };
}

/** A message written by the visitor. */
export function visitorMessage(overrides: Partial<Message> = {}): Message {
  return makeMessage({
    author: {id: 'visitor-1', username: 'guest-1', name: 'Guest', role: 'visitor'},
    ...overrides,
  });
}
