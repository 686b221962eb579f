import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import type {InquiryRecord, QueuePlace} from './inquiries.js';
import type {QueueStay} from './queue-stats.js';
import {findDepartment} from './settings.js';

/** Rocket.Chat's bot, the author of the queue message. */
const QUEUE_USER = {_id: 'rocket.cat', username: 'rocket.cat'};

/** Where a room stands in line: Rocket.Chat's `queueInfo`/`queueData` payload. */
export interface QueueInfo {
  /** 1 = next in line (Rocket.Chat: position + 1). */
  spot: number;
  message: {text: string; user: typeof QUEUE_USER};
  /** Left out when nothing can be estimated (nobody available, no data and no default). */
  estimatedWaitTimeSeconds?: number;
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

const agentsOf = (ctx: LivechatContext, department: string | undefined) =>
  ctx.queueStats.availableAgents(findDepartment(ctx.settings, department)?.agents);

/**
 * The estimate of one department's line: the agents available now and the measured agent-seconds
 * per spot of its latest served waits, read once per department and publication (two queries per
 * waiting room made each queue change cost 30 µs × the queue: 160 ms at 5,000 waiting).
 */
interface LineRate {
  agents: number;
  perSpot: number | null;
}

function lineRate(ctx: LivechatContext, department: string | undefined): LineRate {
  const agents = agentsOf(ctx, department);
  if (agents === 0) return {agents, perSpot: null};
  const perSpot = ctx.queueStats.agentSecondsPerSpot(department, ctx.settings.queueWaitSampleSize);
  return {agents, perSpot};
}

/**
 * Seconds until an agent takes the room at `spot`: the measured agent-seconds per spot times the
 * spot, over the agents available now; before any measurement, `queueWaitDefaultSeconds` per
 * spot. Nothing while nobody can take it.
 */
function estimateWait(ctx: LivechatContext, rate: LineRate, spot: number): number | undefined {
  if (rate.agents === 0) return undefined;
  if (rate.perSpot !== null) return Math.max(1, Math.ceil((spot * rate.perSpot) / rate.agents));
  const {queueWaitDefaultSeconds} = ctx.settings;
  return queueWaitDefaultSeconds > 0 ? spot * queueWaitDefaultSeconds : undefined;
}

/** The `queueData`/`queueInfo` payload of a room at `spot` of its department's line. */
function queuePayload(ctx: LivechatContext, rate: LineRate, spot: number): QueueInfo {
  const wait = estimateWait(ctx, rate, spot);
  const info: QueueInfo = {spot, message: {text: ctx.settings.queueMessage, user: QUEUE_USER}};
  if (wait !== undefined) info.estimatedWaitTimeSeconds = wait;
  return info;
}

/** The queue position of a waiting room, or `null` when it is not waiting. */
export function queueInfo(ctx: LivechatContext, rid: string): QueueInfo | null {
  const inquiry = ctx.inquiries.findByRoom(rid);
  if (inquiry?.status !== 'queued') return null;
  const spot = ctx.inquiries.spotOf(inquiry);
  return queuePayload(ctx, lineRate(ctx, inquiry.department), spot);
}

const stayKey = (stay: QueueStay) => `${stay.rid} ${stay.queuedAt}`;

/**
 * Keeps the wait measurements in step with the queue: a stay that left the line became a sample
 * if an agent took the room (its `servedBy.ts` is the pickup time), else it is dropped; a stay
 * seen for the first time is remembered with its spot and the agents available.
 */
function recordStays(
  ctx: LivechatContext,
  queued: readonly InquiryRecord[],
  spotOf: Map<string, number>,
): void {
  const stats = ctx.queueStats;
  const waiting = new Set(queued.map((i) => stayKey({rid: i.rid, queuedAt: +i.queuedAt})));
  const known = new Set<string>();
  for (const stay of stats.pending()) {
    known.add(stayKey(stay));
    if (waiting.has(stayKey(stay))) continue;
    const room = ctx.rooms.findById(stay.rid);
    const servedAt = room?.open && room.servedBy ? +room.servedBy.ts : null;
    if (servedAt !== null && servedAt >= stay.queuedAt) stats.markServed(stay, servedAt);
    else stats.forget(stay);
  }
  for (const inquiry of queued) {
    const stay = {rid: inquiry.rid, queuedAt: +inquiry.queuedAt};
    if (known.has(stayKey(stay))) continue;
    const agents = Math.max(1, agentsOf(ctx, inquiry.department));
    const spot = spotOf.get(inquiry.rid) ?? 1;
    stats.noteWaiting({...stay, department: inquiry.department, spot, agents});
  }
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
 * After any change to the queue (every path that changes it ends here): the wait measurements
 * are updated, every waiting visitor gets `queueData` with their spot and estimated wait on
 * stream-livechat-room, and agents watching the queue are told to refresh.
 */
export function publishQueue(ctx: LivechatContext): void {
  const queued = ctx.inquiries.listQueued();
  const spotOf = spots(queued);
  recordStays(ctx, queued, spotOf);
  const rates = new Map<string, LineRate>();
  for (const inquiry of queued) {
    const key = inquiry.department ?? '';
    let rate = rates.get(key);
    if (!rate) rates.set(key, (rate = lineRate(ctx, inquiry.department)));
    const data = queuePayload(ctx, rate, spotOf.get(inquiry.rid)!);
    ctx.streams.publish(channels.livechatRoom(inquiry.rid), [{type: 'queueData', data}]);
  }
  ctx.streams.publish(channels.inquiryQueue(), [{clientAction: 'updated', total: queued.length}]);
}

/**
 * A room joined the end of its department's line (a new waiting chat): nobody else's spot or
 * estimate moved, so only it gets `queueData`, its stay is noted, and the queue's watchers are
 * told. `publishQueue` read and told every waiting room: one visitor opening a chat cost
 * 10-30 µs × the queue of blocked event loop (160 ms at 5,000 waiting), a cost any visitor could
 * raise by opening more.
 */
export function publishEnqueued(ctx: LivechatContext, rid: string): void {
  const inquiry = ctx.inquiries.findByRoom(rid);
  if (inquiry?.status !== 'queued') return publishQueue(ctx);
  const {department} = inquiry;
  const spot = ctx.inquiries.spotOf(inquiry);
  const agents = Math.max(1, agentsOf(ctx, department));
  ctx.queueStats.noteWaiting({rid, queuedAt: +inquiry.queuedAt, department, spot, agents});
  const data = queuePayload(ctx, lineRate(ctx, department), spot);
  ctx.streams.publish(channels.livechatRoom(rid), [{type: 'queueData', data}]);
  const total = ctx.inquiries.countQueued();
  ctx.streams.publish(channels.inquiryQueue(), [{clientAction: 'updated', total}]);
}

/**
 * A room left its line (closed, taken, removed from `place`): those ahead keep their spot, so
 * only the rooms behind it in its department get `queueData` with theirs, counted in SQLite; its
 * stay becomes a sample if an agent took it. `publishQueue` told every waiting room, and looked
 * at every stay: 60 ms per close at 5,000 waiting, which anyone could repeat by opening and
 * closing chats. The estimates of those ahead may move by the new sample; they get it with the
 * next change behind which they stand.
 */
export function publishLeft(ctx: LivechatContext, place: QueuePlace | null): void {
  if (!place) return;
  const stay = {rid: place.rid, queuedAt: place.queuedAt};
  const room = ctx.rooms.findById(place.rid);
  const servedAt = room?.open && room.servedBy ? +room.servedBy.ts : null;
  if (servedAt !== null && servedAt >= stay.queuedAt) ctx.queueStats.markServed(stay, servedAt);
  else ctx.queueStats.forget(stay);
  const {rids, ahead} = ctx.inquiries.behind(place);
  const rate = lineRate(ctx, place.department);
  rids.forEach((rid, i) => {
    const data = queuePayload(ctx, rate, ahead + i + 1);
    ctx.streams.publish(channels.livechatRoom(rid), [{type: 'queueData', data}]);
  });
  const total = ctx.inquiries.countQueued();
  ctx.streams.publish(channels.inquiryQueue(), [{clientAction: 'updated', total}]);
}
