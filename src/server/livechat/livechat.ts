import {bareFailure, meteorError, plainError} from '../errors.js';
import {randomId} from '../ids.js';
import type {LivechatContext} from './context.js';
import type {HistoryQuery} from './messages.js';
import {closeRoom, storeAndPublish} from './room-events.js';
import type {CreateRoomOptions} from './routing.js';
import {getOrCreateRoom} from './routing.js';
import {buildConfig, messageLimit} from './settings.js';
import {checkMessageText} from './text.js';
import type {AgentInfo, MessageDoc, RoomDoc, VisitorDoc} from './types.js';
import type {VisitorInput} from './visitors.js';

/** Rocket.Chat's answer for an unknown visitor token (a Meteor.Error). */
export const invalidToken = () => meteorError('invalid-token');
/** Same body for a foreign and an unknown room id, so rooms cannot be enumerated. */
export const invalidRoom = () => plainError('invalid-room');

/** A visitor's message as `POST livechat/message` carries it. */
export interface VisitorMessageInput {
  token: string;
  rid: string;
  msg: string;
  _id?: string;
}

/**
 * The visitor side of the livechat domain: every call derives the room from the token. REST
 * routes and DDP methods (including the legacy ones) both call these.
 */
export class Livechat {
  constructor(readonly ctx: LivechatContext) {}

  /** `GET livechat/config`: `guest` for a known token, `room`/`agent` while a room is open. */
  config(token?: string): Record<string, unknown> {
    const {settings, agents, rooms, visitors} = this.ctx;
    if (!settings.enabled) return {enabled: false};
    const guest = token ? visitors.findByToken(token) : null;
    const room = guest ? rooms.findOpenByToken(guest.token) : null;
    const agent = room?.servedBy ? this.agentCard(room.servedBy._id) : null;
    return {
      ...buildConfig(settings),
      online: agents.isOnline(),
      ...(guest ? {guest} : {}),
      ...(room ? {room} : {}),
      ...(agent ? {agent} : {}),
    };
  }

  /** `POST livechat/visitor`: creates the visitor for the token, or updates it. */
  registerVisitor(input: VisitorInput): VisitorDoc {
    const allowed = new Set(
      this.ctx.settings.customFields.filter((f) => f.scope !== 'room').map((f) => f._id),
    );
    const visitor = this.ctx.visitors.upsert(input, allowed);
    if (input.name) this.ctx.rooms.renameOpenRoom(visitor.token, input.name);
    return visitor;
  }

  /** The visitor owning the token, or `invalid-token`. */
  requireVisitor(token: string): VisitorDoc {
    const visitor = this.ctx.visitors.findByToken(token);
    if (!visitor) throw invalidToken();
    return visitor;
  }

  /** The visitor and one of their rooms (open or closed), or the matching error. */
  requireRoom(token: string, rid: string): {visitor: VisitorDoc; room: RoomDoc} {
    const visitor = this.requireVisitor(token);
    const room = this.ctx.rooms.findByIdAndToken(rid, token);
    if (!room) throw invalidRoom();
    return {visitor, room};
  }

  /** `GET livechat/room`: the open room (checked against `rid` if given) or a new one. */
  getRoom(
    token: string, rid?: string, options: CreateRoomOptions = {},
  ): {room: RoomDoc; newRoom: boolean} {
    const visitor = this.requireVisitor(token);
    if (rid) {
      const room = this.ctx.rooms.findByIdAndToken(rid, token);
      if (!room?.open) throw invalidRoom();
      return {room, newRoom: false};
    }
    return getOrCreateRoom(this.ctx, visitor, options);
  }

  /**
   * `POST livechat/message`: stores and broadcasts a visitor message in their open room. A
   * repeated `_id` stores nothing and fails with a bare `{success:false}`, like Rocket.Chat.
   */
  sendMessage(input: VisitorMessageInput): MessageDoc {
    const {visitor, room} = this.requireRoom(input.token, input.rid);
    if (!room.open) throw plainError('room-closed');
    checkMessageText(input.msg, messageLimit(this.ctx.settings));
    const u = {_id: visitor._id, username: visitor.username};
    const [message] = storeAndPublish(this.ctx, [{
      _id: input._id ?? randomId(),
      rid: room._id,
      msg: input.msg,
      u: visitor.name ? {...u, name: visitor.name} : u,
      token: visitor.token,
      alias: visitor.name || visitor.username,
    }]);
    if (!message) throw bareFailure();
    return message;
  }

  /** `GET livechat/message/:_id`: a message of the visitor's room, else `invalid-message`. */
  getMessage(token: string, rid: string, id: string): MessageDoc {
    const {room} = this.requireRoom(token, rid);
    const message = this.ctx.messages.findInRoom(id, room._id);
    if (!message) throw plainError('invalid-message');
    return message;
  }

  /** `GET livechat/messages.history/:rid`: newest first unless asked otherwise. */
  history(token: string, rid: string, query: HistoryQuery): MessageDoc[] {
    const {room} = this.requireRoom(token, rid);
    return this.ctx.messages.page(room._id, query);
  }

  /** `POST livechat/room.close`: the visitor ends the chat. */
  closeByVisitor(token: string, rid: string): {rid: string; comment: string} {
    const {visitor, room} = this.requireRoom(token, rid);
    const comment = 'Closed by visitor';
    if (!room.open || !closeRoom(this.ctx, room, {kind: 'visitor', visitor}, comment)) {
      throw plainError('room-closed');
    }
    return {rid: room._id, comment};
  }

  /** `GET livechat/agent.info/:rid/:token`: the serving agent, or `invalid-agent`. */
  agentInfo(token: string, rid: string): AgentInfo | {hiddenInfo: true} {
    const {room} = this.requireRoom(token, rid);
    const agent = room.servedBy ? this.agentCard(room.servedBy._id) : null;
    if (!agent) throw plainError('invalid-agent');
    return agent;
  }

  private agentCard(userId: string): AgentInfo | {hiddenInfo: true} | null {
    const agent = this.ctx.agents.findById(userId);
    if (!agent) return null;
    return this.ctx.settings.agentHiddenInfo ? {hiddenInfo: true} : this.ctx.agents.info(agent);
  }
}
