import {channels} from '../ddp/streams.js';
import {randomId} from '../ids.js';
import type {LivechatContext} from './context.js';
import type {NewMessage} from './messages.js';
import type {Closer, MessageDoc, RoomDoc} from './types.js';

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

/**
 * Closes an open room and writes the `livechat-close` message (with the visitor's `token` when
 * the visitor closed it), as `closeRoom` in Rocket.Chat's LivechatTyped does. False if the room
 * was already closed.
 */
export function closeRoom(
  ctx: LivechatContext, room: RoomDoc, closer: Closer, comment: string,
): boolean {
  const by = closer.kind === 'visitor'
    ? {_id: closer.visitor._id, username: closer.visitor.username, name: closer.visitor.name}
    : {_id: closer.user.id, username: closer.user.username, name: closer.user.name};
  const message = ctx.db.transaction(() => {
    if (!ctx.rooms.close(room._id, closer.kind, by._id, comment)) return undefined;
    return ctx.messages.insert({
      _id: randomId(),
      rid: room._id,
      msg: comment,
      t: 'livechat-close',
      u: by,
      ...(closer.kind === 'visitor' ? {token: closer.visitor.token} : {}),
      extra: {groupable: false, transcriptRequested: false},
    });
  })();
  if (message === undefined) return false;
  if (message) publishMessage(ctx, message);
  return true;
}
