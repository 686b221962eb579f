import {markSeen} from './catch-up.js';
import type {ChatContext} from './chat-context.js';
import {FileLinks} from './file-links.js';
import {isOwnMessage, toAgentInfo, type MapContext} from './message-mapper.js';
import {
  parseWireDate,
  type RcLivechatRoomEvent,
  type RcMessage,
  type RcRoom,
  type RcUserRef,
} from './protocol/index.js';
import {applyAgentRead, refreshSeen} from './read-receipts.js';
import type {RoomStreamHandlers} from './room-streams.js';
import {isNewQueue, toQueueInfo} from './session-state.js';
import {LiveChatError, type AgentInfo, type Message, type QueueInfo} from './types.js';

/** What the feed needs: the chat, its events and outbox, REST for catch-up, the session writer. */
export type FeedDeps = Pick<
  ChatContext,
  'model' | 'state' | 'emitter' | 'outbox' | 'rest' | 'server' | 'clock' | 'sync'
>;

const tsOf = (m: RcMessage) => parseWireDate(m.ts) ?? 0;
const byTs = (a: RcMessage, b: RcMessage) => tsOf(a) - tsOf(b);

/**
 * Everything the server tells the client about the current room, from streams, history and
 * send answers: merges messages (by `_id`), settles the outbox, follows the agent, the queue,
 * typing and the end of the chat, and fires the matching events.
 */
export class RoomFeed implements RoomStreamHandlers {
  /** The agent whose `agent-left` fired, until another agent takes over: it fires once. */
  #departedId: string | null = null;

  /** Signed file links: known ones are kept, missing or stale ones asked for. */
  readonly links: FileLinks;

  readonly #ctx: FeedDeps;

  constructor(ctx: FeedDeps) {
    this.#ctx = ctx;
    this.links = new FileLinks(ctx, (raws) => this.ingest(raws));
  }

  /** A message another tab got confirmed: shown as sent, and no longer waited for here. */
  confirmLocal(message: Message): void {
    const {model, outbox, emitter, sync} = this.#ctx;
    model.putLocal(message);
    if (outbox.settle(message.id, message)) emitter.emit('message-sent', {message});
    void sync.save();
  }

