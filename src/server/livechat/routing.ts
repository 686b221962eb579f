import {channels} from '../ddp/streams.js';
import {meteorError} from '../errors.js';
import {randomId} from '../ids.js';
import type {LivechatContext} from './context.js';
import {publishMessage, publishRoomChange} from './room-events.js';
import type {MessageDoc, RoomDoc, VisitorDoc} from './types.js';

/** Options of a new room. */
export interface CreateRoomOptions {
  /** Prefer this agent when they are available (`GET livechat/room?agentId=`). */
  agentId?: string;
  /** `widget` or `api`, as Rocket.Chat's `isWidget()` decides. */
  sourceType?: string;
}

/** Rocket.Chat's error when nobody can take the chat and the queue is off. */
export const noAgentOnline = () => meteorError('no-agent-online', 'Sorry, no online agents');

function isUniqueViolation(error: unknown): boolean {
  return (error as {code?: string} | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The visitor's open room, or a new one routed to the available agent with the fewest open
 * chats (auto-selection). A new room gets, in order: `livechat-started` (from the visitor), then
 * `command`/`connected` and `uj` (from the agent), and `agentData` on stream-livechat-room,
 * as Rocket.Chat's createLivechatRoom and RoutingManager.assignAgent do.
 */
export function getOrCreateRoom(
  ctx: LivechatContext, visitor: VisitorDoc, options: CreateRoomOptions = {},
): {room: RoomDoc; newRoom: boolean} {
  let created: {rid: string; messages: MessageDoc[]} | null;
  try {
    created = ctx.db.transaction(() => {
      // better-sqlite3 is synchronous, so nothing can slip in between this read and the insert;
      // the unique index still guards against a second process on the same file.
      if (ctx.rooms.findOpenByToken(visitor.token)) return null;
      const agent = (options.agentId ? ctx.agents.pickAgent(options.agentId) : null)
        ?? ctx.agents.pickAgent();
      if (!agent) throw noAgentOnline();
      const rid = randomId();
      ctx.rooms.insert({id: rid, visitor, agent, sourceType: options.sourceType ?? 'api'});
      const visitorRef = {_id: visitor._id, username: visitor.username};
      const agentRef = {_id: agent.id, username: agent.username, name: agent.name};
      const messages = [
        ctx.messages.insert({
          _id: randomId(), rid, msg: '', t: 'livechat-started', u: visitorRef,
          token: visitor.token, extra: {groupable: false},
        }),
        ctx.messages.insert({_id: randomId(), rid, msg: 'connected', t: 'command', u: agentRef}),
        ctx.messages.insert({
          _id: randomId(), rid, msg: '', t: 'uj', u: agentRef, extra: {groupable: false},
        }),
      ].filter((m): m is MessageDoc => m !== null);
      return {rid, messages};
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
  const room = ctx.rooms.findById(created.rid, true)!;
  publishRoomChange(ctx, 'inserted', room);
  for (const message of created.messages) publishMessage(ctx, message);
  const agent = room.servedBy && ctx.agents.findById(room.servedBy._id);
  if (agent) {
    const data = ctx.settings.agentHiddenInfo ? {hiddenInfo: true} : ctx.agents.info(agent);
    ctx.streams.publish(channels.livechatRoom(room._id), [{type: 'agentData', data}]);
  }
  return {room: ctx.rooms.findById(created.rid)!, newRoom: true};
}
