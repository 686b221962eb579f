import type {AppShell, WidgetApp} from '../live-chat-app.js';

let appModule: typeof import('../live-chat-app.js') | null = null;

/** The window of one `<live-chat>`: its chunk loaded and mounted once (`windowLoader`). */
export interface WindowLoader {
  /** The mounted window, once its chunk is here. */
  readonly app: WidgetApp | null;
  /** Loads the chunk and mounts the window, once; a failed download is tried again next time. */
  load(): Promise<void>;
}

/**
 * The window's chunk (Lit, the views, their controllers), downloaded once for every widget of
 * the page and mounted in `shell`'s window. A closure, not a class: in the first download it
 * costs fewer bytes.
 */
export function windowLoader(shell: AppShell): WindowLoader {
  let app: WidgetApp | null = null;
  let loading: Promise<void> | null = null;
  return {
    get app() {
      return app;
    },
    load() {
      // Once a widget of the page has loaded the chunk, the others mount at once: their window
      // then never renders a frame without its content.
      if (!loading && appModule) app = appModule.mountApp(shell);
      loading ??= app
        ? Promise.resolve()
        : import('../live-chat-app.js').then(
            (module) => {
              appModule = module;
              app = module.mountApp(shell);
            },
            (error: unknown) => {
              loading = null;
              throw error;
            },
          );
      return loading;
    },
  };
}
