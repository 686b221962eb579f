import {channels} from '../ddp/streams.js';
import {bareFailure, meteorError, plainError} from '../errors.js';
import {randomId} from '../ids.js';
import type {AgentSession} from './agents.js';
import {closeRoom} from './closing.js';
import type {LivechatContext} from './context.js';
import type {InquiryDoc} from './queue.js';
import {inquiryDoc} from './queue.js';
import type {TranscriptRequestDoc} from './records.js';
import {storeAndPublish} from './room-events.js';
import {assignRoom, routeQueue} from './routing.js';
import {findDepartment, messageLimit} from './settings.js';
import {checkMessageText} from './text.js';
import type {AgentRecord, AgentStatus, MessageDoc, RoomDoc} from './types.js';

/** Rocket.Chat's answer when a user may not act on a room. */
export const notAllowed = () => meteorError('error-not-allowed', 'Not allowed');

/** An agent's message as `POST chat.sendMessage` carries it. */
export interface AgentMessageInput {
  rid: string;
  msg: string;
  _id?: string;
}

/**
 * The agent side of the livechat domain (a subset of Rocket.Chat's agent API): login, availability,
 * the rooms an agent serves, replies and closing.
 */
export class AgentDesk {
  constructor(readonly ctx: LivechatContext) {}

  /** Checks credentials, starts a session and makes the agent available; `null` if refused. */
  async login(
    user: string,
    password: string,
  ): Promise<{agent: AgentRecord; session: AgentSession} | null> {
    const agent = await this.ctx.agents.verifyPassword(user, password);
    if (!agent) return null;
    const session = this.ctx.agents.createSession(agent.id);
    this.setStatus(agent.id, 'available');
    return {agent: this.ctx.agents.findById(agent.id)!, session};
  }

  /** The agent behind a live auth token (and user id, when given), or `null`. */
  authenticate(authToken: string, userId?: string): {agent: AgentRecord; expiresAt: number} | null {
    return this.ctx.agents.resolveSession(authToken, userId);
  }

  /** Ends the session of this token, and the live DDP logins made with it. */
  logout(authToken: string): void {
    this.ctx.agents.endSession(authToken);
    this.ctx.streams.publish(channels.agentSession(authToken), []);
  }

  /** Sets availability and tells the visitors of the agent's open rooms (`agentStatus`). */
  setStatus(userId: string, status: AgentStatus): void {
    if (!this.ctx.agents.setStatus(userId, status)) return;
    const presence = status === 'available' ? 'online' : 'away';
    const event = {type: 'agentStatus', status: presence};
    for (const rid of this.ctx.rooms.openRoomIdsServedBy(userId)) {
      this.ctx.streams.publish(channels.livechatRoom(rid), [event]);
    }
    if (status === 'available') routeQueue(this.ctx);
  }

  /**
   * One page of the waiting chats this agent may take (their departments'), oldest first, and
   * how many there are. Only the page is read out of the rooms: reading every waiting room made
   * each call cost 35 µs × the queue (170 ms at 5,000 waiting, while the console polls it).
   */
  queuedInquiries(
    agent: AgentRecord,
    offset = 0,
    count = Infinity,
  ): {inquiries: InquiryDoc[]; total: number} {
    // The few departments waiting are checked here; the rows are filtered and counted in SQLite
    // (reading every waiting row took 30-60 ms at 10,000 waiting, on each console refresh).
    const mine = this.ctx.inquiries
      .queuedDepartments()
      .filter((department) => this.mayServe(agent, department || undefined));
    const {inquiries, total} = this.ctx.inquiries.pageQueued(mine, offset, count);
    return {inquiries: inquiries.map((i) => inquiryDoc(this.ctx, i)), total};
  }

  /**
   * `POST livechat/inquiries.take`: the agent takes a waiting chat; the visitor sees them join.
   * A chat already taken (or not theirs to take) is `error-not-allowed`, as in Rocket.Chat.
   */
  takeInquiry(agent: AgentRecord, inquiryId: string): InquiryDoc {
    const inquiry = this.ctx.inquiries.findById(inquiryId);
    const taken = () => meteorError('error-not-allowed', 'Inquiry already taken');
    if (!inquiry || inquiry.status !== 'queued' || !this.mayServe(agent, inquiry.department)) {
      throw taken();
    }
    if (!this.ctx.inquiries.take(inquiry._id, agent.id)) throw taken();
    const doc = inquiryDoc(this.ctx, {...inquiry, status: 'taken'});
    if (!assignRoom(this.ctx, inquiry.rid, agent)) throw taken();
    return doc;
  }

