import type {Clock, TimerHandle} from './clock.js';
import type {RcConfig, RcTrigger} from './protocol/index.js';
import type {Author, Message} from './types.js';

/** Where fired `runOnce` trigger ids are kept (the element backs it with sessionStorage). */
export interface RunOnceStore {
  get(): string[];
  set(ids: string[]): void;
}

/** What the engine needs from the page; the core itself has no DOM. */
export interface TriggerEnvironment {
  /** The page's current URL (what `page-url` conditions match). */
  pageUrl(): string;
  runOnceStore: RunOnceStore;
  clock: Clock;
}

/** Conditions that come from the visitor rather than the page or the clock. */
export type TriggerEvent = 'chat-opened-by-visitor' | 'after-guest-registration';

/** A trigger fired: its greeting is in the transcript; the element may open the window. */
export interface TriggerFired {
  triggerId: string;
  message: Message;
}

/** What the engine needs from the client. */
export interface TriggerHost {
  /** Whether a chat is under way or its end is on screen (triggers then keep quiet). */
  isChatting(): boolean;
  /** The agent `agent.next` names, or null (never creates a visitor to ask). */
  nextAgent(): Promise<Author | null>;
  /** A name for a 'queue' greeting when no agent is known. */
  fallbackName(): string;
  /** Shows the greeting as a local agent message (the client may first load its engine). */
  greet(text: string, author: Author): Message | Promise<Message>;
}

type Action = RcTrigger['actions'][number];

function pageMatches(pattern: unknown, url: string): boolean {
  if (typeof pattern !== 'string' || !pattern) return false;
  try {
    return new RegExp(pattern).test(url);
  } catch {
    return false;
  }
}

/**
 * Rocket.Chat's client-side triggers (`config.triggers`): conditions `page-url`, `time-on-site`
 * (seconds since the engine started), `chat-opened-by-visitor` and `after-guest-registration`
 * (any condition fires the trigger); action `send-message`, a local greeting. Disabled
 * triggers are ignored; `runOnce` ids are remembered in the injected store.
 */
export class TriggerEngine {
  readonly #startedAt: number;
  readonly #timers = new Set<TimerHandle>();
  readonly #listeners = new Set<(fired: TriggerFired) => void>();
  readonly #firing = new Set<string>();
  #triggers: RcTrigger[] = [];
  #lastUrl: string | null = null;
  #isStopped = false;

  readonly #host: TriggerHost;
  readonly #env: TriggerEnvironment;

  constructor(host: TriggerHost, env: TriggerEnvironment) {
    this.#host = host;
    this.#env = env;
    this.#startedAt = env.clock.now();
  }

