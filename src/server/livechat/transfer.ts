import {bareFailure, invalidParams, meteorError, plainError} from '../errors.js';
import {randomId} from '../ids.js';
import type {LivechatContext} from './context.js';
import type {Livechat} from './livechat.js';
import {publishQueue} from './queue.js';
import {publishMessage, publishRoomChange} from './room-events.js';
import {agentFilter, assignRoom} from './routing.js';
import type {DepartmentSettings} from './settings.js';
import {findDepartment} from './settings.js';
import type {AgentRecord, MessageDoc, RoomDoc, UserRef} from './types.js';

/** Who moved a room, as Rocket.Chat's `transferredBy` names them. */
type TransferredBy = UserRef & {type: 'visitor' | 'user'};

/** Where a room goes: an agent, a department (and maybe one of its agents), or its queue. */
interface HandOver {
  by: TransferredBy;
  scope: 'agent' | 'department';
  department?: DepartmentSettings;
  /** The agent who takes it; `null` leaves it waiting in the queue. */
  next: AgentRecord | null;
  comment?: string;
}

/**
 * Moves an open room: a `livechat_transfer_history` message with Rocket.Chat's `transferData`
 * (`transferredBy`, `ts`, `scope`, `comment`, `previousDepartment`, `nextDepartment`,
 * `transferredTo`), the previous agent leaves with `ul` and their console drops the room
 * (`removed`), then the next agent joins (`uj`, `agentData` to the visitor, `inserted` to their
 * console) or the room waits in the department's queue.
 */
function handOver(ctx: LivechatContext, room: RoomDoc, move: HandOver): void {
  const previous = room.servedBy ? ctx.agents.findById(room.servedBy._id) : null;
  const {department, next} = move;
  const transferData = {
    transferredBy: move.by,
    ts: new Date(),
    scope: move.scope,
    ...(move.comment ? {comment: move.comment} : {}),
    ...(room.departmentId ? {previousDepartment: room.departmentId} : {}),
    ...(department ? {nextDepartment: {_id: department._id, name: department.name}} : {}),
    ...(next && move.scope === 'agent'
      ? {transferredTo: {_id: next.id, username: next.username, name: next.name}}
      : {}),
  };
  const stayed = previous !== null && next !== null && previous.id === next.id;
  const written = ctx.db.transaction(() => {
    if (department) ctx.rooms.setDepartment(room._id, department._id);
    const messages = [
      ctx.messages.insert({
        _id: randomId(),
        rid: room._id,
        msg: '',
        t: 'livechat_transfer_history',
        u: {_id: move.by._id, username: move.by.username},
        extra: {groupable: false, transferData},
      }),
    ];
    if (previous && !stayed) {
      messages.push(
        ctx.messages.insert({
          _id: randomId(),
          rid: room._id,
          msg: '',
          t: 'ul',
          u: {_id: previous.id, username: previous.username, name: previous.name},
          extra: {groupable: false},
        }),
      );
      ctx.rooms.assign(room._id, null);
    }
    if (!next) ctx.inquiries.enqueue(room._id, department?._id ?? room.departmentId);
    return messages.filter((m): m is MessageDoc => m !== null);
  })();
  for (const message of written) publishMessage(ctx, message);
  if (previous && !stayed) publishRoomChange(ctx, 'removed', {...room, open: false});
  if (next && !stayed) assignRoom(ctx, room._id, next);
  if (!next) publishQueue(ctx);
}

/**
 * The visitor moves their open room to another department (`POST livechat/room.transfer`,
 * `livechat:setDepartmentForVisitor`). With auto routing the room goes to a free agent of that
 * department (the current agent leaves with `ul`); with manual routing it waits in that
 * department's queue. When auto routing finds nobody free, nothing changes and the answer is
 * Rocket.Chat's bare failure.
 */
export function transferToDepartment(
  livechat: Livechat,
  token: string,
  rid: string,
  departmentId: string,
): RoomDoc {
  const {visitor, room} = livechat.requireRoom(token, rid);
  const {ctx} = livechat;
  if (!room.open) throw plainError('room-closed');
  const department = findDepartment(ctx.settings, departmentId);
  if (!department) throw meteorError('error-invalid-department', 'Invalid department');
  const isManual = ctx.settings.routing === 'manual';
  const next = isManual ? null : ctx.agents.pickAgent(agentFilter(ctx, department._id));
  if (!isManual && !next) throw bareFailure();
  ctx.visitors.setDepartment(token, department._id);
  const by = {
    _id: visitor._id,
    username: visitor.username,
    name: visitor.name,
    type: 'visitor' as const,
  };
  handOver(ctx, room, {by, scope: 'department', department, next});
  return ctx.rooms.findById(room._id)!;
}

/** What `POST livechat/room.forward` carries. */
export interface ForwardInput {
  roomId: string;
  userId?: string;
  departmentId?: string;
  comment?: string;
}

/**
 * An agent forwards an open room they serve (an admin: any open room) to another available
 * agent, or to a department: one of its free agents (never themselves) takes it, or with manual
 * routing it waits in that department's queue. Errors are Rocket.Chat's: `error-invalid-room`,
 * `error-room-closed`, `error-not-allowed`, `error-selected-agent-room-agent-are-same`,
 * `error-user-is-offline`, `error-invalid-department`, `error-no-agents-online-in-department`.
 */
export function forwardRoom(ctx: LivechatContext, agent: AgentRecord, input: ForwardInput): void {
  if (!input.userId && !input.departmentId) {
    throw invalidParams('userId or departmentId is required', 'userId');
  }
  const room = ctx.rooms.findById(input.roomId);
  if (!room) throw plainError('error-invalid-room');
  if (!room.open) throw plainError('error-room-closed');
  if (room.servedBy?._id !== agent.id && !agent.isAdmin) throw plainError('error-not-allowed');
  const by = {_id: agent.id, username: agent.username, name: agent.name, type: 'user' as const};
  const comment = input.comment?.trim() || undefined;
  if (input.userId) {
    if (input.userId === room.servedBy?._id) {
      throw plainError('error-selected-agent-room-agent-are-same');
    }
    const next = ctx.agents.findById(input.userId);
    if (!next || next.livechatStatus !== 'available') throw plainError('error-user-is-offline');
    const department = findDepartment(ctx.settings, input.departmentId);
    handOver(ctx, room, {by, scope: 'agent', next, comment, department});
    return;
  }
  const department = findDepartment(ctx.settings, input.departmentId);
  if (!department) throw plainError('error-invalid-department');
  const isManual = ctx.settings.routing === 'manual';
  const next = isManual
    ? null
    : ctx.agents.pickAgent({...agentFilter(ctx, department._id), excludeId: room.servedBy?._id});
  if (!isManual && !next) throw plainError('error-no-agents-online-in-department');
  handOver(ctx, room, {by, scope: 'department', department, next, comment});
}
