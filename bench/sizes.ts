import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import type {Browser} from 'playwright';

const gz = (buf: Buffer | Uint8Array) => gzipSync(buf, {level: 9}).length;

function targetLocales(): string[] {
  const config = JSON.parse(readFileSync('locales/lit-localize.json', 'utf8')) as {targetLocales: string[]};
  return config.targetLocales;
}

/** Every widget chunk in dist/ except the per-locale string tables (and the agent console). */
export function widgetChunks(): string[] {
  const locales = targetLocales();
  return readdirSync('dist')
    .filter((f) => f.endsWith('.js') && f !== 'demo.js')
    .filter((f) => !locales.some((l) => f.startsWith(`${l}-`)));
}

export interface BundleFigures {
  eagerGzip: number;
  eagerFiles: string[];
  afterOpenGzip: number;
  allGzip: number;
  allRaw: number;
  launcherMs: number;
  launcherAfterDownloadMs: number;
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * Loads the demo page as a visitor would and adds up the gzip size of every widget script it
 * fetched before the chat was opened, then after opening it. The launcher's time is the median
 * of `runs` loads: from the script's start (its first custom-element definition, the entry's
 * first statement) to a rendered, visible button, looked for each animation frame. From the
 * download's end it also holds the time the browser takes to render the host page first, which
 * deferred module scripts wait for: reported, not budgeted.
 */
export async function measureBundle(browser: Browser, url: string, runs = 5): Promise<BundleFigures> {
  const scripts = new Map<string, number>();
  let eager = new Map<string, number>();
  const times: [number, number][] = [];
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
    await page.goto(url);
    await page.waitForFunction('window.__launcherAt');
    await page.waitForLoadState('networkidle');
    times.push(await page.evaluate(LAUNCHER_TIMES) as [number, number]);
    if (isLast) {
      eager = new Map(scripts);
      await page.getByRole('button', {name: 'Open chat'}).click();
      await page.getByRole('textbox', {name: 'Message'}).waitFor();
      await page.waitForLoadState('networkidle');
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
    launcherMs: median(times.map(([fromStart]) => fromStart)),
    launcherAfterDownloadMs: median(times.map(([, fromDownload]) => fromDownload)),
  };
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

const ANCHORS = [
  {name: 'deep-chat', main: 'dist/deepChat.bundle.js'},
  {name: '@rocket.chat/livechat', main: null},
];

function jsFiles(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .filter((f) => f.endsWith('.js') && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

/** Downloads the comparable widgets from npm and sizes their shipped JavaScript. */
export async function measureAnchors() {
  const out: {name: string; gzip: number | null; note: string}[] = [];
  for (const anchor of ANCHORS) {
    const dir = mkdtempSync(join(tmpdir(), 'live-chat-anchor-'));
    try {
      const tgz = execFileSync('npm', ['pack', anchor.name, '--silent', '--pack-destination', dir], {encoding: 'utf8'}).trim();
      execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir]);
      const files = anchor.main ? [join(dir, 'package', anchor.main)] : jsFiles(join(dir, 'package'));
      const gzip = files.reduce((a, f) => a + gz(readFileSync(f)), 0);
      out.push({name: anchor.name, gzip, note: anchor.main ? `main bundle ${anchor.main}` : 'all JS in the package'});
    } catch (error) {
      out.push({name: anchor.name, gzip: null, note: `not measured: ${(error as Error).message.split('\n')[0]}`});
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }
  return out;
}
