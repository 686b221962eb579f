import {LiveChatClient} from '../core/chat-client.js';
import type {ChatEngine} from '../core/chat-engine.js';
import {engineIfLoaded} from '../core/client-loader.js';
import {observableSymbol, type Subscription} from '../core/emitter.js';
import type {LiveChatClientOptions} from '../core/client-options.js';
import type {RcConfig} from '../core/types.js';
import {emit} from '../events/emit.js';

/** What the element asks the link for; `server` is an absolute http(s) URL or empty. */
export type ChatClientRequest = Pick<
  LiveChatClientOptions,
  'server' | 'department' | 'persist' | 'restoreTimeout' | 'shareLink'
>;

/** What the link needs from `<live-chat>`, which is also where the `lc-*` events fire. */
export interface LinkHost extends HTMLElement {
  /** The `server` attribute as written (it names the trigger memory, as it always has). */
  readonly server: string;
}

/** What the link tells `<live-chat>`, or asks of it. */
export interface LinkHooks {
  /** Loads the chat window (Lit and everything in it). */
  loadApp(): Promise<void>;
  /** The client's snapshot changed (the element reads the client again after `use()`). */
  changed(): void;
  /** A trigger fired: the window opens, without counting as the visitor's doing. */
  openForTrigger(): void;
}

/** The element's client: whatever loads its engine loads the window along. */
class ElementClient extends LiveChatClient {
  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #loadApp: () => Promise<void>;

  constructor(options: LiveChatClientOptions, loadApp: () => Promise<void>) {
    super(options);
    this.#loadApp = loadApp;
  }

  protected override load(): Promise<ChatEngine> {
    // A restored session, a trigger's greeting or a method the page calls may all end in a
    // chat to show. The engine is made as soon as its own code is here, so that a restore reads
    // the stored chat while the window loads; it shows it once the window is there to hear it.
    return Promise.all([super.load(), this.#loadApp()]).then(([engine]) => engine);
  }
}

const ignore = (): void => {};

/**
 * Gives `<live-chat>` its `LiveChatClient`: creates it for a server, re-emits each core event
 * on the element as `lc-<name>`, restores an earlier session, runs the config's triggers, and
 * destroys the client once the element leaves the page. Plain code, no Lit: it is part of the
 * first download.
 */
export class ClientLink {
  /** Resolves with the server config of the first client that loads one. */
  readonly ready: Promise<RcConfig>;

  readonly #host: LinkHost;
  readonly #hooks: LinkHooks;
  #current: LiveChatClient | null = null;
  #request: ChatClientRequest | null = null;
  #subscription: Subscription | null = null;
  #reported: {client: LiveChatClient | null; isOpen: boolean | null} = {
    client: null,
    isOpen: null,
  };
  #resolveReady!: (config: RcConfig) => void;
  #rejectReady!: (reason: unknown) => void;

  constructor(host: LinkHost, hooks: LinkHooks) {
    this.#host = host;
    this.#hooks = hooks;
    this.ready = new Promise<RcConfig>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // Marks the promise handled; whoever awaits `ready` still sees the rejection.
    this.ready.catch(ignore);
  }

  /** The current client, or null without a server or while the element is not in the page. */
  get client(): LiveChatClient | null {
    return this.#current;
  }

  /** The element entered the page. */
  connected(): void {
    if (this.#request && !this.#current) this.#create(this.#request);
    else this.#subscribe();
  }

  /** The element left the page; a move within the page (same task) keeps the chat alive. */
  disconnected(): void {
    this.#unsubscribe();
    queueMicrotask(() => {
      if (this.#host.isConnected) return;
      this.#drop();
      this.#hooks.changed();
    });
  }

  /**
   * Points the element at a server (or at none, with an empty `server`). Only a new server or
   * persist mode replaces the client; the department and restore timeout are read when a
   * client is created.
   */
  use(request: ChatClientRequest): void {
    const same =
      this.#request?.server === request.server && this.#request?.persist === request.persist;
    this.#request = request;
    if (same && (this.#current || !request.server)) return;
    this.#drop();
    if (this.#host.isConnected) this.#create(request);
  }

  /** Tells the client whether the window shows, once per change; false when nothing was sent. */
  reportOpen(isOpen: boolean, byVisitor: boolean): boolean {
    const client = this.#current;
    if (client !== this.#reported.client) this.#reported = {client, isOpen: null};
    if (!client || isOpen === this.#reported.isOpen) return false;
    this.#reported.isOpen = isOpen;
    client.setWindowOpen(isOpen, {byVisitor});
    return true;
  }

  #create(request: ChatClientRequest): void {
    if (!request.server) return;
    let client: LiveChatClient;
    try {
      client = new ElementClient(request, () => this.#hooks.loadApp());
    } catch {
      // A URL the client refuses (not http or https) leaves the widget without a chat.
      return;
    }
    this.#current = client;
    this.#subscribe();
    client.ready.then(this.#resolveReady, this.#rejectReady);
    client.ready.then((config) => this.#runTriggers(client, config)).catch(ignore);
    // A client made after the engine arrived has it at once, bypassing the window load that
    // `ElementClient` ties to it: the window comes first, so that it hears `restored`.
    const windowFirst = engineIfLoaded() ? this.#hooks.loadApp() : Promise.resolve();
    windowFirst.then(() => client.restore()).catch(ignore);
  }

  async #runTriggers(client: LiveChatClient, config: RcConfig): Promise<void> {
    if (!config.triggers?.length || client !== this.#current) return;
    // The trigger engine's chunk is asked for at once, not after the glue's has arrived.
    const [{runPageTriggers}] = await Promise.all([
      import('./page-triggers.js'),
      import('../core/triggers.js'),
    ]);
    await runPageTriggers(client, this.#host.server, () => this.#hooks.openForTrigger());
  }

  #drop(): void {
    this.#unsubscribe();
    this.#current?.destroy();
    this.#current = null;
  }

  #subscribe(): void {
    const client = this.#current;
    if (!client || this.#subscription) return;
    // Every core event, as `lc-<name>`: a subscription hears them all, before any listener.
    this.#subscription = client[observableSymbol]().subscribe(({type, detail}) => {
      // The element updates first, so that a page listener reading its state from inside an
      // lc-* handler already sees the change the event announces.
      this.#hooks.changed();
      emit(this.#host, `lc-${type}`, (detail ?? {}) as never);
    });
  }

  #unsubscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = null;
  }
}
