import {channels} from '../ddp/streams.js';
import {randomId} from '../ids.js';
import type {LivechatContext} from './context.js';
import type {QueuePlace} from './inquiries.js';
import {publishLeft} from './queue.js';
import {publishMessage} from './room-events.js';
import {routeQueue} from './routing.js';
import {BOT_USER, type Closer, type MessageDoc, type RoomDoc} from './types.js';

/** What an agent's close may carry, on REST and DDP alike (Rocket.Chat sets no tag limit). */
export const CLOSE_LIMITS = {comment: 1024, tags: 20, tag: 40} as const;

/**
 * Closes an open room and writes the `livechat-close` message (with the visitor's `token` when
 * the visitor closed it), then `command`/`promptTranscript` when transcripts are on, as
 * `closeRoom` in Rocket.Chat's LivechatTyped does. Afterwards the visitor's live subscriptions to
 * the room end (docs/security.md), a queued room leaves the queue, and the freed agent may take a waiting
 * chat. An agent may tag the chat (`tags`, kept with the room). The server's bot closes abandoned
 * chats the same way (livechat/inactivity-close.ts). False if the room was already closed.
 */
export function closeRoom(
  ctx: LivechatContext,
  room: RoomDoc,
  closer: Closer,
  comment: string,
  tags: readonly string[] = [],
): boolean {
  const by =
    closer.kind === 'visitor'
      ? {_id: closer.visitor._id, username: closer.visitor.username, name: closer.visitor.name}
      : closer.kind === 'user'
        ? {_id: closer.user.id, username: closer.user.username, name: closer.user.name}
        : BOT_USER;
  let place: QueuePlace | null = null;
  const messages = ctx.db.transaction(() => {
    if (
      !ctx.rooms.close(
        room._id,
        closer.kind === 'visitor' ? 'visitor' : 'user',
        by._id,
        comment,
        tags,
      )
    )
      return undefined;
    place = ctx.inquiries.removeRoom(room._id);
    const closed = ctx.messages.insert({
      _id: randomId(),
      rid: room._id,
      msg: comment,
      t: 'livechat-close',
      u: by,
      ...(closer.kind === 'visitor' ? {token: closer.visitor.token} : {}),
      extra: {groupable: false, transcriptRequested: false},
    });
    const prompt = ctx.settings.transcript
      ? ctx.messages.insert({
          _id: randomId(),
          rid: room._id,
          msg: 'promptTranscript',
          t: 'command',
          u: by,
        })
      : null;
    return [closed, prompt].filter((m): m is MessageDoc => m !== null);
  })();
  if (messages === undefined) return false;
  for (const message of messages) publishMessage(ctx, message);
  ctx.streams.publish(channels.visitorAccess(room.v.token), [{rid: room._id}]);
  publishLeft(ctx, place);
  routeQueue(ctx);
  return true;
}
