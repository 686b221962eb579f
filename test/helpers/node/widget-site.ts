/**
 * The end-to-end harness: a reference server that serves the built widget plus test pages (or
 * the demo page), or runs as its own process for tests that kill it (`useCliSuite` in
 * `cli-server.ts`); a Chromium with the back/forward cache on; an agent over the REST API
 * (`site-agent.ts`); and page helpers that drive `<live-chat>` the way a visitor does (the
 * console's are in `console-page.ts`).
 */
import assert from 'node:assert/strict';
import {after, before} from 'node:test';
import {existsSync} from 'node:fs';
import {cp, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright';
import type {ServerOptions} from '../../../src/server/app.js';
import {launchOptions} from '../chromium.mjs';
import {agentOf, type Agent} from './site-agent.js';
import {startTestServer, type TestServer} from './server-fixture.js';

export {agentOf, type Agent, type AgentRoom} from './site-agent.js';

/** A reference server serving `dist/` and the pages a test writes. */
export interface WidgetSite {
  readonly server: TestServer;
  readonly url: string;
  /** The static folder (a copy of `dist/`), for tests that add whole builds to it. */
  readonly dir: string;
  /** Writes `name` (e.g. `a.html`) next to the widget; returns its URL. */
  page(name: string, html: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a server whose static folder is a copy of `dist/`, so tests can add pages to it. */
export async function startWidgetSite(options: Partial<ServerOptions> = {}): Promise<WidgetSite> {
  const dir = await mkdtemp(join(tmpdir(), 'live-chat-site-'));
  await cp('dist', dir, {recursive: true});
  // No registration form unless a test asks for one: the chat starts at the first message.
  const settings = {registrationForm: false, ...options.settings};
  const server = await startTestServer({staticDir: dir, ...options, settings});
  return {
    server,
    url: server.url,
    dir,
    async page(name, html) {
      await writeFile(join(dir, name), html);
      return `${server.url}/${name}`;
    },
    async close() {
      await server.close();
      await rm(dir, {recursive: true, force: true});
    },
  };
}

/** A page with the widget; `attributes` go on `<live-chat>`, `body` after it. */
export function widgetHtml(server: string, attributes = '', body = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="module" src="/live-chat.js"></script></head>
<body><h1>Shop</h1><live-chat server="${server}" ${attributes}></live-chat>${body}</body></html>`;
}

/** Chromium as every test launches it, with the back/forward cache left on (T8). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({...launchOptions(), ignoreDefaultArgs: ['--disable-back-forward-cache']});
}

/**
 * A new context whose pages record every `lc-*` event (`window.lcEvents`), every `pageshow`
 * (`window.pageShows`) and every WebAudio oscillator (`window.tones`, for the sound tests).
 * `options` go to Playwright (a viewport, a locale…).
 */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript(RECORDER);
  return context;
}

// A string, not a function: tsx compiles test functions with esbuild's keepNames, whose
// `__name()` calls do not exist in the page. The shim lets `page.evaluate` callbacks run too.
const RECORDER = `
  window.__name = (fn) => fn;
  window.lcEvents = [];
  window.pageShows = [];
  window.tones = 0;
  for (const name of ['restored', 'restore-timeout', 'restore-failed', 'message-sent', 'opened']) {
    document.addEventListener('lc-' + name, (event) => {
      window.lcEvents.push({type: event.type, detail: event.detail});
    }, true);
  }
  addEventListener('pageshow', (event) => window.pageShows.push(event.persisted));
  if (window.BaseAudioContext) {
    const create = BaseAudioContext.prototype.createOscillator;
    BaseAudioContext.prototype.createOscillator = function () {
      window.tones += 1;
      return create.call(this);
    };
  }
`;

/** The element (the first, or the one `selector` picks). */
export function widget(page: Page, selector = 'live-chat'): Locator {
  return page.locator(selector);
}

/** Opens the window with the launcher. */
export async function openChat(page: Page, selector = 'live-chat'): Promise<void> {
  // Background tabs get no animation frames, so Playwright's clicks there crawl.
  await page.bringToFront();
  await widget(page, selector).getByRole('button', {name: 'Open chat'}).click();
  await widget(page, selector).getByRole('dialog').waitFor();
}

/** Types and sends a message as the visitor. */
export async function send(page: Page, text: string, selector = 'live-chat'): Promise<void> {
  await page.bringToFront();
  const dialog = widget(page, selector).getByRole('dialog');
  await dialog.getByRole('textbox', {name: 'Message'}).fill(text);
  await dialog.getByRole('button', {name: 'Send'}).click();
}

/** The conversation log. */
export function log(page: Page, selector = 'live-chat'): Locator {
  return widget(page, selector).getByRole('log');
}

/** Texts of the visitor and agent messages in the log, in order. */
export function texts(page: Page, selector = 'live-chat'): Promise<string[]> {
  return log(page, selector)
    .locator('.message:not(.system) .text')
    .allTextContents()
    .then((all) => all.map((t) => t.trim()));
}

/** Waits until the log shows `text` (once). */
export async function shows(page: Page, text: string, selector = 'live-chat'): Promise<void> {
  await log(page, selector).locator('.text', {hasText: text}).first().waitFor();
}

/** The element's room id (`client.room._id`), once it has one. */
export async function roomOf(page: Page, selector = 'live-chat'): Promise<string> {
  const handle = await page.waitForFunction(
    (s) =>
      (document.querySelector(s) as unknown as {client?: {room?: {_id: string}}})?.client?.room
        ?._id,
    selector,
  );
  return (await handle.jsonValue()) as string;
}

/** Waits for an `lc-*` event recorded by `newContext` (counting from the page's start). */
export async function lcEvent(page: Page, type: string): Promise<unknown> {
  const handle = await page.waitForFunction(
    (t) =>
      (window as unknown as {lcEvents: {type: string; detail: unknown}[]}).lcEvents.find(
        (e) => e.type === t,
      )?.detail ?? null,
    type,
  );
  return handle.jsonValue();
}

/** The recorded `lc-*` event types so far. */
export function lcEventTypes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as {lcEvents: {type: string}[]}).lcEvents.map((e) => e.type),
  );
}

/** Reads every record of the widget's IndexedDB database, by key (without creating it). */
async function readSessions(): Promise<Record<string, unknown>> {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes('live-chat')) return {};
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('live-chat');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const store = db.transaction('session').objectStore('session');
  const read = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve) => (r.onsuccess = () => resolve(r.result)));
  const [keys, values] = await Promise.all([read(store.getAllKeys()), read(store.getAll())]);
  db.close();
  return Object.fromEntries(keys.map((key, i) => [String(key), values[i]]));
}

/** Every stored session of the page's origin, by key. */
export function storedSessions(page: Page): Promise<Record<string, any>> {
  return page.evaluate(readSessions);
}

/** How long `waitForStored` waits: a page's evaluate has no time limit of its own. */
const STORED_WAIT_MS = 30_000;

/**
 * Waits until some stored session satisfies `predicate` (its source runs in the page), reading
 * the database again after every task: `waitForFunction` would not await an async check. Fails
 * after `STORED_WAIT_MS` with the last records read.
 */
export async function waitForStored(
  page: Page,
  predicate: (record: any, arg: any) => boolean,
  arg: unknown = null,
): Promise<void> {
  await page.evaluate(
    async ([read, test, value, limitMs]) => {
      const until = performance.now() + limitMs;
      const readAll = (0, eval)(`(${read})`) as () => Promise<Record<string, unknown>>;
      const matches = (0, eval)(`(${test})`) as (record: unknown, arg: unknown) => boolean;
      const nextTask = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });
      for (;;) {
        const records = await readAll();
        if (Object.values(records).some((r) => matches(r, value))) return;
        if (performance.now() > until) {
          throw new Error(`No stored session matched; stored: ${JSON.stringify(records)}`);
        }
        await nextTask();
      }
    },
    [readSessions.toString(), predicate.toString(), arg, STORED_WAIT_MS] as const,
  );
}

/** Waits until a stored session caches a message with exactly this text. */
export function waitForStoredText(page: Page, text: string): Promise<void> {
  return waitForStored(
    page,
    (r: {messages: {text: string}[]}, wanted: string) => r.messages.some((m) => m.text === wanted),
    text,
  );
}

/** Fails the suite early, with the fix, when the widget, embed script or console is not built. */
export function assertBuilt(): void {
  for (const file of ['dist/live-chat.js', 'dist/embed.js', 'dist/agent/index.html']) {
    assert.ok(existsSync(file), `${file} is missing: run \`npm run build\` first`);
  }
}

/** What a reliability suite starts with: a site serving the widget, Chromium, the agent. */
export interface WidgetSuite {
  readonly site: WidgetSite;
  readonly browser: Browser;
  readonly agent: Agent;
  /** Closes the browser and the site. */
  close(): Promise<void>;
}

/** Starts a site (see `startWidgetSite`), the browser and the agent of the site. */
export async function startWidgetSuite(options: Partial<ServerOptions> = {}): Promise<WidgetSuite> {
  assertBuilt();
  const site = await startWidgetSite(options);
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await site.close();
    throw error;
  });
  const agent = await agentOf(site.url);
  return {
    site,
    browser,
    agent,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}

