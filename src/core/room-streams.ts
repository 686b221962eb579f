import {decodeRcMessage, isObject, parseWireDate} from './protocol/index.js';
import type {RcLivechatRoomEvent, RcMessage} from './protocol/index.js';
import type {DdpConnection, DdpSubscription} from './transport/ddp.js';

/** What the room's streams deliver, already checked. */
export interface RoomStreamHandlers {
  onMessage(raw: RcMessage): void;
  onRoomEvent(event: RcLivechatRoomEvent): void;
  onActivity(username: string, activities: string[], extra?: Record<string, unknown>): void;
  onDelete(id: string): void;
  /** The agent has read the messages sent before `until` (ms). */
  onMessagesRead(until: number): void;
}

const NOTIFY_ROOM = 'stream-notify-room';

function decodeRoomEvent(value: unknown): RcLivechatRoomEvent | null {
  if (!isObject(value) || typeof value.type !== 'string') return null;
  switch (value.type) {
    case 'agentData':
      return isObject(value.data) ? (value as unknown as RcLivechatRoomEvent) : null;
    case 'agentStatus':
      return typeof value.status === 'string' ? {type: 'agentStatus', status: value.status} : null;
    case 'queueData':
      return isObject(value.data) && typeof value.data.spot === 'number'
        ? (value as unknown as RcLivechatRoomEvent)
        : null;
    default:
      return null;
  }
}

/**
 * The visitor's live subscriptions to one room: `stream-room-messages`, `stream-livechat-room`
 * and `stream-notify-room` `<rid>/user-activity`, `<rid>/deleteMessage` and `<rid>/messagesRead`
 * (Rocket.Chat's read receipt, `{until}`), each with both token keys (protocol §3.1). A server
 * that refuses a stream (`nosub`) only leaves out what it would have told.
 */
export class RoomStreams {
  readonly #subs: DdpSubscription[];

  constructor(
    ddp: DdpConnection,
    readonly rid: string,
    token: string,
    handlers: RoomStreamHandlers,
  ) {
    const extra = {useCollection: false, args: [{token, visitorToken: token}]};
    // Each stream sends `{eventName, args}`; only the event subscribed to counts.
    const listen = (name: string, event: string, onArgs: (args: unknown[]) => void) =>
      ddp.subscribe(name, [event, extra], ({eventName, args}) => {
        if (eventName === event && Array.isArray(args)) onArgs(args);
      });
    this.#subs = [
      listen('stream-room-messages', rid, ([value]) => {
        const raw = decodeRcMessage(value);
        if (raw && raw.rid === rid) handlers.onMessage(raw);
      }),
      listen('stream-livechat-room', rid, ([value]) => {
        const event = decodeRoomEvent(value);
        if (event) handlers.onRoomEvent(event);
      }),
      listen(NOTIFY_ROOM, `${rid}/user-activity`, ([username, activities, extra]) => {
        if (typeof username !== 'string' || !Array.isArray(activities)) return;
        const list = activities.filter((a): a is string => typeof a === 'string');
        handlers.onActivity(username, list, isObject(extra) ? extra : undefined);
      }),
      listen(NOTIFY_ROOM, `${rid}/deleteMessage`, ([deleted]) => {
        if (isObject(deleted) && typeof deleted._id === 'string') handlers.onDelete(deleted._id);
      }),
      listen(NOTIFY_ROOM, `${rid}/messagesRead`, ([read]) => {
        // A thread's receipt (`tmid`) says nothing about the room's own messages.
        if (!isObject(read) || read.tmid !== undefined) return;
        const until = parseWireDate(read.until);
        if (until !== null) handlers.onMessagesRead(until);
      }),
    ];
  }

  /** Settles once the server answered the latest `sub` of every stream (ready or refused). */
  async ready(): Promise<void> {
    await Promise.allSettled(this.#subs.map((sub) => sub.ready));
  }

  /** Unsubscribes from every stream. */
  stop(): void {
    for (const sub of this.#subs) sub.stop();
  }
}
