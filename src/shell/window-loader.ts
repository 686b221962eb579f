import type {AppShell, WidgetApp} from '../live-chat-app.js';

let appModule: typeof import('../live-chat-app.js') | null = null;

/**
 * The window's chunk (Lit, the views, their controllers), downloaded once for every widget of
 * the page and mounted in `shell`'s window; a failed download is tried again at the next load.
 */
export class WindowLoader {
  /** The mounted window, once its chunk is here. */
  app: WidgetApp | null = null;

  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #shell: AppShell;
  #loading: Promise<void> | null = null;

  constructor(shell: AppShell) {
    this.#shell = shell;
  }

  /** Loads the chunk and mounts the window, once. */
  load(): Promise<void> {
    // Once a widget of the page has loaded the chunk, the others mount at once: their window
    // then never renders a frame without its content.
    if (!this.#loading && appModule) this.app = appModule.mountApp(this.#shell);
    this.#loading ??= this.app
      ? Promise.resolve()
      : import('../live-chat-app.js').then(
          (module) => {
            appModule = module;
            this.app = module.mountApp(this.#shell);
          },
          (error: unknown) => {
            this.#loading = null;
            throw error;
          },
        );
    return this.#loading;
  }
}
