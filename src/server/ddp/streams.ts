/**
 * In-process publish/subscribe between the livechat domain and the DDP subscriptions. A channel
 * is a string (see `channels`); a publication is the `args` array of a stream event.
 */
export type StreamListener = (args: readonly unknown[], originId: string | undefined) => void;

/** Channel names; each matches one DDP stream and event name. */
export const channels = {
  /** `stream-room-messages` / `<rid>`: every message stored in the room. */
  roomMessages: (rid: string) => `room-messages:${rid}`,
  /** `stream-room-messages` / `__agent__`: every message of the rooms an agent serves. */
  agentMessages: (userId: string) => `agent-messages:${userId}`,
  /** `stream-livechat-room` / `<rid>`: agentData, agentStatus, queueData, visitorData. */
  livechatRoom: (rid: string) => `livechat-room:${rid}`,
  /** `stream-notify-room` / `<rid>/<event>`: user-activity, deleteMessage, messagesRead. */
  notifyRoom: (rid: string, event: string) => `notify-room:${rid}/${event}`,
  /**
   * `stream-notify-room` / `<rid>/user-activity` as the serving agent gets it: with the extraData
   * (the visitor's `sneakPeek` draft), which the visitors' channel never carries.
   */
  agentActivity: (rid: string) => `agent-activity:${rid}`,
  /** `stream-notify-user` / `<userId>/<event>`: rooms-changed. */
  notifyUser: (userId: string, event: string) => `notify-user:${userId}/${event}`,
  /** `stream-livechat-inquiry-queue-observer` / `public`: the manual queue, for agents. */
  inquiryQueue: () => 'inquiry-queue',
  /**
   * Not a stream: `[{rid?}]` here ends the visitor subscriptions of this token (to that room, or
   * to every room without `rid`) when the room closes or the visitor is removed (docs/security.md).
   */
  visitorAccess: (token: string) => `visitor-access:${token}`,
  /** Not a stream: a publication here ends the live DDP logins of this agent auth token. */
  agentSession: (authToken: string) => `agent-session:${authToken}`,
};

/** The bus. Listeners run synchronously; one that throws never stops the others. */
export class Streams {
  private readonly listeners = new Map<string, Set<StreamListener>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Listens to a channel; returns the function that stops listening. */
  subscribe(channel: string, listener: StreamListener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(channel);
    };
  }

  /**
   * Sends `args` to every listener of the channel. `originId` names the connection that caused
   * it, so that a writer does not get its own typing event back (Rocket.Chat's streamer does
   * not retransmit to self).
   */
  publish(channel: string, args: readonly unknown[], originId?: string): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(args, originId);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Number of listeners on a channel (tests and diagnostics). */
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}
