import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import type {NewMessage} from './messages.js';
import type {MessageDoc, RoomDoc} from './types.js';

/** How an agent's room list changes (`stream-notify-user` `<userId>/rooms-changed`). */
export type RoomChange = 'inserted' | 'updated' | 'removed';

/** Sends a stored message to the room's subscribers and to its agent's `__agent__` feed. */
export function publishMessage(ctx: LivechatContext, message: MessageDoc): void {
  ctx.streams.publish(channels.roomMessages(message.rid), [message]);
  const room = ctx.rooms.findById(message.rid, true);
  if (!room?.servedBy) return;
  ctx.streams.publish(channels.agentMessages(room.servedBy._id), [message]);
  publishRoomChange(ctx, 'updated', room);
}

/** Tells the serving agent that one of their rooms appeared, changed or went away. */
export function publishRoomChange(ctx: LivechatContext, change: RoomChange, room: RoomDoc): void {
  if (!room.servedBy) return;
  ctx.streams.publish(channels.notifyUser(room.servedBy._id, 'rooms-changed'), [change, room]);
}

/** Stores several messages in one transaction, then publishes them in order. */
export function storeAndPublish(ctx: LivechatContext, messages: NewMessage[]): MessageDoc[] {
  const stored = ctx.db.transaction(() => messages.map((m) => ctx.messages.insert(m)))();
  const docs = stored.filter((m): m is MessageDoc => m !== null);
  for (const doc of docs) publishMessage(ctx, doc);
  return docs;
}
