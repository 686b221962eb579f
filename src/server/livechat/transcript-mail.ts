import type {LivechatContext} from './context.js';
import type {Mail} from './mailer.js';

// System lines a visitor would not recognise as part of the conversation.
const SKIPPED_TYPES = new Set(['command', 'livechat-started', 'livechat_navigation_history']);
const MAX_MESSAGES = 5000;
// Every way a plain-text mail reader may start a new line.
const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;
/** Where a message's second and later lines start: never where a `[time] name:` line does. */
export const CONTINUATION_INDENT = '    ';

const oneLine = (text: string) => text.replace(LINE_BREAKS, ' ');
/** A message's lines, the later ones indented, so that no text can pose as another line. */
const indentContinuation = (text: string) => text.replace(LINE_BREAKS, `\n${CONTINUATION_INDENT}`);

/** The mail of `POST livechat/transcript`: every visible message of the room, oldest first. */
export function transcriptMail(
  ctx: LivechatContext,
  rid: string,
  email: string,
  subject: string,
): Mail {
  const lines = ctx.messages
    .page(rid, {limit: MAX_MESSAGES, offset: 0, oldestFirst: true})
    .filter((m) => !m.t || !SKIPPED_TYPES.has(m.t))
    .map((m) => {
      const who = m.t === 'livechat-close' ? 'Chat closed' : (m.u.name ?? m.alias ?? m.u.username);
      const text = m.msg || (m.attachments ? '[file]' : '');
      return `[${m.ts.toISOString()}] ${oneLine(who)}: ${indentContinuation(text)}`;
    });
  return {to: email, subject, text: `${lines.join('\n')}\n`};
}

/** The mail of an offline-form message, to the configured `offlineEmail`. */
export function offlineMail(
  to: string,
  input: {name: string; email: string; message: string; department?: string},
): Mail {
  const department = input.department ? `Department: ${input.department}\n` : '';
  return {
    to,
    replyTo: input.email,
    subject: `Offline message from ${input.name}`,
    text: `Name: ${input.name}\nEmail: ${input.email}\n${department}\n${input.message}\n`,
  };
}