  /** Offline-form messages, newest first, with totals. */
  offlineMessages(offset: number, count: number, unreadOnly: boolean) {
    return this.ctx.offlineMessages.page(offset, count, unreadOnly);
  }

  /** Marks an offline message read or unread; `error-invalid-message` for an unknown id. */
  markOfflineMessage(agent: AgentRecord, id: string, read: boolean): void {
    if (!this.ctx.offlineMessages.mark(id, read, agent.id)) {
      throw plainError('error-invalid-message');
    }
  }

  /** The survey answers and transcript requests of a room the agent serves (or served). */
  roomFeedback(
    agent: AgentRecord,
    rid: string,
  ): {surveyFeedback: Record<string, string> | null; transcriptRequests: TranscriptRequestDoc[]} {
    const room = this.requireServedRoom(agent, rid);
    return {
      surveyFeedback: room.surveyFeedback ?? null,
      transcriptRequests: this.ctx.transcripts.forRoom(room._id),
    };
  }

  private mayServe(agent: AgentRecord, department: string | undefined): boolean {
    const agents = findDepartment(this.ctx.settings, department)?.agents;
    return !agents || agents.length === 0 || agents.includes(agent.username);
  }

  /** The rooms the agent serves (all, or only open/closed ones), newest activity first. */
  listRooms(
    agent: AgentRecord,
    open: boolean | undefined,
    offset: number,
    count: number,
  ): {rooms: RoomDoc[]; total: number} {
    return this.ctx.rooms.listServedBy(agent.id, open, offset, count);
  }

  /** A room the agent serves, or `error-not-allowed` (also for unknown ids). */
  requireServedRoom(agent: AgentRecord, rid: string): RoomDoc {
    const room = this.ctx.rooms.findById(rid);
    if (!room || room.servedBy?._id !== agent.id) throw notAllowed();
    return room;
  }

  /** Whether the agent serves this room (stream permission checks). */
  serves(agentId: string, rid: string): boolean {
    return this.ctx.rooms.findById(rid)?.servedBy?._id === agentId;
  }

  /** The latest `count` messages of a served room, oldest first. */
  roomMessages(agent: AgentRecord, rid: string, count: number): MessageDoc[] {
    const room = this.requireServedRoom(agent, rid);
    return this.ctx.messages.page(room._id, {limit: count, offset: 0}).reverse();
  }

  /** `POST chat.sendMessage`: a reply into an open room the agent serves. */
  sendMessage(agent: AgentRecord, input: AgentMessageInput): MessageDoc {
    const room = this.requireServedRoom(agent, input.rid);
    if (!room.open) throw plainError('room-closed');
    checkMessageText(input.msg, messageLimit(this.ctx.settings));
    const [message] = storeAndPublish(this.ctx, [
      {
        _id: input._id ?? randomId(),
        rid: room._id,
        msg: input.msg,
        u: {_id: agent.id, username: agent.username, name: agent.name},
      },
    ]);
    if (!message) throw bareFailure();
    return message;
  }

  /**
   * `POST livechat/room.closeByUser`: the agent ends the chat, with an optional comment and
   * tags (trimmed, duplicates dropped); the visitor gets livechat-close.
   */
  closeRoom(agent: AgentRecord, rid: string, comment = '', tags: readonly string[] = []): void {
    const room = this.ctx.rooms.findById(rid);
    if (!room) throw plainError('error-invalid-room');
    if (!room.open) throw plainError('error-room-already-closed');
    if (room.servedBy?._id !== agent.id) throw plainError('error-not-authorized');
    const cleanTags = [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))];
    if (!closeRoom(this.ctx, room, {kind: 'user', user: agent}, comment, cleanTags)) {
      throw plainError('error-room-already-closed');
    }
  }
}
