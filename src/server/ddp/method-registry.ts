import type {AgentDesk} from '../livechat/agent-desk.js';
import type {Livechat} from '../livechat/livechat.js';
import type {VisitorPresence} from '../livechat/visitor-presence.js';
import type {DdpConnection} from './connection.js';

/** What a method handler gets besides its params. */
export interface MethodContext {
  connection: DdpConnection;
  livechat: Livechat;
  desk: AgentDesk;
  /** The visitors' presence from their bound sockets. */
  presence: VisitorPresence;
}

/** A DDP method: its value becomes `result` (left out when falsy); a throw becomes `error`. */
export type MethodHandler = (context: MethodContext, params: unknown[]) => unknown;

/** The DDP methods by name; the legacy livechat methods register here too. */
export class MethodRegistry {
  private readonly handlers = new Map<string, MethodHandler>();

  /** Adds (or replaces) a method. */
  register(name: string, handler: MethodHandler): this {
    this.handlers.set(name, handler);
    return this;
  }

  /** The handler of a method, if there is one. */
  get(name: string): MethodHandler | undefined {
    return this.handlers.get(name);
  }
}
