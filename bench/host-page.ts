/**
 * What the widget costs the page it is embedded in: long tasks (over 50 ms, Chromium's
 * 'longtask' entries) and the page's cumulative layout shift, seen by PerformanceObservers that
 * an init script installs before any of the page's own scripts run.
 */
import type {BrowserContext, Page} from 'playwright';

/** A string, not a function: tsx adds helpers (`__name`) to functions that the page lacks. */
/**
 * Page code that runs the page function `look` each animation frame from the widget script's
 * start (its first custom-element definition, kept as `window.__scriptStartAt`): a frame loop
 * running from navigation start made Chromium lay the whole demo page out in one long task.
 */
export const fromScriptStart = (look: string) => `
  const define = customElements.define;
  customElements.define = function (...args) {
    if (window.__scriptStartAt === undefined) {
      window.__scriptStartAt = performance.now();
      requestAnimationFrame(${look});
    }
    return define.apply(this, args);
  };`;

/**
 * Page code that tells the bench `name` happened, and the bench's wait for it. A console
 * message, not a `waitForFunction` poll: polling runs Playwright's injected script on the
 * page's main thread, about 20 ms of it during the very load being timed (measured: the
 * 10,000-message return took 90 ms with it, 70 without).
 */
export const signal = (name: string) => `console.debug('bench:${name}')`;
export const untilSignal = (page: Page, name: string, timeout = 20_000) =>
  page.waitForEvent('console', {predicate: (m) => m.text() === `bench:${name}`, timeout});

/**
 * Loads `url` in `runs` new tabs of `context`, then reloads the last one `runs` times; after
 * each load, once the page has signalled `painted`, `read` takes its figure. A new tab's
 * renderer has compiled none of the page's code yet, a reload's has, so the two are kept apart.
 * Rejects when a load does not paint within `timeout`.
 */
export async function timeLoads<T>(
  context: BrowserContext,
  url: string,
  initScripts: string[],
  runs: number,
  read: (page: Page) => Promise<T>,
  timeout = 20_000,
): Promise<{newTab: T[]; reload: T[]; tab: Page}> {
  const newTab: T[] = [];
  const reload: T[] = [];
  let tab: Page | undefined;
  for (let run = 0; run < 2 * runs; run++) {
    if (run < runs) {
      await tab?.close();
      tab = await context.newPage();
      for (const script of initScripts) await tab.addInitScript(script);
    }
    const painted = untilSignal(tab!, 'painted', timeout);
    if (run < runs) await tab!.goto(url, {waitUntil: 'commit'});
    else await tab!.reload({waitUntil: 'commit'});
    await painted;
    (run < runs ? newTab : reload).push(await read(tab!));
  }
  return {newTab, reload, tab: tab!};
}

export const HOST_OBSERVERS = `(() => {
  const perf = window.__hostPerf = {longTasks: [], cls: 0, shifts: 0};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.longTasks.push({start: e.startTime, duration: e.duration});
  }).observe({type: 'longtask', buffered: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      perf.cls += e.value;
      perf.shifts++;
    }
  }).observe({type: 'layout-shift', buffered: true});
})()`;

/** One long task: ms since navigation start. */
export interface LongTask {
  start: number;
  duration: number;
}

export interface HostFigures {
  longTasks: number;
  longestMs: number;
  cls: number;
  shifts: number;
  /** Every long task counted (not in `worst()`'s summary). */
  tasks?: LongTask[];
}

/** The figures so far; `reset` starts the long-task count over (for a phase of its own). */
export async function readHost(page: Page, reset = false): Promise<HostFigures> {
  // Entries are delivered after the frame that produced them: two frames make sure they are in.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const perf = (await page.evaluate(`(() => {
    const p = window.__hostPerf;
    const out = {longTasks: 0, longestMs: 0, cls: p.cls, shifts: p.shifts, tasks: p.longTasks};
    if (${reset}) p.longTasks = [];
    return out;
  })()`)) as HostFigures;
  return only(perf, () => true);
}

/** `host` with only the long tasks that `keep` accepts. */
export function only(host: HostFigures, keep: (task: LongTask) => boolean): HostFigures {
  const tasks = (host.tasks ?? []).filter(keep);
  const longestMs = Math.max(0, ...tasks.map((t) => t.duration));
  return {longTasks: tasks.length, longestMs, cls: host.cls, shifts: host.shifts, tasks};
}

/** The worst of several runs: most long tasks, the longest one, the largest shift. */
export function worst(runs: readonly HostFigures[]): HostFigures {
  return {
    longTasks: Math.max(0, ...runs.map((r) => r.longTasks)),
    longestMs: Math.max(0, ...runs.map((r) => r.longestMs)),
    cls: Math.max(0, ...runs.map((r) => r.cls)),
    shifts: Math.max(0, ...runs.map((r) => r.shifts)),
  };
}

export const describeTasks = (h: HostFigures) =>
  h.longTasks === 0 ? 'none' : `${h.longTasks}, longest ${h.longestMs.toFixed(0)} ms`;

/**
 * Long tasks of several loads of a page: in how many loads, the most in one, the longest, and
 * the median of each load's longest (0 for a load without any), which one slow moment of a
 * shared machine does not move.
 */
export function describeLoads(loads: readonly HostFigures[]): string {
  const hit = loads.filter((l) => l.longTasks > 0);
  if (hit.length === 0) return `none in ${loads.length} loads`;
  const longest = loads.map((l) => l.longestMs).sort((a, b) => a - b);
  const {longTasks, longestMs} = worst(loads);
  return (
    `in ${hit.length} of ${loads.length} loads, up to ${longTasks} a load, longest ` +
    `${longestMs.toFixed(0)} ms (median of the loads' longest ${longest[loads.length >> 1].toFixed(0)} ms)`
  );
}
