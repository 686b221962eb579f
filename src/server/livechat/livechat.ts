import {bareFailure, invalidParams, meteorError, plainError} from '../errors.js';
import {randomId} from '../ids.js';
import {closeRoom} from './closing.js';
import {buildConfig} from './config-view.js';
import type {LivechatContext} from './context.js';
import {checkCustomFields, storeCustomFields} from './custom-fields.js';
import type {HistoryQuery} from './messages.js';
import {queueInfo} from './queue.js';
import {storeAndPublish} from './room-events.js';
import type {CreateRoomOptions} from './routing.js';
import {agentCard, agentFilter, getOrCreateRoom, isDeskOnline} from './routing.js';
import {findDepartment, messageLimit} from './settings.js';
import {checkMessageText, isWellFormed} from './text.js';
import type {AgentInfo, MessageDoc, RoomDoc, VisitorDoc} from './types.js';
import type {VisitorPresence} from './visitor-presence.js';
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
 * routes and DDP methods (including the legacy ones) both call these; the rest of the visitor
 * API lives in visitor-actions, message-edits, feedback, transfer and uploads.
 */
export class Livechat {
  /**
   * `presence` follows the visitors' sockets; REST routes report the visitor's requests to it.
   * `maxOpenChatsPerAddress`: open chats one client address key may hold (0: no cap).
   */
  constructor(
    readonly ctx: LivechatContext,
    readonly presence: VisitorPresence,
    readonly maxOpenChatsPerAddress = 0,
  ) {}

  /** `GET livechat/config`: `guest` for a known token, `room`/`agent` while a room is open. */
  config(token?: string, department?: string): Record<string, unknown> {
    const {settings, rooms, visitors} = this.ctx;
    if (!settings.enabled) return {enabled: false};
    const guest = token ? visitors.findByToken(token) : null;
    const room = guest ? rooms.findOpenByToken(guest.token) : null;
    const agent = room?.servedBy ? this.agentCard(room.servedBy._id) : null;
    const queue = room && !room.servedBy ? queueInfo(this.ctx, room._id) : null;
    const wanted = findDepartment(settings, department ?? guest?.department);
    return {
      ...buildConfig(settings),
      online: isDeskOnline(this.ctx, wanted?._id),
      ...(guest ? {guest} : {}),
      ...(room ? {room} : {}),
      ...(agent ? {agent} : {}),
      ...(queue ? {queueInfo: queue} : {}),
    };
  }

  /** `POST livechat/visitor`: creates the visitor for the token, or updates it. */
  registerVisitor(input: VisitorInput): VisitorDoc {
    if (!isWellFormed(input.token)) {
      throw invalidParams('token must be well-formed Unicode text', 'token');
    }
    let department: string | undefined;
    if (input.department) {
      department = findDepartment(this.ctx.settings, input.department)?._id;
      if (!department) {
        throw meteorError('error-invalid-department', 'The provided department is invalid');
      }
    }
    const fields = checkCustomFields(this.ctx.settings, input.customFields ?? [], true);
    const visitorKeys = new Set(fields.filter((f) => f.scope === 'visitor').map((f) => f.key));
    const visitor = this.ctx.visitors.upsert({...input, department}, visitorKeys);
    if (input.name) this.ctx.rooms.renameOpenRoom(visitor.token, input.name);
    storeCustomFields(
      this.ctx,
      visitor.token,
      fields.filter((f) => f.scope === 'room'),
    );
    return this.ctx.visitors.findByToken(visitor.token)!;
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
    token: string,
    rid?: string,
    options: CreateRoomOptions = {},
  ): {room: RoomDoc; newRoom: boolean} {
    const visitor = this.requireVisitor(token);
    if (rid) {
      const room = this.ctx.rooms.findByIdAndToken(rid, token);
      if (!room?.open) throw invalidRoom();
      return {room, newRoom: false};
    }
    return getOrCreateRoom(this.ctx, visitor, {
      ...options,
      maxOpenPerAddress: this.maxOpenChatsPerAddress,
    });
  }

  /**
   * `POST livechat/message`: stores and broadcasts a visitor message in their open room. A
   * repeated `_id` stores nothing and fails with a bare `{success:false}`, like Rocket.Chat.
   */
  sendMessage(input: VisitorMessageInput): MessageDoc {
    const {visitor, room} = this.requireRoom(input.token, input.rid);
    if (!room.open) throw plainError('room-closed');
    checkMessageText(input.msg, messageLimit(this.ctx.settings));
    const [message] = storeAndPublish(this.ctx, [this.visitorMessage(visitor, room, input)]);
    if (!message) throw bareFailure();
    return message;
  }

  /** A visitor's message ready to store (also used by the legacy DDP send). */
  visitorMessage(visitor: VisitorDoc, room: RoomDoc, input: {_id?: string; msg: string}) {
    const u = {_id: visitor._id, username: visitor.username};
    return {
      _id: input._id ?? randomId(),
      rid: room._id,
      msg: input.msg,
      u: visitor.name ? {...u, name: visitor.name} : u,
      token: visitor.token,
      alias: visitor.name || visitor.username,
    };
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

  /**
   * `GET livechat/agent.next/:token`: the agent a new chat would go to (for trigger messages),
   * `null` when the visitor already has an open room, `agent-not-found` when nobody is free.
   */
  nextAgent(token: string, department?: string): AgentInfo | {hiddenInfo: true} | null {
    if (this.ctx.rooms.findOpenByToken(token)) return null;
    const wanted = findDepartment(this.ctx.settings, department)?._id;
    const agent = this.ctx.agents.pickAgent(agentFilter(this.ctx, wanted));
    if (!agent) throw plainError('agent-not-found');
    return agentCard(this.ctx, agent);
  }

  private agentCard(userId: string): AgentInfo | {hiddenInfo: true} | null {
    const agent = this.ctx.agents.findById(userId);
    return agent ? agentCard(this.ctx, agent) : null;
  }
}
