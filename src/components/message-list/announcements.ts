import {msg, str} from '@lit/localize';
import type {TemplateResult} from 'lit';
import type {Message} from '../../core/index.js';
import {plainTextNow} from './message-parts.js';
import {failedText, isVisibleMessage, systemText} from './render-message.js';

/** How many announced messages the live region keeps; older ones leave it silently. */
export const KEPT_ANNOUNCEMENTS = 3;

/**
 * The messages of `current` that a screen reader should hear as news: shown ones after the
 * newest message of `previous`, except the visitor's own (they just wrote them); and the
 * visitor's messages that failed since `previous` (the log itself is silent). Nothing is news
 * on the first render, when the list was empty (a restored or cached chat fills it), or when
 * the list was replaced: those are read by moving through the log, not announced.
 */
export function arrivals(
  previous: readonly Message[] | undefined,
  current: readonly Message[],
): Message[] {
  const last = previous?.at(-1);
  const from = last ? current.findIndex((m) => m.id === last.id) + 1 : 0;
  if (from === 0) return [];
  const wasFailed = new Set(previous!.filter((m) => m.status === 'failed').map((m) => m.id));
  return current.filter((m, i) =>
    m.author.role === 'visitor'
      ? m.status === 'failed' && !wasFailed.has(m.id)
      : i >= from && isVisibleMessage(m),
  );
}

/**
 * What the live region says: "Name: text" (files by their names), "Not sent: text" for the
 * visitor's failed message, or the system line.
 */
export function announcement(message: Message): string | TemplateResult {
  if (message.type !== undefined) return systemText(message);
  const name =
    message.author.role === 'visitor'
      ? failedText()
      : message.author.name || message.author.username;
  // Without the renderer yet (it failed to load), the text as it is.
  const text = message.text
    ? (plainTextNow(message.text) ?? message.text)
    : (message.attachments ?? []).map((a) => a.title).join(', ');
  return msg(str`${name}: ${text}`, {
    id: 'message-list.announce',
    desc: 'Read by screen readers when an agent message arrives: the agent name, then the text.',
  });
}
