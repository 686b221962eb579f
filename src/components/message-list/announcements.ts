import {msg, str} from '@lit/localize';
import type {Message} from '../../core/index.js';
import {toPlainText} from '../../markdown/parse.js';
import {isVisibleMessage, systemText} from './render-message.js';

/** How many announced messages the live region keeps; older ones leave it silently. */
export const KEPT_ANNOUNCEMENTS = 3;

/**
 * The messages of `current` that a screen reader should hear as news: shown ones after the
 * newest message of `previous`, except the visitor's own (they just wrote them). Nothing is
 * news on the first render, when the list was empty (a restored or cached chat fills it), or
 * when the list was replaced: those are read by moving through the log, not announced.
 */
export function arrivals(
  previous: readonly Message[] | undefined,
  current: readonly Message[],
): Message[] {
  const last = previous?.at(-1);
  const from = last ? current.findIndex((m) => m.id === last.id) + 1 : 0;
  if (from === 0) return [];
  return current
    .slice(from)
    .filter((m) => m.author.role !== 'visitor' && isVisibleMessage(m));
}

/** What the live region says: "Name: text" (files by their names), or the system line. */
export function announcement(message: Message): string {
  if (message.type !== undefined) return systemText(message);
  const name = message.author.name || message.author.username;
  const text = message.text
    ? toPlainText(message.text)
    : (message.attachments ?? []).map((a) => a.title).join(', ');
  return msg(str`${name}: ${text}`, {
    id: 'message-list.announce',
    desc: 'Read by screen readers when an agent message arrives: the agent name, then the text.',
  });
}
