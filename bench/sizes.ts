import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {Browser, Page} from 'playwright';
import type {HostFigures, LongTask} from './host-page.js';
import {fromScriptStart, HOST_OBSERVERS, only, readHost} from './host-page.js';

export const gz = (buf: Buffer | Uint8Array) => gzipSync(buf, {level: 9}).length;

export function targetLocales(): string[] {
  const config = JSON.parse(readFileSync('locales/lit-localize.json', 'utf8')) as {
    targetLocales: string[];
  };
  return config.targetLocales;
}

// The headless `./client` entry is a bundle of its own for Node and workers; no widget page
// loads it, so it is not widget JS.
const NOT_WIDGET = ['demo.js', 'client.js'];

/**
 * Every widget chunk in dist/ except the per-locale string tables, the demo page's script, the
 * headless client bundle (and the agent console).
 */
export function widgetChunks(): string[] {
  const locales = targetLocales();
  return readdirSync('dist')
    .filter((f) => f.endsWith('.js') && !NOT_WIDGET.includes(f))
    .filter((f) => !locales.some((l) => f.startsWith(`${l}-`)));
}

export interface BundleFigures {
  eagerGzip: number;
  eagerFiles: string[];
  afterOpenGzip: number;
  allGzip: number;
  allRaw: number;
  launcherMs: number[];
  launcherAfterDownloadMs: number[];
  /**
   * Each load's long tasks from navigation until the launcher shows and the network is idle,
   * from the widget's script start on (a task that ends after it: the script's evaluation, the
   * launcher's render, and any later layout, which may hold the page's own first one).
   */
  loadHosts: HostFigures[];
  /** Each load's long tasks that ended before the widget's script started: the page's own. */
  pageOwnHosts: HostFigures[];
  /** The same loads of the same page without the widget's script tag. */
  bareHosts: HostFigures[];
  /** Layout shift of the host page after the chat was opened too (last run). */
  openCls: number;
}

/**
 * Times of one page load, from the init script below: ms since navigation start. The launcher
 * is looked for each animation frame from the script's start only: a frame loop running from
 * navigation start made Chromium lay the whole demo page out in one task of 50–110 ms in most
 * loads (with or without the widget), a long task of the probe's making.
 */
const LAUNCHER_PROBE = `(() => {
  const look = () => {
    const button = document.querySelector('live-chat')?.shadowRoot
      ?.querySelector('lc-launcher')?.shadowRoot?.querySelector('button');
    if (button && button.getBoundingClientRect().width > 0) window.__launcherAt = performance.now();
    else requestAnimationFrame(look);
  };
  ${fromScriptStart('look')}
})()`;

const LAUNCHER_TIMES = `(() => {
  const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/live-chat.js'));
  return [window.__launcherAt - window.__scriptStartAt, window.__launcherAt - entry.responseEnd];
})()`;

/**
 * Loads the demo page as a visitor would and adds up the gzip size of every widget script it
 * fetched before the chat was opened, then after opening it. The launcher's times of `runs`
 * loads (each also counts long tasks and layout shift on the host page): from the script's
 * start (its first custom-element definition, the entry's
 * first statement) to a rendered, visible button, looked for each animation frame. From the
 * download's end it also holds the time the browser takes to render the host page first, which
 * deferred module scripts wait for: reported, not budgeted.
 */
export async function measureBundle(
  browser: Browser,
  url: string,
  runs = 5,
): Promise<BundleFigures> {
  const scripts = new Map<string, number>();
  let eager = new Map<string, number>();
  const times: [number, number][] = [];
  const loadHosts: HostFigures[] = [];
  const pageOwnHosts: HostFigures[] = [];
  const bareHosts: HostFigures[] = [];
  let openCls = NaN;
  for (let run = 0; run < runs; run++) {
    // The demo page's CSP forbids eval, which string predicates of waitForFunction use.
    const page = await browser.newPage({bypassCSP: true});
    const isLast = run === runs - 1;
    if (isLast) {
      page.on('response', async (res) => {
        if (res.request().resourceType() !== 'script' || res.url().endsWith('/demo.js')) return;
        scripts.set(new URL(res.url()).pathname, gz(await res.body()));
      });
    }
    // Strings, not functions: tsx adds helpers (`__name`) to functions that the page lacks.
    await page.addInitScript(LAUNCHER_PROBE);
    await page.addInitScript(HOST_OBSERVERS);
    await page.goto(url);
    await page.waitForFunction('window.__launcherAt');
    await page.waitForLoadState('networkidle');
    times.push((await page.evaluate(LAUNCHER_TIMES)) as [number, number]);
    const host = await readHost(page);
    const scriptStart = (await page.evaluate('window.__scriptStartAt')) as number;
    const endsBefore = (t: LongTask) => t.start + t.duration <= scriptStart;
    loadHosts.push(only(host, (t) => !endsBefore(t)));
    pageOwnHosts.push(only(host, endsBefore));
    if (isLast) {
      eager = new Map(scripts);
      await page.getByRole('button', {name: 'Open chat'}).click();
      await page.getByRole('textbox', {name: 'Message'}).waitFor();
      await page.waitForLoadState('networkidle');
      openCls = (await readHost(page)).cls;
    }
    await page.close();
    // Loads interleaved, so that both see the shared machine in the same state.
    bareHosts.push(await loadWithoutWidget(browser, url));
  }
  const files = widgetChunks();
  return {
    eagerGzip: sum(eager),
    eagerFiles: [...eager.keys()],
    afterOpenGzip: sum(scripts),
    allGzip: files.reduce((a, f) => a + gz(readFileSync(join('dist', f))), 0),
    allRaw: files.reduce((a, f) => a + statSync(join('dist', f)).size, 0),
    launcherMs: times.map(([fromStart]) => fromStart),
    launcherAfterDownloadMs: times.map(([, fromDownload]) => fromDownload),
    loadHosts,
    pageOwnHosts,
    bareHosts,
    openCls,
  };
}

const WIDGET_SCRIPT = '<script type="module" src="/live-chat.js"></script>';

/** The long tasks of one load of the page at `url` with the widget's script tag taken out. */
async function loadWithoutWidget(browser: Browser, url: string): Promise<HostFigures> {
  // As the widget's loads are (there for waitForFunction), so that nothing else differs.
  const page: Page = await browser.newPage({bypassCSP: true});
  let hadScript = false;
  await page.route(
    (u) => u.href === new URL(url).href,
    async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      hadScript = html.includes(WIDGET_SCRIPT);
      await route.fulfill({response, body: html.replace(WIDGET_SCRIPT, '')});
    },
  );
  // The same probes, so that nothing else differs (without the widget, no frame loop starts).
  await page.addInitScript(LAUNCHER_PROBE);
  await page.addInitScript(HOST_OBSERVERS);
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const host = await readHost(page);
  await page.close();
  if (!hadScript) throw new Error(`the page at ${url} has no ${WIDGET_SCRIPT}`);
  return host;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
