import {parseWireDate, type RcAgent, type RcAttachment, type RcMessage} from './protocol/index.js';
import {isVisibleType, roleOf} from './message-rules.js';
import type {AgentInfo, Attachment, Message, MessageStatus} from './types.js';

/** Who "we" are when mapping: the visitor's token and id, and the server for relative URLs. */
export interface MapContext {
  token: string | null;
  visitorId?: string;
  server: string;
}

/** Whether the transcript shows `raw` (normal messages, joins/leaves, transfers, the close). */
export function isVisibleMessage(raw: RcMessage, hiddenTypes: readonly string[] = []): boolean {
  return isVisibleType(raw.t, hiddenTypes);
}

/** Whether `raw` was written by this visitor (its token, or its user id). */
export function isOwnMessage(raw: RcMessage, context: MapContext): boolean {
  if (raw.token) return raw.token === context.token;
  return context.visitorId !== undefined && raw.u._id === context.visitorId;
}

/**
 * `url` as an absolute http(s) link (resolved against `base`), else undefined: links from the
 * server, or from storage, end up in `href` and `src`, where nothing but the web may go.
 */
export function httpUrl(url: unknown, base?: string): string | undefined {
  if (typeof url !== 'string' || !url) return undefined;
  try {
    const resolved = new URL(url, base);
    const isWeb = resolved.protocol === 'https:' || resolved.protocol === 'http:';
    return isWeb ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

const absolute = (url: unknown, server: string) => httpUrl(url, `${server.replace(/\/+$/, '')}/`);

const isDimension = (n: unknown): n is number => typeof n === 'number' && n > 0 && n < 1e5;

/**
 * The link that opens `raw`'s file for the visitor: `fileUpload.publicFilePath` (signed, as
 * `messages.history` and `GET livechat/message/:_id` send it), else the bare link, which only
 * Rocket.Chat's own widget can open (with its `rc_token`/`rc_rid` cookies).
 */
function fileLink(raw: RcMessage, attachment: RcAttachment, isOnly: boolean): unknown {
  const bare = attachment.image_url ?? attachment.audio_url ?? attachment.video_url;
  const link = bare ?? attachment.title_link;
  const signed = raw.fileUpload?.publicFilePath;
  const fileId = raw.file?._id;
  const isTheFile = typeof link === 'string' && !!fileId && link.includes(`/${fileId}/`);
  return signed && (isTheFile || isOnly) ? signed : link;
}

function toAttachment(raw: RcMessage, a: RcAttachment, server: string, isOnly: boolean) {
  const attachment: Attachment = {title: typeof a.title === 'string' ? a.title : ''};
  const url = absolute(fileLink(raw, a, isOnly), server);
  if (url) attachment.url = url;
  const fileType = isOnly ? raw.file?.type : undefined;
  const type = a.image_type ?? a.audio_type ?? a.video_type ?? fileType;
  if (typeof type === 'string' && type) attachment.type = type;
  const size = a.image_size ?? a.audio_size ?? a.video_size ?? (isOnly ? raw.fileUpload?.size : 0);
  if (typeof size === 'number' && size > 0) attachment.size = size;
  if (typeof a.description === 'string' && a.description) attachment.description = a.description;
  const {width, height} = a.image_dimensions ?? {};
  if (isDimension(width) && isDimension(height)) Object.assign(attachment, {width, height});
  return attachment;
}

/** Maps a Rocket.Chat message to the public `Message` (never exposing the raw object). */
export function toMessage(
  raw: RcMessage,
  context: MapContext,
  status: MessageStatus = 'sent',
): Message {
  const role = roleOf(raw.t, isOwnMessage(raw, context));
  const message: Message = {
    id: raw._id,
    rid: raw.rid,
    text: raw.msg,
    ts: parseWireDate(raw.ts) ?? 0,
    author: {
      id: raw.u._id,
      username: raw.u.username,
      name: raw.u.name || raw.alias || raw.u.username,
      role,
    },
    status,
  };
  if (raw.t) message.type = raw.t;
  if (Array.isArray(raw.attachments) && raw.attachments.length > 0) {
    const isOnly = raw.attachments.length === 1;
    message.attachments = raw.attachments.map((a) => toAttachment(raw, a, context.server, isOnly));
  }
  const editedAt = parseWireDate(raw.editedAt);
  if (editedAt !== null) message.editedAt = editedAt;
  return message;
}

/** Maps Rocket.Chat's agent info; `null` when the server hides it. */
export function toAgentInfo(raw: RcAgent, server: string): AgentInfo | null {
  if (raw.hiddenInfo || typeof raw._id !== 'string') return null;
  if (typeof raw.username !== 'string') return null;
  const agent: AgentInfo = {
    id: raw._id,
    username: raw.username,
    name: raw.name || raw.username,
    avatarUrl: absolute(`avatar/${encodeURIComponent(raw.username)}`, server),
  };
  if (raw.status) agent.status = raw.status;
  return agent;
}

/**
 * Upserts `incoming` into `current` by id and sorts by `ts` (stable, so equal times keep their
 * arrival order). Returns a new array; `current` is not touched.
 */
export function mergeMessages(
  current: readonly Message[],
  incoming: readonly Message[],
): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.ts - b.ts);
}
