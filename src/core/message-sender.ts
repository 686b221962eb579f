import {visitorAuthor, type ChatContext} from './chat-context.js';
import {toLiveChatError} from './errors.js';
import type {RcRoom} from './protocol/index.js';
import type {RoomFeed} from './room-feed.js';
import type {OutboxEntry} from './store/session-store.js';
import {LiveChatError, type Message} from './types.js';

/** Optimistic sends and retries: shown at once, queued in the outbox, delivered exactly once. */
export class MessageSender {
  constructor(
    private readonly ctx: ChatContext,
    private readonly feed: RoomFeed,
    private readonly start: () => Promise<RcRoom>,
  ) {}

  /** Shows `text` as pending at once, then queues it for delivery. */
  send(id: string, text: string): Promise<Message> {
    const {model, clock} = this.ctx;
    const snapshot = model.snapshot;
    const message: Message = {
      id,
      rid: snapshot.room?._id ?? '',
      text,
      ts: clock.now(),
      author: visitorAuthor(snapshot.visitor),
      status: 'pending',
    };
    model.putLocal(message);
    return this.enqueue(message);
  }

  /** Resends a failed message under its id (a pending one is just awaited). */
  async retry(id: string): Promise<Message> {
    const {model, outbox} = this.ctx;
    const message = model.find(id);
    if (!message || message.author.role !== 'visitor') {
      throw new LiveChatError('no-active-chat', `No message of yours with id ${id}`);
    }
    if (message.status === 'sent') return message;
    if (outbox.has(id)) return outbox.wait(id);
    if (model.snapshot.state === 'ended') {
      throw new LiveChatError('no-active-chat', 'The chat has ended');
    }
    model.setStatus(id, 'pending');
    return this.enqueue(message);
  }

  private async enqueue(message: Message): Promise<Message> {
    const {model, outbox, sync} = this.ctx;
    let room: RcRoom;
    try {
      room = await this.start();
    } catch (error) {
      const wrapped = toLiveChatError(error);
      this.feed.failMessage(message.id, wrapped);
      throw wrapped;
    }
    const {id, text, ts} = message;
    const entry: OutboxEntry = {id, rid: room._id, text, ts, attempts: 0};
    model.setStatus(message.id, 'pending', room._id);
    const done = outbox.wait(entry.id);
    outbox.add(entry);
    // Stored before the first attempt, so a reload in between resends it instead of losing it.
    await sync.save();
    void outbox.deliver(entry.id);
    return done;
  }
}
