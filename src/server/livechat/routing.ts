import {channels} from '../ddp/streams.js';
import {LivechatError, meteorError} from '../errors.js';
import {randomId} from '../ids.js';
import type {AgentFilter} from './agents.js';
import {isOpen} from './business-hours.js';
import type {LivechatContext} from './context.js';
import type {NewMessage} from './messages.js';
import {publishEnqueued, publishLeft} from './queue.js';
import {publishMessage, publishRoomChange} from './room-events.js';
import {findDepartment} from './settings.js';
import type {AgentInfo, AgentRecord, MessageDoc, RoomDoc, VisitorDoc} from './types.js';

/** Options of a new room. */
export interface CreateRoomOptions {
  /** Prefer this agent when they are available (`GET livechat/room?agentId=`). */
  agentId?: string;
  /** `widget` or `api`, as Rocket.Chat's `isWidget()` decides. */
  sourceType?: string;
  /** The client address key (`clientKey`) the request came from; counted while the room is open. */
  openedFrom?: string;
  /** Open rooms one address key may hold; a new one past it is refused. 0: no cap. */
  maxOpenPerAddress?: number;
}

/**
 * Refused: the address already holds `max` open chats. 429 with a wait, so that the widget
 * tries again later (another chat of the address may have ended by then) instead of failing.
 */
export const tooManyOpenChats = (max: number) =>
  new LivechatError(
    'error-too-many-open-chats',
    'meteor',
    `Too many open chats from this address (at most ${max}); one must end before another ` +
      `starts. You must wait ${OPEN_CHATS_RETRY_SECONDS} seconds before trying again.`,
    429,
    {limit: max},
  );

/** The wait `tooManyOpenChats` names. */
export const OPEN_CHATS_RETRY_SECONDS = 60;

/** Rocket.Chat's error when nobody can take the chat. */
export const noAgentOnline = () => meteorError('no-agent-online', 'Sorry, no online agents');

