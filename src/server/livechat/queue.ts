import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import type {InquiryRecord} from './inquiries.js';

/** Rocket.Chat's bot, the author of the queue message. */
const QUEUE_USER = {_id: 'rocket.cat', username: 'rocket.cat'};

/** Where a room stands in line: Rocket.Chat's `queueInfo`/`queueData` payload. */
export interface QueueInfo {
  /** 1 = next in line (Rocket.Chat: position + 1). */
  spot: number;
  message: {text: string; user: typeof QUEUE_USER};
}

/** An inquiry as the agent API shows it (`inquiries.queued`, `inquiries.take`). */
export interface InquiryDoc {
  _id: string;
  rid: string;
  name: string;
  ts: Date;
  queuedAt: Date;
  status: 'queued' | 'taken';
  t: 'l';
  department?: string;
  v?: {_id: string; username: string; status: string};
  /** The visitor's latest message, so an agent knows what the chat is about. */
  message?: string;
}

/** Spots of the waiting rooms: per department, oldest first, as Rocket.Chat's EE queue counts. */
function spots(inquiries: readonly InquiryRecord[]): Map<string, number> {
  const perDepartment = new Map<string, number>();
  const result = new Map<string, number>();
  for (const inquiry of inquiries) {
    const key = inquiry.department ?? '';
    const spot = (perDepartment.get(key) ?? 0) + 1;
    perDepartment.set(key, spot);
    result.set(inquiry.rid, spot);
  }
  return result;
}

/** The queue position of a waiting room, or `null` when it is not waiting. */
export function queueInfo(ctx: LivechatContext, rid: string): QueueInfo | null {
  const spot = spots(ctx.inquiries.listQueued()).get(rid);
  if (spot === undefined) return null;
  return {spot, message: {text: ctx.settings.queueMessage, user: QUEUE_USER}};
}

/** An inquiry with its room's name, visitor and latest visitor message. */
export function inquiryDoc(ctx: LivechatContext, inquiry: InquiryRecord): InquiryDoc {
  const room = ctx.rooms.findById(inquiry.rid, true);
  const last = room?.lastMessage;
  return {
    _id: inquiry._id,
    rid: inquiry.rid,
    name: room?.fname ?? '',
    ts: inquiry.queuedAt,
    queuedAt: inquiry.queuedAt,
    status: inquiry.status,
    t: 'l',
    ...(inquiry.department ? {department: inquiry.department} : {}),
    ...(room ? {v: {_id: room.v._id, username: room.v.username, status: room.v.status}} : {}),
    ...(last && last.token && !last.t ? {message: last.msg} : {}),
  };
}

/**
 * After any change to the queue: every waiting visitor gets `queueData` with their spot on
 * stream-livechat-room, and agents watching the queue are told to refresh.
 */
export function publishQueue(ctx: LivechatContext): void {
  const queued = ctx.inquiries.listQueued();
  for (const [rid, spot] of spots(queued)) {
    const data = {spot, message: {text: ctx.settings.queueMessage, user: QUEUE_USER}};
    ctx.streams.publish(channels.livechatRoom(rid), [{type: 'queueData', data}]);
  }
  ctx.streams.publish(channels.inquiryQueue(), [{clientAction: 'updated', total: queued.length}]);
}
