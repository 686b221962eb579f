import {isObject, parseWireDate} from '../core/protocol/index.js';
import {displayName} from './format.js';
import type {
  Department,
  OfflineMessage,
  QueueEntry,
  RoomFeedback,
  TranscriptRequest,
} from './types.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (body: unknown, key: string): unknown[] =>
  isObject(body) && Array.isArray(body[key]) ? body[key] : [];

/** `GET livechat/offline.messages` → the console's offline messages (malformed entries drop). */
export function parseOfflineMessages(body: unknown): OfflineMessage[] {
  return list(body, 'messages').flatMap((m) => {
    if (!isObject(m) || !text(m._id) || !text(m.email) || !text(m.message)) return [];
    return [
      {
        id: m._id as string,
        name: displayName(text(m.name) ?? ''),
        email: m.email as string,
        message: m.message as string,
        department: text(m.department),
        host: text(m.host),
        ts: parseWireDate(m.ts) ?? 0,
        isRead: m.readAt !== undefined,
        ...(m.mail === 'pending' || m.mail === 'sent' ? {mail: m.mail} : {}),
        ...(m.mail === 'failed' ? {mail: m.mail, mailError: text(m.mailError) ?? ''} : {}),
      },
    ];
  });
}

/** `GET livechat/department` → every department, disabled ones too: old messages name them. */
export function parseDepartments(body: unknown): Department[] {
  return list(body, 'departments').flatMap((d) =>
    isObject(d) && text(d._id)
      ? [{id: d._id as string, name: text(d.name) || (d._id as string)}]
      : [],
  );
}

/** `GET livechat/inquiries.queued` → the waiting chats, oldest first. */
export function parseQueue(body: unknown): QueueEntry[] {
  return list(body, 'inquiries').flatMap((q) => {
    if (!isObject(q) || !text(q._id) || !text(q.rid)) return [];
    const visitor = isObject(q.v) ? text(q.v.username) : undefined;
    const status = isObject(q.v) ? text(q.v.status) : undefined;
    return [
      {
        inquiryId: q._id as string,
        rid: q.rid as string,
        visitorName: displayName(text(q.name) || visitor || 'Visitor'),
        visitorStatus: status ?? '',
        since: parseWireDate(q.ts) ?? 0,
        preview: text(q.message),
      },
    ];
  });
}

/** `GET livechat/room.feedback` → the survey answers (comment apart) and transcript requests. */
export function parseFeedback(rid: string, body: unknown): RoomFeedback {
  const survey = isObject(body) && isObject(body.surveyFeedback) ? body.surveyFeedback : {};
  const answers: {name: string; value: string}[] = [];
  let comment: string | undefined;
  for (const [name, value] of Object.entries(survey)) {
    if (typeof value !== 'string') continue;
    if (name === 'additionalFeedback') comment = value;
    else answers.push({name, value});
  }
  const transcripts: TranscriptRequest[] = list(body, 'transcriptRequests').flatMap((t) => {
    if (!isObject(t) || !text(t.email)) return [];
    return [
      {
        email: t.email as string,
        requestedAt: parseWireDate(t.requestedAt) ?? 0,
        isSent: t.sentAt !== undefined,
        isPending: t.mail === 'pending',
        ...(t.mail === 'failed' ? {failure: text(t.mailError) ?? ''} : {}),
      },
    ];
  });
  return {rid, answers, comment, transcripts};
}
