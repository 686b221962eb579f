import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {Browser} from 'playwright';
import type {HostFigures} from './host-page.js';
import {HOST_OBSERVERS, readHost, worst} from './host-page.js';

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
  /** On the host page from navigation until the launcher shows and the network is idle. */
  loadHost: HostFigures;
  /** Layout shift of the host page after the chat was opened too (last run). */
  openCls: number;
}

/** Times of one page load, from the init script below: ms since navigation start. */
const LAUNCHER_PROBE = `(() => {
  const define = customElements.define;
  customElements.define = function (...args) {
    window.__scriptStartAt ??= performance.now();
    return define.apply(this, args);
  };
  const look = () => {
    const button = document.querySelector('live-chat')?.shadowRoot
      ?.querySelector('lc-launcher')?.shadowRoot?.querySelector('button');
    if (button && button.getBoundingClientRect().width > 0) window.__launcherAt = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
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
  const hosts: HostFigures[] = [];
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
    hosts.push(await readHost(page));
    if (isLast) {
      eager = new Map(scripts);
      await page.getByRole('button', {name: 'Open chat'}).click();
      await page.getByRole('textbox', {name: 'Message'}).waitFor();
      await page.waitForLoadState('networkidle');
      openCls = (await readHost(page)).cls;
    }
    await page.close();
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
    loadHost: worst(hosts),
    openCls,
  };
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
