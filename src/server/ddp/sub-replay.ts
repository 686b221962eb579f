import {queueInfo} from '../livechat/queue.js';
import type {MethodContext} from './method-registry.js';

/**
 * After `ready` on a visitor's `stream-livechat-room` sub of a room waiting in line, sends that
 * connection the room's current `queueData`. A new chat joins the line as its room is created,
 * before any widget can have subscribed, and the line publishes a place only when it changes.
 * Our widget then reads its place from `livechat/config` (src/core/chat-session.ts); Rocket.Chat's
 * widget only from this event, so without the replay it never showed its spot. Rocket.Chat
 * itself sends the first event a second late instead; a replay cannot come too early. Sent for
 * every sub id: that widget listens for it only once its third sub of the room is ready.
 */
export function replayPlaceInLine(
  context: MethodContext,
  name: string,
  eventName: string,
  granted: {token?: string; rid?: string},
): void {
  if (name !== 'stream-livechat-room' || !granted.token || !granted.rid) return;
  const data = queueInfo(context.livechat.ctx, granted.rid);
  if (!data) return;
  const args = [{type: 'queueData', data}];
  context.connection.send({msg: 'changed', collection: name, id: 'id', fields: {eventName, args}});
}