  /** Starts watching `triggers` (again): page-url now, time-on-site on the clock. */
  start(triggers: readonly RcTrigger[]): void {
    if (this.#isStopped) return;
    this.#clearTimers();
    this.#triggers = (Array.isArray(triggers) ? triggers : []).filter(
      (t) => t && t.enabled !== false && Array.isArray(t.conditions) && Array.isArray(t.actions),
    );
    this.#lastUrl = null;
    this.pageChanged();
    for (const trigger of this.#triggers) {
      for (const condition of trigger.conditions) {
        if (condition.name !== 'time-on-site') continue;
        const seconds = Number(condition.value);
        if (!Number.isFinite(seconds) || seconds < 0) continue;
        const elapsed = this.#env.clock.now() - this.#startedAt;
        const timer = this.#env.clock.setTimeout(
          () => {
            this.#timers.delete(timer);
            void this.#fire(trigger);
          },
          Math.max(0, seconds * 1000 - elapsed),
        );
        this.#timers.add(timer);
      }
    }
  }

  /** The page's URL may have changed (SPA navigation): `page-url` conditions are checked. */
  pageChanged(): void {
    const url = this.#env.pageUrl();
    if (this.#isStopped || url === this.#lastUrl) return;
    this.#lastUrl = url;
    for (const trigger of this.#triggers) {
      const matches = trigger.conditions.some(
        (c) => c.name === 'page-url' && pageMatches(c.value, url),
      );
      if (matches) void this.#fire(trigger);
    }
  }

  /** The visitor opened the chat, or registered. */
  notify(event: TriggerEvent): void {
    for (const trigger of this.#triggers) {
      if (trigger.conditions.some((c) => c.name === event)) void this.#fire(trigger);
    }
  }

  /** Calls `fn` for every fired trigger; returns the function that stops that. */
  onFire(fn: (fired: TriggerFired) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Stops every timer and listener for good. */
  stop(): void {
    this.#isStopped = true;
    this.#clearTimers();
    this.#listeners.clear();
  }

  async #fire(trigger: RcTrigger): Promise<void> {
    const action = trigger.actions.find((a) => a.name === 'send-message');
    const text = action?.params?.msg;
    if (this.#isStopped || !action || typeof text !== 'string' || !text.trim()) return;
    if (this.#firing.has(trigger._id) || this.#host.isChatting()) return;
    if (trigger.runOnce && !this.#claimRunOnce(trigger._id)) return;
    this.#firing.add(trigger._id);
    try {
      const author = await this.#author(action);
      if (this.#isStopped || this.#host.isChatting()) return;
      // The engine's code may not download (offline): no greeting then, and a runOnce trigger
      // is left for a later page.
      const message = await Promise.resolve(this.#host.greet(text, author)).catch(() => null);
      if (!message) {
        if (trigger.runOnce) this.#releaseRunOnce(trigger._id);
        return;
      }
      for (const fn of [...this.#listeners]) fn({triggerId: trigger._id, message});
    } finally {
      this.#firing.delete(trigger._id);
    }
  }

  /** Records a runOnce trigger as fired; false if it already had. */
  #claimRunOnce(id: string): boolean {
    const store = this.#env.runOnceStore;
    let fired: string[] = [];
    try {
      fired = store.get();
    } catch {
      // An unreadable store (storage blocked) counts as empty: the trigger may fire.
    }
    if (fired.includes(id)) return false;
    try {
      store.set([...fired, id]);
    } catch {
      // Storage refused the write; the trigger still fires in this page.
    }
    return true;
  }

  #releaseRunOnce(id: string): void {
    try {
      const store = this.#env.runOnceStore;
      store.set(store.get().filter((fired) => fired !== id));
    } catch {
      // Storage refused: the trigger stays spent, as it would have after greeting.
    }
  }

  async #author(action: Action): Promise<Author> {
    const params = action.params ?? {};
    const custom = typeof params.name === 'string' ? params.name : '';
    if (params.sender === 'queue') {
      const agent = await this.#host.nextAgent().catch(() => null);
      if (agent) return agent;
    }
    const name = custom || this.#host.fallbackName();
    return {id: '', username: '', name, role: 'agent'};
  }

  #clearTimers(): void {
    for (const timer of this.#timers) this.#env.clock.clearTimeout(timer);
    this.#timers.clear();
  }
}

/** What `clientTriggers()` needs of a client whose engine may not be loaded yet. */
export interface TriggerClient {
  readonly config: RcConfig | null;
  once(name: 'ready', fn: (detail: {config: RcConfig}) => void): unknown;
}

/**
 * A client's trigger engine, started on its config (now, or once it arrives). Its host is the
 * client's engine's once that is loaded (`engine()`); until then nobody is chatting and no
 * agent is known, and a greeting loads the engine first (`load()`).
 */
export function clientTriggers(
  client: TriggerClient,
  engine: () => TriggerHost | undefined,
  load: () => Promise<TriggerHost>,
  env: TriggerEnvironment,
): TriggerEngine {
  const host: TriggerHost = {
    isChatting: () => engine()?.isChatting() ?? false,
    nextAgent: async () => (await engine()?.nextAgent()) ?? null,
    fallbackName: () => client.config?.theme?.title ?? '',
    greet: async (text, author) => (engine() ?? (await load())).greet(text, author),
  };
  const triggers = new TriggerEngine(host, env);
  const config = client.config;
  if (config) triggers.start(config.triggers ?? []);
  else client.once('ready', ({config: loaded}) => triggers.start(loaded.triggers ?? []));
  return triggers;
}