function isUniqueViolation(error: unknown): boolean {
  return (error as {code?: string} | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Who may take a chat of this department: its agents (or everyone), within the chat limit. */
export function agentFilter(ctx: LivechatContext, department?: string): AgentFilter {
  const agents = findDepartment(ctx.settings, department)?.agents;
  return {usernames: agents, maxChats: ctx.settings.maxChatsPerAgent};
}

/**
 * `config.online`: inside business hours (when they are on) and some agent of the department
 * is available. New chats are refused whenever this is false.
 */
export function isDeskOnline(ctx: LivechatContext, department?: string): boolean {
  return (
    isOpen(ctx.settings.businessHours, ctx.clock()) &&
    ctx.agents.isOnline(agentFilter(ctx, department).usernames)
  );
}

/** What visitors learn about an agent: the card, or `{hiddenInfo:true}` when it is hidden. */
export function agentCard(
  ctx: LivechatContext,
  agent: AgentRecord,
): AgentInfo | {hiddenInfo: true} {
  return ctx.settings.agentHiddenInfo ? {hiddenInfo: true} : ctx.agents.info(agent);
}

const joinMessages = (rid: string, agent: AgentRecord): NewMessage[] => {
  const u = {_id: agent.id, username: agent.username, name: agent.name};
  return [
    {_id: randomId(), rid, msg: 'connected', t: 'command', u},
    {_id: randomId(), rid, msg: '', t: 'uj', u, extra: {groupable: false}},
  ];
};

/** Tells everyone that an agent now serves the room: their list, the room, the visitor. */
function announceAgent(
  ctx: LivechatContext,
  rid: string,
  agent: AgentRecord,
  joined: MessageDoc[],
): void {
  const room = ctx.rooms.findById(rid, true);
  if (room) publishRoomChange(ctx, 'inserted', room);
  for (const message of joined) publishMessage(ctx, message);
  const event = {type: 'agentData', data: agentCard(ctx, agent)};
  ctx.streams.publish(channels.livechatRoom(rid), [event]);
}

/**
 * The visitor's open room, or a new one. With auto routing it goes to the available agent with
 * the fewest open chats (of the visitor's department, under the chat limit); with manual routing,
 * or when every agent is at the limit, it waits in the queue. A new room gets `livechat-started`
 * (from the visitor), then `command`/`connected` and `uj` once an agent has it, and `agentData`
 * on stream-livechat-room, as Rocket.Chat's createLivechatRoom and RoutingManager do.
 */
export function getOrCreateRoom(
  ctx: LivechatContext,
  visitor: VisitorDoc,
  options: CreateRoomOptions = {},
): {room: RoomDoc; newRoom: boolean} {
  let created: {rid: string; agent: AgentRecord | null; messages: MessageDoc[]} | null;
  try {
    created = ctx.db.transaction(() => {
      // better-sqlite3 is synchronous, so nothing can slip in between this read and the insert;
      // the unique index still guards against a second process on the same file.
      if (ctx.rooms.findOpenByToken(visitor.token)) return null;
      const department = findDepartment(ctx.settings, visitor.department)?._id;
      const filter = agentFilter(ctx, department);
      if (!isDeskOnline(ctx, department)) throw noAgentOnline();
      const max = options.maxOpenPerAddress ?? 0;
      if (options.openedFrom && max > 0 && ctx.rooms.countOpenFrom(options.openedFrom) >= max) {
        throw tooManyOpenChats(max);
      }
      const preferred = options.agentId
        ? ctx.agents.pickAgent({...filter, preferredId: options.agentId})
        : null;
      const agent =
        preferred ?? (ctx.settings.routing === 'auto' ? ctx.agents.pickAgent(filter) : null);
      const rid = randomId();
      const sourceType = options.sourceType ?? 'api';
      ctx.rooms.insert({
        id: rid,
        visitor,
        agent,
        sourceType,
        department,
        openedFrom: options.openedFrom,
      });
      const started: NewMessage = {
        _id: randomId(),
        rid,
        msg: '',
        t: 'livechat-started',
        u: {_id: visitor._id, username: visitor.username},
        token: visitor.token,
        extra: {groupable: false},
      };
      const all = [started, ...(agent ? joinMessages(rid, agent) : [])];
      const messages = all
        .map((m) => ctx.messages.insert(m))
        .filter((m): m is MessageDoc => m !== null);
      if (!agent) ctx.inquiries.enqueue(rid, department);
      return {rid, agent, messages};
    })();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    created = null;
  }
  if (!created) {
    const room = ctx.rooms.findOpenByToken(visitor.token);
    if (room) return {room, newRoom: false};
    return getOrCreateRoom(ctx, visitor, options);
  }
  const [started, ...joined] = created.messages;
  if (started) publishMessage(ctx, started);
  if (created.agent) announceAgent(ctx, created.rid, created.agent, joined);
  else publishEnqueued(ctx, created.rid);
  return {room: ctx.rooms.findById(created.rid)!, newRoom: true};
}

/**
 * Gives a waiting (or transferred) open room to an agent: the inquiry is taken, the agent joins
 * and everyone is told. False when the room is gone or closed.
 */
export function assignRoom(ctx: LivechatContext, rid: string, agent: AgentRecord): boolean {
  const assigned = ctx.db.transaction(() => {
    if (!ctx.rooms.assign(rid, agent.id)) return null;
    const place = ctx.inquiries.removeRoom(rid);
    const joined = joinMessages(rid, agent)
      .map((m) => ctx.messages.insert(m))
      .filter((m): m is MessageDoc => m !== null);
    return {place, joined};
  })();
  if (!assigned) return false;
  announceAgent(ctx, rid, agent, assigned.joined);
  publishLeft(ctx, assigned.place);
  return true;
}

/**
 * Auto routing only: hands waiting rooms to agents who are free now, oldest first. A department
 * with nobody free is not asked again for its later rooms: each close asked once per waiting
 * room, a query each, so 10,000 waiting made every close block for a third of a second.
 */
export function routeQueue(ctx: LivechatContext): void {
  if (ctx.settings.routing !== 'auto') return;
  const full = new Set<string>();
  for (const inquiry of ctx.inquiries.listQueued()) {
    const key = inquiry.department ?? '';
    if (full.has(key)) continue;
    const agent = ctx.agents.pickAgent(agentFilter(ctx, inquiry.department));
    if (agent) assignRoom(ctx, inquiry.rid, agent);
    else full.add(key);
  }
}
