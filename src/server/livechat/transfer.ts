import {bareFailure, meteorError, plainError} from '../errors.js';
import {randomId} from '../ids.js';
import type {Livechat} from './livechat.js';
import {publishQueue} from './queue.js';
import {publishMessage, publishRoomChange} from './room-events.js';
import {agentFilter, assignRoom} from './routing.js';
import {findDepartment} from './settings.js';
import type {MessageDoc, RoomDoc} from './types.js';

/**
 * The visitor moves their open room to another department (`POST livechat/room.transfer`,
 * `livechat:setDepartmentForVisitor`). A `livechat_transfer_history` message records it. With
 * auto routing the room goes to a free agent of that department (the current agent leaves with
 * `ul`); with manual routing it waits in that department's queue. When auto routing finds nobody
 * free, nothing changes and the answer is Rocket.Chat's bare failure.
 */
export function transferToDepartment(
  livechat: Livechat, token: string, rid: string, departmentId: string,
): RoomDoc {
  const {visitor, room} = livechat.requireRoom(token, rid);
  const {ctx} = livechat;
  if (!room.open) throw plainError('room-closed');
  const department = findDepartment(ctx.settings, departmentId);
  if (!department) throw meteorError('error-invalid-department', 'Invalid department');
  const previous = room.servedBy ? ctx.agents.findById(room.servedBy._id) : null;
  const isManual = ctx.settings.routing === 'manual';
  const filter = agentFilter(ctx, department._id);
  const next = isManual ? null : ctx.agents.pickAgent(filter);
  if (!isManual && !next) throw bareFailure();
  const transferData = {
    transferredBy: {_id: visitor._id, username: visitor.username, name: visitor.name,
      type: 'visitor'},
    ts: new Date(),
    scope: 'department',
    nextDepartment: {_id: department._id, name: department.name},
    ...(room.departmentId ? {previousDepartment: room.departmentId} : {}),
  };
  const stayed = previous !== null && next !== null && previous.id === next.id;
  const written = ctx.db.transaction(() => {
    ctx.rooms.setDepartment(room._id, department._id);
    ctx.visitors.setDepartment(token, department._id);
    const messages = [ctx.messages.insert({
      _id: randomId(), rid: room._id, msg: '', t: 'livechat_transfer_history',
      u: {_id: visitor._id, username: visitor.username}, extra: {transferData},
    })];
    if (previous && !stayed) {
      messages.push(ctx.messages.insert({
        _id: randomId(), rid: room._id, msg: '', t: 'ul',
        u: {_id: previous.id, username: previous.username, name: previous.name},
        extra: {groupable: false},
      }));
      ctx.rooms.assign(room._id, null);
    }
    if (isManual) ctx.inquiries.enqueue(room._id, department._id);
    return messages.filter((m): m is MessageDoc => m !== null);
  })();
  for (const message of written) publishMessage(ctx, message);
  if (previous && !stayed) {
    publishRoomChange(ctx, 'removed', {...room, open: false});
  }
  if (next && !stayed) assignRoom(ctx, room._id, next);
  if (isManual) publishQueue(ctx);
  return ctx.rooms.findById(room._id)!;
}
