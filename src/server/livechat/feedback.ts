import {codePointLength} from '../../core/protocol/index.js';
import {invalidParams, plainError} from '../errors.js';
import type {Livechat} from './livechat.js';
import type {OfflineMessageDoc, OfflineMessageInput} from './records.js';
import {publishRoomChange} from './room-events.js';
import {findDepartment, messageLimit} from './settings.js';
import {checkMessageText} from './text.js';
import {offlineMail, transcriptMail} from './transcript-mail.js';

/** One answer of the rating form. */
export interface SurveyItem {
  name: string;
  value: string;
}

/** The free-text answer every survey accepts besides the configured items. */
export const SURVEY_COMMENT = 'additionalFeedback';
const COMMENT_MAX_CODE_POINTS = 1000;
/** What Rocket.Chat's `Transcript_of_your_livechat_conversation` says. */
export const TRANSCRIPT_SUBJECT = 'Transcript of your livechat conversation';
/** Answer of `POST livechat/transcript` (Rocket.Chat's `Livechat_transcript_sent`). */
export const TRANSCRIPT_SENT = 'Livechat transcript sent';
/** Default answer of the offline form (Rocket.Chat's `Livechat_offline_message_sent`). */
export const OFFLINE_MESSAGE_SENT = 'Livechat offline message sent';

/**
 * Keeps the answers Rocket.Chat's `room.survey` keeps: configured items with a configured value,
 * plus `additionalFeedback`. Null when nothing is left.
 */
export function acceptedSurvey(
  livechat: Livechat,
  data: readonly SurveyItem[],
): Record<string, string> | null {
  const {items, values} = livechat.ctx.settings.survey;
  const accepted: Record<string, string> = {};
  for (const {name, value} of data) {
    const isRating = items.includes(name) && values.includes(value);
    const isComment = name === SURVEY_COMMENT && codePointLength(value) <= COMMENT_MAX_CODE_POINTS;
    if (isRating || isComment) accepted[name] = value;
  }
  return Object.keys(accepted).length > 0 ? accepted : null;
}

/**
 * `POST livechat/room.survey`: stores the accepted answers on the visitor's room (open or
 * closed) as `surveyFeedback`; `invalid-data` when none is accepted. The serving agent's list
 * is told so the console can show the answers.
 */
export function saveSurvey(
  livechat: Livechat,
  token: string,
  rid: string,
  data: readonly SurveyItem[],
): Record<string, string> {
  const {room} = livechat.requireRoom(token, rid);
  const accepted = acceptedSurvey(livechat, data);
  if (!accepted) throw plainError('invalid-data');
  livechat.ctx.rooms.updateData(room._id, (stored) => {
    stored.surveyFeedback = {...(stored.surveyFeedback as object | undefined), ...accepted};
  });
  const updated = livechat.ctx.rooms.findById(room._id, true);
  if (updated) publishRoomChange(livechat.ctx, 'updated', updated);
  return accepted;
}

/**
 * `POST livechat/transcript`: records the request for the agent console and mails the
 * transcript (SMTP when configured, else an `.eml` file in the data folder) to the visitor's
 * own address.
 */
export function requestTranscript(
  livechat: Livechat,
  token: string,
  rid: string,
  email: string,
): string {
  const {visitor, room} = livechat.requireRoom(token, rid);
  // The server never mails a stranger: the transcript goes to the visitor's own address, and a
  // visitor without one makes the first address asked for theirs.
  const own = visitor.visitorEmails?.[0]?.address;
  if (own === undefined) {
    livechat.ctx.visitors.upsert({token, email}, new Set());
  } else if (own.toLowerCase() !== email.toLowerCase()) {
    throw invalidParams('the transcript can only be sent to your own email address', 'email');
  }
  const id = livechat.ctx.transcripts.insert(room._id, email, TRANSCRIPT_SUBJECT, visitor._id);
  const mail = transcriptMail(livechat.ctx, room._id, email, TRANSCRIPT_SUBJECT);
  livechat.ctx.outbox.enqueue(mail, 'transcript', id);
  const updated = livechat.ctx.rooms.findById(room._id, true);
  if (updated) publishRoomChange(livechat.ctx, 'updated', updated);
  return TRANSCRIPT_SENT;
}

const LINE_BREAK = /[\r\n]/;

/**
 * `POST livechat/offline.message`: stores the message for the agent console. Refused when the
 * offline form is switched off, when a header-like field carries a line break (docs/security.md), and for an
 * unknown department. Mailed to `offlineEmail` when set. Answers the configured success text.
 */
export function leaveOfflineMessage(
  livechat: Livechat,
  input: OfflineMessageInput,
): {stored: OfflineMessageDoc; message: string} {
  const {settings, offlineMessages} = livechat.ctx;
  if (!settings.displayOfflineForm) throw plainError('error-offline-form-disabled');
  if (LINE_BREAK.test(input.name) || LINE_BREAK.test(input.email)) {
    const field = LINE_BREAK.test(input.name) ? 'name' : 'email';
    throw invalidParams('name and email must be one line each', field);
  }
  if (input.name.trim() === '') throw invalidParams('name must not be empty', 'name');
  checkMessageText(input.message, messageLimit(settings));
  let department: string | undefined;
  if (input.department) {
    department = findDepartment(settings, input.department)?._id;
    if (!department) {
      throw invalidParams('department is not one of the configured departments', 'department');
    }
  }
  const stored = offlineMessages.insert({...input, name: input.name.trim(), department});
  if (settings.offlineEmail) {
    livechat.ctx.outbox.enqueue(offlineMail(settings.offlineEmail, stored), 'offline', stored._id);
  }
  return {stored, message: settings.offlineSuccessMessage || OFFLINE_MESSAGE_SENT};
}
