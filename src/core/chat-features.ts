import {ChatActions} from './chat-actions.js';
import type {ChatSession} from './chat-session.js';
import {FileSender} from './file-sender.js';
import {historyPages} from './history.js';
import {importHistory, showGreeting} from './local-messages.js';
import {newVisitorToken} from './ids.js';
import {toAgentInfo} from './message-mapper.js';
import {OnlineWatch} from './online-watch.js';
import {parseWireDate} from './protocol/index.js';
import {nextAgent} from './transport/livechat-api.js';
import {VisitorReads} from './read-receipts.js';
import type {TriggerHost} from './triggers.js';
import {TypingNotifier, type TypingTarget} from './typing.js';
import {
  LiveChatError,
  type AgentInfo,
  type AgentRecord,
  type Author,
  type ChatStats,
  type Message,
} from './types.js';

/**
 * The client's conversation features beyond sending text: files, typing,
 * read state, history, rating and the other requests, and the online watch. Built on
 * the session's context; `LiveChatClient` only delegates here.
 */
export class ChatFeatures {
  readonly typing: TypingNotifier;
  readonly files: FileSender;
  readonly actions: ChatActions;
  private readonly reads: VisitorReads;
  private readonly online: OnlineWatch;
  private readonly offs: (() => void)[] = [];
  private isDisposed = false;

  constructor(private readonly session: ChatSession) {
    const {ctx, feed} = session;
    this.typing = new TypingNotifier(ctx.ddp, ctx.clock, () => this.typingTarget());
    this.files = new FileSender(ctx, feed, () => session.start());
    this.actions = new ChatActions(ctx, session.visitors);
    this.reads = new VisitorReads(ctx);
    const isOffline = () => ctx.model.snapshot.config?.online === false;
    this.online = new OnlineWatch(ctx.clock, ctx.emitter, () => session.loadConfig(), isOffline);
    this.offs.push(
      ctx.emitter.on('chat-started', () => {
        ctx.extras.stats.reset();
        ctx.extras.stats.started(ctx.clock.now());
      }),
    );
  }

  /** The element shows (or hides) the window (the facade tells the triggers who opened it). */
  setWindowOpen(isOpen: boolean): void {
    if (this.isDisposed) return;
    this.session.ctx.extras.isWindowOpen = isOpen;
    this.online.setOpen(isOpen);
    if (!isOpen) return;
    this.markRead();
  }

  /** Marks `messageId` (default: the newest message) and everything before it as read. */
  markRead(messageId?: string): void {
    const {model, emitter} = this.session.ctx;
    const {messages, lastReadId} = model.snapshot;
    const index = messageId === undefined
      ? messages.length - 1
      : messages.findIndex((m) => m.id === messageId);
    if (index < 0) {
      if (messageId === undefined) return;
      throw new LiveChatError('invalid-input', `No message with id ${messageId}`);
    }
    const readIndex = lastReadId === null ? -1 : messages.findIndex((m) => m.id === lastReadId);
    if (index <= readIndex) return;
    const id = messages[index].id;
    model.patch({lastReadId: id});
    emitter.emit('message-read', {messageId: id});
  }

  /** The visitor sent something: typing stops and trigger greetings become part of the chat. */
  visitorSent(): void {
    this.typing.sent();
    this.session.ctx.extras.unansweredGreetings.clear();
  }

  /** Older pages of the current room. */
  history(): AsyncIterableIterator<Message[]> {
    return historyPages(this.session.ctx, () => this.session.feed.mapContext());
  }

  /** Shows external history; returns the transcript. */
  importHistory(entries: readonly unknown[]): Message[] {
    return importHistory(this.session.ctx, entries);
  }

  /** The agents of this chat, oldest first. */
  getAgents(): AgentRecord[] {
    return this.session.ctx.extras.stats.list();
  }

  /** Start, end, duration and agents of this chat. */
  getStats(): ChatStats {
    const {model, clock, extras} = this.session.ctx;
    const {room, messages} = model.snapshot;
    const first = room ? messages.find((m) => m.rid === room._id && !m.imported) : undefined;
    const fallback = parseWireDate(room?.ts) ?? first?.ts ?? null;
    return extras.stats.stats(clock.now(), fallback);
  }

  /** Stops timers, polls and triggers. */
  dispose(): void {
    this.isDisposed = true;
    this.typing.dispose();
    this.reads.dispose();
    this.files.dispose();
    this.online.dispose();
    for (const off of this.offs) off();
  }

  private typingTarget(): TypingTarget | null {
    const {model} = this.session.ctx;
    const {room, visitor, state} = model.snapshot;
    const token = this.session.ctx.token();
    const isChatting = state === 'connecting' || state === 'active';
    if (!room || !token || !visitor?.username || !isChatting) return null;
    return {rid: room._id, username: visitor.username, token};
  }

  /**
   * The agent a new chat would go to (`agent.next`), or null: nobody is free, the server hides
   * agents, or the visitor already has a chat. Before a visitor exists a throwaway token asks,
   * which creates nothing on the server.
   */
  async nextAgent(): Promise<AgentInfo | null> {
    const {ctx} = this.session;
    const department = ctx.model.snapshot.visitor?.department ?? ctx.department;
    try {
      const agent = await nextAgent(ctx.rest, ctx.token() ?? newVisitorToken(), department);
      return agent ? toAgentInfo(agent, ctx.server) : null;
    } catch (error) {
      if (error instanceof LiveChatError && error.serverError === 'agent-not-found') return null;
      throw error;
    }
  }

  /** What a trigger engine needs from this chat: its state, the next agent, the greeting. */
  triggerHost(): TriggerHost {
    const {ctx} = this.session;
    return {
      isChatting: () => ['connecting', 'active'].includes(ctx.model.snapshot.state),
      nextAgent: async (): Promise<Author | null> => {
        if (!ctx.token()) return null;
        const agent = await this.nextAgent();
        return agent && {id: agent.id, username: agent.username, name: agent.name, role: 'agent'};
      },
      fallbackName: () => ctx.model.snapshot.config?.theme?.title ?? '',
      greet: (text, author) => showGreeting(ctx, text, author),
    };
  }
}