/**
 * A suite whose `/` is the demo page (`index.html`) with the server's own settings (the
 * registration form on) under `options.settings`.
 */
export function startDemoSuite(options: Partial<ServerOptions> = {}): Promise<WidgetSuite> {
  return startWidgetSuite({
    demoPage: 'index.html',
    ...options,
    settings: {registrationForm: true, ...options.settings},
  });
}

/** A started suite with `shop`, the URL of a page that carries the widget. */
export interface ShopSuite extends WidgetSuite {
  readonly shop: string;
}

/**
 * Starts a suite (see `startWidgetSuite`) and its shop page before the tests of the enclosing
 * `describe`, hands it to `ready` (which may add pages), and closes it after them. `options`
 * may be a function, for server options that need set-up first (a free port…).
 */
export function useWidgetSuite(
  ready: (suite: ShopSuite) => void | Promise<void>,
  options:
    Partial<ServerOptions> | (() => Partial<ServerOptions> | Promise<Partial<ServerOptions>>) = {},
): void {
  let suite: WidgetSuite | undefined;
  before(async () => {
    suite = await startWidgetSuite(typeof options === 'function' ? await options() : options);
    await ready({...suite, shop: await suite.site.page('shop.html', widgetHtml(suite.site.url))});
  });
  after(async () => {
    await suite?.close();
  });
}

