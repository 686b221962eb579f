/**
 * An agent of a test server acting through Rocket.Chat's agent REST API, for the end-to-end
 * tests (re-exported by `widget-site.ts`).
 */
import assert from 'node:assert/strict';
import {TEST_AGENT, agentLogin, api} from './server-fixture.js';

/** A room as `livechat/rooms` lists it. */
export interface AgentRoom {
  _id: string;
  v: {token: string};
  departmentId?: string;
  [field: string]: any;
}

/** An agent of the test server, over Rocket.Chat's agent REST API. */
export interface Agent {
  /** Messages of a room, oldest first. */
  messages(rid: string): Promise<{_id: string; msg: string; t?: string; [field: string]: any}[]>;
  reply(rid: string, text: string): Promise<void>;
  /** The open rooms this agent serves. */
  rooms(): Promise<AgentRoom[]>;
  /** The ids of `rooms()`. */
  openRoomIds(): Promise<string[]>;
  close(rid: string): Promise<void>;
  /** The room's survey answers and transcript requests. */
  feedback(rid: string): Promise<Record<string, any>>;
  offlineMessages(): Promise<{messages: Record<string, any>[]}>;
  /** Takes the oldest chat waiting in the queue. */
  takeFirstInquiry(): Promise<void>;
  /** Takes the chat of room `rid` from the queue (other chats may wait there too). */
  takeInquiryOf(rid: string): Promise<void>;
  setAvailable(isAvailable: boolean): Promise<void>;
}

/**
 * The agent `who` (the test agent unless named). Each call logs in again, on the first request,
 * so a new `agentOf` survives a server restart; logging in also makes the agent available.
 */
export async function agentOf(
  url: string,
  who: {username: string; password: string} = TEST_AGENT,
): Promise<Agent> {
  let login: Promise<Record<string, string>> | undefined;
  const call = async (path: string, body?: unknown, query?: Record<string, string | number>) => {
    login ??= agentLogin(url, who.username, who.password).then((l) => l.headers);
    const answer = await api(url, path, {body, query, headers: await login});
    assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const rooms = async (): Promise<AgentRoom[]> =>
    (await call('/api/v1/livechat/rooms', undefined, {open: 'true', count: 100})).rooms;
  return {
    messages: async (rid) =>
      (await call('/api/v1/livechat/room.messages', undefined, {rid, count: 1000})).messages,
    reply: async (rid, text) => {
      await call('/api/v1/chat.sendMessage', {message: {rid, msg: text}});
    },
    rooms,
    openRoomIds: async () => (await rooms()).map((room) => room._id),
    close: async (rid) => {
      await call('/api/v1/livechat/room.closeByUser', {rid});
    },
    feedback: (rid) => call('/api/v1/livechat/room.feedback', undefined, {rid}),
    offlineMessages: async () =>
      (await call('/api/v1/livechat/offline.messages')) as {messages: Record<string, any>[]},
    async takeFirstInquiry() {
      const {inquiries} = await call('/api/v1/livechat/inquiries.queued');
      assert.ok(inquiries.length > 0, 'a chat waits in the queue');
      await call('/api/v1/livechat/inquiries.take', {inquiryId: inquiries[0]._id});
    },
    async takeInquiryOf(rid) {
      const {inquiries} = await call('/api/v1/livechat/inquiries.queued');
      const inquiry = (inquiries as {_id: string; rid: string}[]).find((i) => i.rid === rid);
      assert.ok(inquiry, `room ${rid} waits in the queue`);
      await call('/api/v1/livechat/inquiries.take', {inquiryId: inquiry._id});
    },
    setAvailable: async (isAvailable) => {
      await call('/api/v1/livechat/agent.status', {
        status: isAvailable ? 'available' : 'not-available',
      });
    },
  };
}
