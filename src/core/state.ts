import {ChatModel} from './chat-model.js';
import {ChatStatsTracker} from './chat-stats.js';
import type {Clock} from './clock.js';
import type {Emitter} from './emitter.js';
import {CLOSED_VIEW, type SessionView} from './store/session-store.js';
import type {ChatClientEvents, ChatSnapshot} from './types.js';

/**
 * All the mutable state of one client's chat: the public snapshot (`model`, whose every change
 * fires the client's events) and what is kept beside it, persisted (token, view, catch-up
 * cursor) or not (window, greetings, stats). The modules read and write it here, and nowhere
 * else.
 */
export class ChatState {
  /** The public snapshot; it goes on from the client's early one. */
  readonly model: ChatModel;
  /** The visitor's token: `null` until the visitor interacts or a session is restored. */
  token: string | null = null;
  /** How the visitor sees the widget (window, draft, scroll), kept with the session. */
  view: SessionView = {...CLOSED_VIEW};
  /** Catch-up cursor: server time of the newest message that came by stream or history. */
  lastSeen: {rid: string; ts: number} | null = null;
  /**
   * The room of a restored session until the server has described it (`model` has no room
   * yet): a page left meanwhile still stores it, or the next page would not know its chat.
   */
  restoringRid: string | null = null;
  /** Whether the element shows the window (`setWindowOpen`): arriving messages are read. */
  isWindowOpen = false;
  /** Trigger greetings the visitor has not answered yet: kept out of the stored session. */
  readonly unansweredGreetings = new Set<string>();
  /** Who served the current chat, and when it started and ended. */
  readonly stats = new ChatStatsTracker();

  readonly #offChats: () => void;

  constructor(
    emitter: Emitter<ChatClientEvents>,
    snapshot: ChatSnapshot | undefined,
    clock: Clock,
  ) {
    this.model = new ChatModel(emitter, snapshot);
    this.#offChats = emitter.on('chat-started', () => {
      this.stats.reset();
      this.stats.started(clock.now());
    });
  }

  /** The latest immutable snapshot. */
  get snapshot(): ChatSnapshot {
    return this.model.snapshot;
  }

  /** Whether a chat is going on: waiting for an agent (`connecting`) or served. */
  isChatting(): boolean {
    const {state} = this.model.snapshot;
    return state === 'connecting' || state === 'active';
  }

  /** Stops following the chats' starts. */
  dispose(): void {
    this.#offChats();
  }
}
