import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import {publishRoomChange} from './room-events.js';
import type {RoomDoc} from './types.js';

/** Who has read a room, and up to when: messages with `ts` before `until` are read. */
export type Reader = 'visitor' | 'agent';

const KEYS: Record<Reader, 'visitorReadUntil' | 'agentReadUntil'> = {
  visitor: 'visitorReadUntil',
  agent: 'agentReadUntil',
};

/**
 * Moves a reader's position in the room's data (SQLite, so a reload of the console or the widget
 * still knows it) forward to `until`; returns the position now stored. Never moves back: reads
 * from two tabs may arrive out of order.
 */
function advance(ctx: LivechatContext, rid: string, reader: Reader, until: number): number {
  let stored = until;
  ctx.rooms.updateData(rid, (data) => {
    const previous = typeof data[KEYS[reader]] === 'number' ? (data[KEYS[reader]] as number) : 0;
    stored = Math.max(previous, until);
    data[KEYS[reader]] = stored;
  });
  return stored;
}

/**
 * The visitor has read their room up to `messageId` (default: everything so far). The serving
 * agent learns it through `rooms-changed` `updated` (the room's `visitorReadUntil`).
 */
export function markReadByVisitor(ctx: LivechatContext, room: RoomDoc, messageId?: string): Date {
  const message = messageId ? ctx.messages.findInRoom(messageId, room._id) : null;
  if (messageId && !message) return new Date(readUntil(room, 'visitor') ?? 0);
  const until = message ? message.ts.getTime() + 1 : lastTs(room) + 1;
  const stored = advance(ctx, room._id, 'visitor', until);
  const updated = ctx.rooms.findById(room._id, true);
  if (updated) publishRoomChange(ctx, 'updated', updated);
  return new Date(stored);
}

/**
 * The serving agent has read everything in the room so far (`subscriptions.read`): the visitor
 * learns it as Rocket.Chat's read receipt, `stream-notify-room` `<rid>/messagesRead` `{until}`.
 */
export function markReadByAgent(ctx: LivechatContext, room: RoomDoc): Date {
  const until = Math.max(Date.now(), lastTs(room) + 1);
  const stored = advance(ctx, room._id, 'agent', until);
  ctx.streams.publish(channels.notifyRoom(room._id, 'messagesRead'), [{until: new Date(stored)}]);
  return new Date(stored);
}

/** The reader's stored position in a room, if any. */
export function readUntil(room: RoomDoc, reader: Reader): number | null {
  return room[KEYS[reader]]?.getTime() ?? null;
}

function lastTs(room: RoomDoc): number {
  return room.lm?.getTime() ?? room.ts.getTime();
}
