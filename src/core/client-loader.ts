import type {ChatEngine} from './chat-engine.js';
import {LiveChatClientBase} from './client-base.js';
import {serverBase, type LiveChatClientOptions} from './client-options.js';
import {systemClock} from './clock.js';
import {loadConfig} from './config-loader.js';
import {fetchConfig} from './early-config.js';
import {destroyed} from './errors.js';
import type {RcConfig} from './protocol/index.js';
import {keptHere, mayHaveSession} from './session-probe.js';
import {siteIdFor} from './site-id.js';
import {currentSource} from './snapshot-model.js';
import {isSessionNews, TabChannel, type TabMessage} from './tab-channel.js';
import {LiveChatError} from './types.js';

/** The part of the client that is loaded when a visitor needs it (`chat-engine.ts`). */
export type EngineModule = typeof import('./chat-engine.js');

let loadedEngine: EngineModule | null = null;

/** Makes the engine available at once to every client (`core/index.ts` carries it). */
export function provideEngine(module: EngineModule): void {
  loadedEngine = module;
}

/** The engine module if some client (or `core/index.ts`) has loaded it, else null. */
export function engineIfLoaded(): EngineModule | null {
  return loadedEngine;
}

function importEngine(): Promise<EngineModule> {
  if (loadedEngine) return Promise.resolve(loadedEngine);
  // The build asks for the chunks the engine's imports (the triggers', a chunk of their own for
  // pages with triggers and no chat) together with it (vite.config.ts, preloadChunkImports).
  return import('./chat-engine.js').then((module) => (loadedEngine = module));
}

/**
 * How `LiveChatClient` gets its engine (the session, live link, outbox, store and features):
 * a separate chunk, loaded and created on first use, so that a page that never chats downloads
 * only the events, the snapshot and the config request. Meanwhile it fetches the config itself,
 * and follows a session that another tab of the site starts.
 */
export class LiveChatClientLoader extends LiveChatClientBase {
  /** Resolves with the server config (`GET livechat/config`); rejects `invalid-config` if off. */
  readonly ready: Promise<RcConfig>;

  protected readonly options: LiveChatClientOptions;
  protected engine: ChatEngine | null = null;
  protected engineLoad: Promise<ChatEngine> | null = null;
  protected isDestroyed = false;
  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #server: string;
  readonly #siteId: string;
  #tabWatch: TabChannel | null = null;
  #tabNews: TabMessage | null = null;

  constructor(options: LiveChatClientOptions) {
    super();
    this.options = {...options};
    this.#server = serverBase(options.server);
    this.#siteId = options.siteId ?? siteIdFor(this.#server);
    if (loadedEngine) {
      this.ready = this.#createEngine(loadedEngine).loadConfig(true);
    } else {
      this.ready = this.#loadFirstConfig();
      // Another tab may start this site's chat: this one follows it (docs/reliability.md).
      const sharesTabs = !options.store && (options.persist ?? 'local') === 'local';
      if (sharesTabs)
        this.#tabWatch = new TabChannel(this.#siteId, (m) => this.#handleTabMessage(m));
    }
    this.ready.catch(() => undefined);
  }

  /** Loads the engine's code; the element overrides it to load its window along. */
  protected loadEngine(): Promise<EngineModule> {
    return importEngine();
  }

  /** Runs `run` on the engine: at once when it is here, so that `send()` shows synchronously. */
  protected call<T>(run: (engine: ChatEngine) => Promise<T>): Promise<T> {
    return this.engine ? run(this.engine) : this.load().then(run);
  }

  /** The engine, created on first use; rejects `network` if its code cannot be loaded. */
  protected load(): Promise<ChatEngine> {
    if (this.engine) return Promise.resolve(this.engine);
    if (this.isDestroyed) return Promise.reject(destroyed());
    this.engineLoad ??= this.loadEngine().then(
      (module) => {
        if (this.isDestroyed) throw destroyed();
        return this.engine ?? this.#createEngine(module);
      },
      (error: unknown) => {
        this.engineLoad = null;
        const failure = new LiveChatError('network', 'The chat could not be loaded');
        failure.cause = error;
        throw failure;
      },
    );
    return this.engineLoad;
  }

  /** Whether a stored session may exist, asked without creating storage or loading the engine. */
  protected mayHaveSession(): Promise<boolean> {
    const {store, persist = 'local'} = this.options;
    if (!store) {
      // The site's chat was kept (on the site's previous page, or in another tab): the engine's
      // and the window's code download at once, and the store looks for the session itself.
      // Read in the page's loading task: in a task of its own the note was read only after the
      // page's loading and first paint, 20 to 40 ms later in a new tab. Being the page's first
      // read of localStorage, it adds a few ms to that task (1 to 12 measured on the shared
      // 2-core machine, mostly under 5). The probe is not asked then: its look, at the same
      // time as the downloads, held the engine's evaluation back (by 7 ms, median of 24 returns).
      if (persist === 'local' && keptHere(this.#siteId)) return Promise.resolve(true);
      return mayHaveSession(persist, this.#siteId);
    }
    // A store's `load()` creates no storage, but an unreadable one is the engine's to report.
    return store.load().then(
      (record) => record !== null,
      () => true,
    );
  }

  /** Throws `destroyed` after `destroy()`. */
  protected assertAlive(): void {
    if (this.isDestroyed) throw destroyed();
  }

  /** Stops the engine (if any) and the tab watch, and drops every listener. */
  protected stop(): void {
    this.isDestroyed = true;
    this.#tabWatch?.close();
    this.engine?.destroy();
    this.emitter.clear();
  }

  #createEngine(module: EngineModule): ChatEngine {
    const {options, emitter} = this;
    const snapshot = this.model.snapshot;
    const init = {emitter, snapshot, options, server: this.#server, siteId: this.#siteId};
    const engine = new module.ChatEngine(init);
    this.engine = engine;
    this.model = engine.model;
    // The engine's own tab channel opened just now, after the news that made this client load
    // it: told once more, it reaches that channel too (and the other tabs ignore a repeat).
    if (this.#tabNews) this.#tabWatch?.post(this.#tabNews);
    this.#tabWatch?.close();
    this.#tabWatch = null;
    return engine;
  }

  async #loadFirstConfig(): Promise<RcConfig> {
    const {fetch: fetchFn = globalThis.fetch, clock = systemClock, department} = this.options;
    const answer = await fetchConfig(this.#server, department, fetchFn, clock);
    // A failure is asked again by the REST client, which reports it like any other call's.
    const rest = answer
      ? {config: async () => answer}
      : new (await importEngine()).RestClient({server: this.#server, fetch: fetchFn, clock});
    // The engine may take the snapshot over meanwhile: the config goes to the current one.
    const model = currentSource(() => this.model);
    return loadConfig({rest, model, emitter: this.emitter, department}, null, true);
  }

  #handleTabMessage(data: unknown): void {
    if (!isSessionNews(data) || this.engine) return;
    this.#tabNews = data;
    this.load().catch(() => undefined);
  }
}
