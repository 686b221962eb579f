import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {LiveChatClient} from '../core/index.js';
import type {
  ChatClientEventName,
  ChatClientEvents,
  ChatSnapshot,
  RcConfig,
} from '../core/index.js';
import {emit} from '../events/emit.js';

// A record rather than an array: adding an event to ChatClientEvents without listing it here
// fails to compile, so no core event is ever left un-re-emitted.
const CORE_EVENTS: Record<ChatClientEventName, true> = {
  ready: true,
  'state-change': true,
  'connection-change': true,
  'message-received': true,
  'message-sent': true,
  'message-failed': true,
  'message-updated': true,
  'message-read': true,
  typing: true,
  'agent-changed': true,
  'agent-status': true,
  'queue-changed': true,
  'chat-started': true,
  'chat-ended': true,
  restored: true,
  'restore-timeout': true,
  'restore-failed': true,
  'service-online': true,
  'service-offline': true,
  'unread-changed': true,
  error: true,
};

/** Every core event name, in declaration order. */
export const CORE_EVENT_NAMES = Object.keys(CORE_EVENTS) as ChatClientEventName[];

/** What a host asks the controller for; `server` is an absolute http(s) URL or empty. */
export type ChatClientRequest = Pick<
  ConstructorParameters<typeof LiveChatClient>[0],
  'server' | 'department' | 'persist' | 'restoreTimeout'
>;

const ignore = (): void => {};

/**
 * Gives a host element its `LiveChatClient`: creates it for a server, keeps the latest
 * snapshot, re-renders the host on every change, re-emits each core event on the host as
 * `lc-<name>`, and destroys the client once the host leaves the page.
 */
export class ChatController implements ReactiveController {
  /** The client's latest snapshot, or null while there is no client. */
  snapshot: ChatSnapshot | null = null;

  /** Resolves with the server config of the first client that loads one. */
  readonly ready: Promise<RcConfig>;

  private readonly host: ReactiveControllerHost & HTMLElement;
  private current: LiveChatClient | null = null;
  private request: ChatClientRequest | null = null;
  private unsubscribers: (() => void)[] = [];
  private resolveReady!: (config: RcConfig) => void;
  private rejectReady!: (reason: unknown) => void;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    this.ready = new Promise<RcConfig>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Marks the promise handled; whoever awaits `ready` still sees the rejection.
    this.ready.catch(ignore);
    host.addController(this);
  }

  /** The current client, or null without a server or while the host is not in the page. */
  get client(): LiveChatClient | null {
    return this.current;
  }

  hostConnected(): void {
    if (this.request && !this.current) this.create(this.request);
    else this.subscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe();
    // A move within the page (remove, then insert in the same task) keeps the chat alive.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.drop();
    });
  }

  /**
   * Points the host at a server (or at none, with an empty `server`). Only a new server or
   * persist mode replaces the client; the department and restore timeout are read when a
   * client is created.
   */
  use(request: ChatClientRequest): void {
    const same =
      this.request?.server === request.server && this.request?.persist === request.persist;
    this.request = request;
    if (same && (this.current || !request.server)) return;
    this.drop();
    if (this.host.isConnected) this.create(request);
  }

  private create(request: ChatClientRequest): void {
    if (!request.server) return;
    try {
      this.current = new LiveChatClient(request);
    } catch {
      // A URL the client refuses (not http or https) leaves the widget without a chat.
      return;
    }
    this.subscribe();
    this.current.ready.then(this.resolveReady, this.rejectReady);
    // A returning visitor's cached transcript paints first; the client then reconnects.
    this.current.restore().catch(ignore);
  }

  private drop(): void {
    this.unsubscribe();
    this.current?.destroy();
    this.current = null;
    this.snapshot = null;
    this.host.requestUpdate();
  }

  private subscribe(): void {
    const client = this.current;
    if (!client || this.unsubscribers.length > 0) return;
    this.snapshot = client.getSnapshot();
    for (const name of CORE_EVENT_NAMES) {
      this.unsubscribers.push(
        client.on(name, (detail: ChatClientEvents[typeof name]) =>
          this.handleClientEvent(name, detail),
        ),
      );
    }
    this.host.requestUpdate();
  }

  private unsubscribe(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
  }

  private handleClientEvent<K extends ChatClientEventName>(
    name: K,
    detail: ChatClientEvents[K],
  ): void {
    // The snapshot is refreshed first, so a page listener that reads the element's state
    // from inside an lc-* handler already sees the change the event announces.
    if (this.current) this.snapshot = this.current.getSnapshot();
    this.host.requestUpdate();
    emit(this.host, `lc-${name}`, (detail ?? {}) as never);
  }
}
