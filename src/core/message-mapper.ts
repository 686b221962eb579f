import {parseWireDate, type RcAgent, type RcAttachment, type RcMessage} from './protocol/index.js';
import type {AgentInfo, Attachment, Message, MessageStatus} from './types.js';

// System messages Rocket.Chat's own widget shows (canRenderMessage.ts); every other `t` is hidden.
const VISIBLE_SYSTEM_TYPES = new Set([
  'uj',
  'ul',
  'livechat-close',
  'livechat_transfer_history',
  'livechat_transfer_history_fallback',
]);

/** Who "we" are when mapping: the visitor's token and id, and the server for relative URLs. */
export interface MapContext {
  token: string | null;
  visitorId?: string;
  server: string;
}

/** Whether the transcript shows `raw` (normal messages, joins/leaves, transfers, the close). */
export function isVisibleMessage(raw: RcMessage, hiddenTypes: readonly string[] = []): boolean {
  if (!raw.t) return true;
  return VISIBLE_SYSTEM_TYPES.has(raw.t) && !hiddenTypes.includes(raw.t);
}

/** Whether `raw` was written by this visitor (its token, or its user id). */
export function isOwnMessage(raw: RcMessage, context: MapContext): boolean {
  if (raw.token) return raw.token === context.token;
  return context.visitorId !== undefined && raw.u._id === context.visitorId;
}

function absolute(url: string | undefined, server: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, `${server.replace(/\/+$/, '')}/`).href;
  } catch {
    return undefined;
  }
}

function toAttachment(raw: RcAttachment, server: string): Attachment {
  const attachment: Attachment = {title: raw.title ?? ''};
  const url = absolute(raw.image_url ?? raw.audio_url ?? raw.video_url ?? raw.title_link, server);
  if (url) attachment.url = url;
  const type = raw.image_type ?? raw.audio_type ?? raw.video_type;
  if (type) attachment.type = type;
  const size = raw.image_size ?? raw.audio_size ?? raw.video_size;
  if (typeof size === 'number') attachment.size = size;
  if (raw.description) attachment.description = raw.description;
  return attachment;
}

/** Maps a Rocket.Chat message to the public `Message` (never exposing the raw object). */
export function toMessage(
  raw: RcMessage,
  context: MapContext,
  status: MessageStatus = 'sent',
): Message {
  const role = raw.t ? 'system' : isOwnMessage(raw, context) ? 'visitor' : 'agent';
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
    message.attachments = raw.attachments.map((a) => toAttachment(a, context.server));
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
