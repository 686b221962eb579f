import type {LivechatContext} from './context.js';
import type {Mail} from './mailer.js';

// System lines a visitor would not recognise as part of the conversation.
const SKIPPED_TYPES = new Set(['command', 'livechat-started', 'livechat_navigation_history']);
const MAX_MESSAGES = 5000;

/** The mail of `POST livechat/transcript`: every visible message of the room, oldest first. */
export function transcriptMail(
  ctx: LivechatContext, rid: string, email: string, subject: string,
): Mail {
  const lines = ctx.messages
    .page(rid, {limit: MAX_MESSAGES, offset: 0, oldestFirst: true})
    .filter((m) => !m.t || !SKIPPED_TYPES.has(m.t))
    .map((m) => {
      const who = m.t === 'livechat-close' ? 'Chat closed' : (m.u.name ?? m.alias ?? m.u.username);
      const text = m.msg || (m.attachments ? '[file]' : '');
      return `[${m.ts.toISOString()}] ${who}: ${text}`;
    });
  return {to: email, subject, text: `${lines.join('\n')}\n`};
}

/** The mail of an offline-form message, to the configured `offlineEmail`. */
export function offlineMail(
  to: string, input: {name: string; email: string; message: string; department?: string},
): Mail {
  const department = input.department ? `Department: ${input.department}\n` : '';
  return {
    to,
    replyTo: input.email,
    subject: `Offline message from ${input.name}`,
    text: `Name: ${input.name}\nEmail: ${input.email}\n${department}\n${input.message}\n`,
  };
}
