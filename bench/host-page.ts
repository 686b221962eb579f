/**
 * What the widget costs the page it is embedded in: long tasks (over 50 ms, Chromium's
 * 'longtask' entries) and the page's cumulative layout shift, seen by PerformanceObservers that
 * an init script installs before any of the page's own scripts run.
 */
import type {Page} from 'playwright';

/** A string, not a function: tsx adds helpers (`__name`) to functions that the page lacks. */
export const HOST_OBSERVERS = `(() => {
  const perf = window.__hostPerf = {longTasks: [], cls: 0, shifts: 0};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.longTasks.push(e.duration);
  }).observe({type: 'longtask', buffered: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      perf.cls += e.value;
      perf.shifts++;
    }
  }).observe({type: 'layout-shift', buffered: true});
})()`;

export interface HostFigures {
  longTasks: number;
  longestMs: number;
  cls: number;
  shifts: number;
}

/** The figures so far; `reset` starts the long-task count over (for a phase of its own). */
export async function readHost(page: Page, reset = false): Promise<HostFigures> {
  // Entries are delivered after the frame that produced them: two frames make sure they are in.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const perf = (await page.evaluate(`(() => {
    const p = window.__hostPerf;
    const out = {longTasks: p.longTasks.length, longestMs: Math.max(0, ...p.longTasks),
      cls: p.cls, shifts: p.shifts};
    if (${reset}) p.longTasks = [];
    return out;
  })()`)) as HostFigures;
  return perf;
}

/** The worst of several runs: most long tasks, the longest one, the largest shift. */
export function worst(runs: HostFigures[]): HostFigures {
  return {
    longTasks: Math.max(0, ...runs.map((r) => r.longTasks)),
    longestMs: Math.max(0, ...runs.map((r) => r.longestMs)),
    cls: Math.max(0, ...runs.map((r) => r.cls)),
    shifts: Math.max(0, ...runs.map((r) => r.shifts)),
  };
}

export const describeTasks = (h: HostFigures) =>
  h.longTasks === 0 ? 'none' : `${h.longTasks}, longest ${h.longestMs.toFixed(0)} ms`;
