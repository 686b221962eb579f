import {render} from 'lit';
import {renderMessage} from '../../src/agent/render-message.js';
import type {ConsoleMessage, RoomSummary} from '../../src/agent/types.js';

/** A visitor's sent message in the console, with the given fields on top. */
export function consoleMessage(overrides: Partial<ConsoleMessage>): ConsoleMessage {
  return {
    id: 'm1',
    rid: 'r1',
    text: '',
    ts: Date.UTC(2025, 0, 15, 14, 30),
    authorName: 'Guest',
    authorId: 'v1',
    role: 'visitor',
    status: 'sent',
    ...overrides,
  };
}

/** One console message rendered into a list of its own. */
export function rendered(entry: ConsoleMessage): HTMLElement {
  const list = document.createElement('ul');
  render(
    renderMessage(entry, () => undefined),
    list,
  );
  return list;
}

/** An open chat in the console's list, the visitor online and quiet, with the given fields on top. */
export function roomSummary(overrides: Partial<RoomSummary> = {}): RoomSummary {
  return {
    rid: 'r1',
    visitorName: 'Grace',
    lastText: '',
    lastTs: 0,
    unread: 0,
    isOpen: true,
    isVisitorTyping: false,
    visitorDraft: '',
    visitorReadUntil: null,
    visitorStatus: 'online',
    ...overrides,
  };
}