/** Options of `openPage`. */
export interface OpenPageOptions {
  /** The context's viewport (Playwright's 1280×720 unless given). */
  viewport?: {width: number; height: number};
  /** Also collect the Content Security Policy violations the page reports. */
  csp?: boolean;
}

/**
 * A new recording context (`newContext`) with one page that has loaded `url`; `errors` collects
 * the page's uncaught errors (a test asserts there were none), from before the first load.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: OpenPageOptions = {},
): Promise<{context: BrowserContext; page: Page; errors: string[]}> {
  const context = await newContext(browser, options.viewport ? {viewport: options.viewport} : {});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.csp) {
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) errors.push(m.text());
    });
  }
  await page.goto(url);
  return {context, page, errors};
}

/** The connection state of the page's (first) `<live-chat>` client, if it has one yet. */
export function connectionOf(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (document.querySelector('live-chat') as unknown as {client?: {connection: string}} | null)
        ?.client?.connection,
  );
}

/** Waits until the page's (first) `<live-chat>` client is in `connection` (e.g. `reconnecting`). */
export async function waitForConnection(page: Page, connection: string): Promise<void> {
  // Polled on a timer, not on animation frames: a background tab gets none.
  await page.waitForFunction(
    (wanted) =>
      (document.querySelector('live-chat') as unknown as {client?: {connection: string}} | null)
        ?.client?.connection === wanted,
    connection,
    {polling: 20},
  );
}

/** Opens the window with the element's own `show()`, as a page script does. */
export async function showWindow(page: Page, selector = 'live-chat'): Promise<void> {
  await widget(page, selector).evaluate((el) => (el as HTMLElement & {show(): void}).show());
}

/** Resolves once `<live-chat>` fires `name` (call before the action that causes it). */
export function nextWidgetEvent(page: Page, name: string): Promise<unknown> {
  return page.evaluate(
    (eventName) =>
      new Promise((resolve) => {
        document
          .querySelector('live-chat')!
          .addEventListener(eventName, (event) => resolve((event as CustomEvent).detail ?? {}), {
            once: true,
          });
      }),
    name,
  );
}

/** Opens the window, says `text` and waits until the log shows it; resolves the room id. */
export async function startChat(page: Page, text: string, selector = 'live-chat'): Promise<string> {
  await openChat(page, selector);
  await send(page, text, selector);
  await shows(page, text, selector);
  return roomOf(page, selector);
}

/** The agent says `text` in `rid`; resolves once each of `pages` shows it. */
export async function agentSays(
  agent: Agent,
  rid: string,
  text: string,
  pages: readonly Page[],
): Promise<void> {
  await agent.reply(rid, text);
  for (const page of pages) await shows(page, text);
}
