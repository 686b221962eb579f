import type {Db} from '../db.js';
import {channels, type Streams} from '../ddp/streams.js';
import type {InquiryStore} from './inquiries.js';
import type {MessageStore, NewMessage} from './messages.js';
import type {RoomStore} from './rooms.js';
import type {MessageDoc, RoomDoc} from './types.js';

/** The part of the livechat context that publishing needs (context.ts builds on this file). */
interface EventDeps {
  db: Db;
  streams: Streams;
  rooms: RoomStore;
  messages: MessageStore;
  inquiries: InquiryStore;
}

/** How an agent's room list changes (`stream-notify-user` `<userId>/rooms-changed`). */
export type RoomChange = 'inserted' | 'updated' | 'removed';

/**
 * Sends a stored message to the room's subscribers and to its agent's `__agent__` feed.
 * `lastMessage`, when the caller has just stored it, saves reading the room's last message.
 */
export function publishMessage(
  ctx: EventDeps,
  message: MessageDoc,
  lastMessage?: MessageDoc,
): void {
  // One args array for both channels: the subscriptions encode it once.
  const args = [message];
  ctx.streams.publish(channels.roomMessages(message.rid), args);
  const room = ctx.rooms.findById(message.rid, lastMessage === undefined);
  if (!room?.servedBy) {
    // A chat still waiting: the agents' queue shows its latest visitor message, which may come
    // after the room (the widget opens the room, then sends).
    const fromVisitor = message.token !== undefined && !message.t;
    if (fromVisitor) publishIfQueued(ctx, message.rid);
    return;
  }
  if (lastMessage) room.lastMessage = lastMessage;
  ctx.streams.publish(channels.agentMessages(room.servedBy._id), args);
  publishRoomChange(ctx, 'updated', room);
}

/** Tells the serving agent that one of their rooms appeared, changed or went away. */
export function publishRoomChange(ctx: EventDeps, change: RoomChange, room: RoomDoc): void {
  if (!room.servedBy) return;
  ctx.streams.publish(channels.notifyUser(room.servedBy._id, 'rooms-changed'), [change, room]);
}

/**
 * The room's visitor changed (their presence): the serving agent gets the room again, or, while
 * the room waits, the agents watching the queue are told to fetch it again. The queue's stream
 * is open to logged-in agents only, and says nothing but the number waiting.
 */
export function publishVisitorChange(ctx: EventDeps, room: RoomDoc): void {
  if (room.servedBy) publishRoomChange(ctx, 'updated', room);
  else publishIfQueued(ctx, room._id);
}

function publishIfQueued(ctx: EventDeps, rid: string): void {
  if (ctx.inquiries.findByRoom(rid)?.status !== 'queued') return;
  const total = ctx.inquiries.countQueued();
  ctx.streams.publish(channels.inquiryQueue(), [{clientAction: 'updated', total}]);
}

/** Stores several messages in one transaction, then publishes them in order. */
export function storeAndPublish(ctx: EventDeps, messages: NewMessage[]): MessageDoc[] {
  const stored = ctx.db.transaction(() => messages.map((m) => ctx.messages.insert(m)))();
  const docs = stored.filter((m): m is MessageDoc => m !== null);
  // The room's last message is now the last one this transaction stored.
  for (const doc of docs) publishMessage(ctx, doc, docs.at(-1));
  return docs;
}
