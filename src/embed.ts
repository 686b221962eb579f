/**
 * The classic one-line embed: `<script src="…/embed.js" data-server="…" async></script>`.
 * It inserts `<live-chat>` with the script's `data-*` values as attributes, loads the widget
 * module from beside itself, and runs the calls a page queued on `window.LiveChat` before it
 * loaded (`LiveChat('show')`, `LiveChat('on', 'message-received', fn)`, …).
 *
 * Kept free of imports: it is a tiny classic script, and the module it loads does the rest.
 */

type Command = [name: string, ...args: unknown[]];
interface LiveChatGlobal {
  (...command: Command): unknown;
  q?: Command[];
  element?: HTMLElement;
}

declare global {
  interface Window {
    LiveChat?: LiveChatGlobal;
  }
}

// The attributes README.md, "Public surface" documents; anything else in data-* is ignored.
const ATTRIBUTES = [
  'server',
  'department',
  'lang',
  'open',
  'position',
  'mode',
  'title',
  'restore-timeout',
  'persist',
  'guest-name',
  'guest-email',
  'no-sound',
  'no-shared-link',
];

type Target = HTMLElement &
  Record<string, unknown> & {
    client?: {on(name: string, fn: (detail: unknown) => void): () => void} & Record<
      string,
      unknown
    >;
    ready?: Promise<unknown>;
  };

/** Runs one queued or live command against the element: its methods first, then the client's. */
async function run(element: Target, [name, ...args]: Command): Promise<unknown> {
  if (name === 'on' || name === 'off' || name === 'once') {
    await element.ready;
    return (element.client?.[name] as (...a: unknown[]) => unknown)?.apply(element.client, args);
  }
  if (typeof element[name] === 'function')
    return (element[name] as (...a: unknown[]) => unknown)(...args);
  await element.ready;
  const method = element.client?.[name];
  if (typeof method !== 'function') throw new Error(`LiveChat: unknown command '${name}'`);
  return method.apply(element.client, args);
}

function install(script: HTMLScriptElement): void {
  // Loaded twice (two snippets, an SPA re-injecting it): keep the first widget only.
  if (window.LiveChat?.element?.isConnected) return;
  const element = (document.querySelector('live-chat') ??
    document.createElement('live-chat')) as unknown as Target;
  for (const name of ATTRIBUTES) {
    const value = script.getAttribute(`data-${name}`);
    if (value !== null && !element.hasAttribute(name)) element.setAttribute(name, value);
  }
  if (!element.isConnected) document.body.append(element);
  const queued = window.LiveChat?.q ?? [];
  const api: LiveChatGlobal = (...command: Command) => run(element, command);
  api.element = element;
  window.LiveChat = api;
  const moduleUrl = new URL('live-chat.js', script.src).href;
  import(/* @vite-ignore */ moduleUrl).then(
    () => {
      for (const command of queued) run(element, command).catch((e: unknown) => console.error(e));
    },
    (error: unknown) => console.error('LiveChat: could not load the widget', error),
  );
}

const current = document.currentScript as HTMLScriptElement | null;
if (current) {
  if (document.body) install(current);
  else document.addEventListener('DOMContentLoaded', () => install(current), {once: true});
}

export {};