  /** Merges server messages, oldest first, and applies what they mean (agent joined, closed). */
  ingest(raws: readonly RcMessage[]): void {
    const {model, emitter, outbox} = this.#ctx;
    const sorted = this.links.complete(raws).sort(byTs);
    // Only news has a meaning: a message seen before (a replay, a catch-up) happened already.
    const isNew = new Set(sorted.filter((raw) => !model.find(raw._id)).map((raw) => raw._id));
    const hidden = model.snapshot.config?.settings?.hiddenSystemMessages ?? [];
    const isRead = this.#ctx.state.isWindowOpen;
    const result = model.ingest(sorted, this.mapContext(), hidden, isRead);
    for (const message of result.confirmed) {
      outbox.settle(message.id, message);
      emitter.emit('message-sent', {message});
    }
    for (const raw of sorted) {
      const message = outbox.has(raw._id) ? model.find(raw._id) : undefined;
      if (message && outbox.settle(raw._id, message)) emitter.emit('message-sent', {message});
    }
    for (const message of result.received) emitter.emit('message-received', {message});
    const {lastReadId} = model.snapshot;
    if (isRead && result.received.length > 0 && lastReadId) {
      emitter.emit('message-read', {messageId: lastReadId});
    }
    for (const message of result.updated) emitter.emit('message-updated', {message});
    refreshSeen(this.#ctx);
    for (const raw of sorted) this.#applyMeaning(raw, isNew.has(raw._id));
    this.links.resolve(sorted);
    void this.#ctx.sync.save();
  }

  /** `stream-room-messages`. */
  onMessage(raw: RcMessage): void {
    this.ingest([raw]);
    markSeen(this.#ctx.state, raw.rid, [raw]);
  }

  /** `stream-livechat-room`: agent data and status, queue position. */
  onRoomEvent(event: RcLivechatRoomEvent): void {
    const {model, emitter, server} = this.#ctx;
    if (event.type === 'agentData') {
      if (event.data.hiddenInfo) this.#setAgent(null, true);
      else this.#setAgent(toAgentInfo(event.data, server));
    } else if (event.type === 'agentStatus') {
      const agent = model.snapshot.agent;
      if (agent) model.patch({agent: {...agent, status: event.status}});
      emitter.emit('agent-status', {status: event.status});
    } else if (event.type === 'queueData') {
      this.#setQueue(toQueueInfo(event.data));
    }
  }

  /** `<rid>/messagesRead`: the agent's read receipt. */
  onMessagesRead(until: number): void {
    applyAgentRead(this.#ctx, this.#ctx.model.snapshot.room?._id ?? '', until);
  }

  /** `<rid>/deleteMessage`: the message leaves the transcript; `message-updated` says so. */
  onDelete(id: string): void {
    const removed = this.#ctx.model.remove(id);
    if (!removed) return;
    const {attachments: _attachments, ...rest} = removed;
    // Rocket.Chat's own marker for a removed message is `t: 'rm'` with an empty text.
    const message: Message = {...rest, text: '', type: 'rm'};
    this.#ctx.emitter.emit('message-updated', {message});
    void this.#ctx.sync.save();
  }

  /** Sets the place in line (null once an agent serves) and fires `queue-changed`. */
  #setQueue(queue: QueueInfo | null): void {
    const {model, emitter} = this.#ctx;
    if (!isNewQueue(model.snapshot.queue, queue)) return;
    model.patch({queue});
    if (queue) emitter.emit('queue-changed', {...queue});
  }

  /** `stream-notify-room <rid>/user-activity`: the agent's typing. */
  onActivity(username: string, activities: string[]): void {
    const {model, emitter} = this.#ctx;
    if (username === model.snapshot.visitor?.username) return;
    const isTyping = activities.includes('user-typing');
    if (model.snapshot.agentTyping !== isTyping) model.patch({agentTyping: isTyping});
    emitter.emit('typing', {isTyping, username});
  }

  /** Fetches the serving agent's details (`agent.info`) when the room is served but unknown. */
  async fetchAgent(room: RcRoom): Promise<void> {
    const token = this.#ctx.state.token;
    if (!room.servedBy || this.#ctx.model.snapshot.agent || !token) return;
    try {
      const agent = await this.#ctx.rest.agentInfo(room._id, token);
      if (agent.hiddenInfo) this.#setAgent(null, true);
      else this.#setAgent(toAgentInfo(agent, this.#ctx.server));
    } catch {
      // Agent details are cosmetic; `agentData` on the stream fills them in later.
    }
  }

  /**
   * Sets (or clears) the agent; a known agent (or a hidden one, `isHidden`) means the chat is
   * active and the queue is over.
   */
  #setAgent(agent: AgentInfo | null, isHidden = false, at = this.#ctx.clock.now()): void {
    const {model, emitter, state: chat} = this.#ctx;
    const snapshot = model.snapshot;
    const isServed = agent !== null || isHidden;
    const state = snapshot.state === 'connecting' && isServed ? 'active' : snapshot.state;
    const previous = snapshot.agent;
    if (agent) chat.stats.agentConnected(agent, at);
    if (isServed) this.#setQueue(null);
    const isSame =
      previous?.id === agent?.id &&
      previous?.name === agent?.name &&
      previous?.status === agent?.status &&
      snapshot.agentHidden === isHidden;
    if (isSame) {
      if (state !== snapshot.state) model.patch({state});
      return;
    }
    // Another agent in place of the one on screen: a transfer whose `ul` was not seen.
    if (previous && agent && previous.id !== agent.id) this.#agentLeft(previous.id);
    if (agent && agent.id !== this.#departedId) this.#departedId = null;
    model.patch({agent, agentHidden: isHidden, state});
    emitter.emit('agent-changed', {agent});
  }

  /** The room `rid` was closed (by `by`): the chat ends, its unsent messages fail. */
  handleClosed(rid: string, by: 'visitor' | 'agent'): void {
    const {model, emitter, outbox} = this.#ctx;
    if (model.snapshot.room?._id !== rid || model.snapshot.state === 'ended') return;
    this.#ctx.state.stats.ended(this.#ctx.clock.now());
    model.patch({state: 'ended', agentTyping: false, queue: null});
    if (model.snapshot.agent) this.#agentLeft(model.snapshot.agent.id);
    for (const entry of outbox.list()) {
      if (entry.rid !== rid) continue;
      this.failMessage(entry.id, new LiveChatError('room-closed', 'The chat has ended'));
    }
    emitter.emit('chat-ended', {rid, by});
    void this.#ctx.sync.save();
  }

  /** Marks a message failed for good and tells its sender. */
  failMessage(id: string, error: LiveChatError): void {
    this.#ctx.outbox.reject(id, error);
    const message = this.#ctx.model.setStatus(id, 'failed');
    if (message) this.#ctx.emitter.emit('message-failed', {message, error});
    void this.#ctx.sync.save();
  }

  /** Who "we" are, for mapping authors. */
  mapContext(): MapContext {
    const {model, server} = this.#ctx;
    return {token: this.#ctx.state.token, visitorId: model.snapshot.visitor?.id, server};
  }

  /** Fires `agent-left` for the agent on screen, once per departure. */
  #agentLeft(agentId: string): void {
    const agent = this.#ctx.model.snapshot.agent;
    if (!agent || agent.id !== agentId || this.#departedId === agentId) return;
    this.#departedId = agentId;
    this.#ctx.emitter.emit('agent-left', {agent});
  }

  #applyMeaning(raw: RcMessage, isNew: boolean): void {
    const {model, state} = this.#ctx;
    // The client's clock, like every other stats time: server and client clocks may differ.
    const at = this.#ctx.clock.now();
    if (raw.rid !== model.snapshot.room?._id) return;
    if (raw.t === 'livechat-close') {
      this.handleClosed(raw.rid, isOwnMessage(raw, this.mapContext()) ? 'visitor' : 'agent');
    } else if ((raw.t === 'command' && raw.msg === 'connected') || raw.t === 'uj') {
      this.#agentJoined(raw.u, at);
    } else if (raw.t === 'ul') {
      state.stats.agentDisconnected(raw.u._id, at);
      if (isNew) this.#agentLeft(raw.u._id);
    } else if (raw.t === 'command' && raw.msg === 'promptTranscript') {
      if (!model.snapshot.transcriptOffered) model.patch({transcriptOffered: true});
    }
  }

  #agentJoined(user: RcUserRef, at: number): void {
    const {model, server} = this.#ctx;
    if (model.snapshot.state === 'ended') return;
    if (model.snapshot.config?.settings?.agentHiddenInfo) return this.#setAgent(null, true, at);
    const known = model.snapshot.agent;
    if (known?.id === user._id) return this.#setAgent(known, false, at);
    const agent = toAgentInfo({_id: user._id, username: user.username, name: user.name}, server);
    this.#setAgent(agent, false, at);
  }
}
