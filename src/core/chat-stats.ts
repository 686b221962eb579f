import {parseWireDate} from './protocol/index.js';
import type {AgentInfo, AgentRecord, ChatSnapshot, ChatStats} from './types.js';

/**
 * Who served the current chat and when it started and ended, for `getAgents()` and
 * `getStats()` (Genesys' shapes). Reset when a new chat begins.
 */
export class ChatStatsTracker {
  #agents: AgentRecord[] = [];
  #startTime: number | null = null;
  #endTime: number | null = null;

  /** A chat began at `at` (the first call per chat wins). */
  started(at: number): void {
    this.#startTime ??= at;
  }

  /** `agent` serves the chat from `at`; whoever served before is disconnected then. */
  agentConnected(agent: AgentInfo, at: number): void {
    const current = this.#agents.find((a) => a.connected);
    if (current?.id === agent.id) {
      current.name = agent.name;
      return;
    }
    this.agentDisconnected(null, at);
    this.#agents.push({
      id: agent.id,
      username: agent.username,
      name: agent.name,
      connected: true,
      supervisor: false,
      connectedTime: at,
    });
  }

  /** The agent `id` (or, with null, every agent) left at `at`. */
  agentDisconnected(id: string | null, at: number): void {
    for (const agent of this.#agents) {
      if (!agent.connected || (id !== null && agent.id !== id)) continue;
      agent.connected = false;
      agent.disconnectedTime = at;
    }
  }

  /** The chat ended at `at`: every agent is disconnected. */
  ended(at: number): void {
    this.#endTime ??= at;
    this.agentDisconnected(null, at);
  }

  /** Forgets everything (a new chat begins). */
  reset(): void {
    this.#agents = [];
    this.#startTime = null;
    this.#endTime = null;
  }

  /** The agents seen so far, oldest first (copies). */
  list(): AgentRecord[] {
    return this.#agents.map((agent) => ({...agent}));
  }

  /** The stats at `now`; `fallbackStart` (first message, room time) when no start was seen. */
  stats(now: number, fallbackStart: number | null): ChatStats {
    const startTime = this.#startTime ?? fallbackStart;
    const endTime = this.#endTime;
    const duration = startTime === null ? 0 : Math.max(0, (endTime ?? now) - startTime);
    return {startTime, endTime, duration, agents: this.list()};
  }
}

/** The stats at `now`; without a seen start, the room's time or its first message's. */
export function statsOf(
  tracker: ChatStatsTracker,
  snapshot: Pick<ChatSnapshot, 'room' | 'messages'>,
  now: number,
): ChatStats {
  const {room, messages} = snapshot;
  const first = room ? messages.find((m) => m.rid === room._id && !m.imported) : undefined;
  const fallback = parseWireDate(room?.ts) ?? first?.ts ?? null;
  return tracker.stats(now, fallback);
}
