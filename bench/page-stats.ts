/**
 * Figures of a chat that holds a long history, the same for ours and an anchor's, so that they
 * can stand side by side: DOM size, JS heap, and frame times while its log scrolls.
 */
import type {Page} from 'playwright';

/**
 * Strings, not functions: tsx adds helpers (`__name`) to functions that the page lacks.
 * `__deepAll` looks through shadow roots; `__scroller` finds the element that scrolls the most;
 * `__messageShown` tells whether the widget's log shows a message with this exact text (shown,
 * not merely in the DOM: a closed window holds its messages too).
 */
export const PAGE_TOOLS = `(() => {
  window.__deepAll = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) found.push(...window.__deepAll(el.shadowRoot, selector));
    }
    return found;
  };
  window.__messageShown = (text) => window.__deepAll(document, '[part~="message"] .text')
    .some((t) => t.textContent === text && t.checkVisibility());
  window.__scroller = () => window.__deepAll(document, '*')
    .filter((el) => el.scrollHeight > el.clientHeight + 50
      && /auto|scroll/.test(getComputedStyle(el).overflowY))
    .sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
  // Scrolls up by 'step' px a frame for 'frames' frames; resolves with the frame intervals.
  window.__scrollUp = (el, frames, step) => new Promise((resolve) => {
    const deltas = [];
    let last = 0;
    const tick = (t) => {
      if (last) deltas.push(t - last);
      last = t;
      el.scrollTop = Math.max(0, el.scrollTop - step);
      if (deltas.length < frames) requestAnimationFrame(tick);
      else resolve(deltas);
    };
    requestAnimationFrame(tick);
  });
})()`;

export interface ScrollFigures {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Frames that took longer than 50 ms (visible jank). */
  over50: number;
}

/** Scrolls `el` (a page expression) up through the history and times every frame. */
export async function scrollFrames(page: Page, el: string, frames: number): Promise<ScrollFigures> {
  const deltas = (await page.evaluate(`window.__scrollUp(${el}, ${frames}, 240)`)) as number[];
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return {
    frames: deltas.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: sorted.at(-1) ?? NaN,
    over50: deltas.filter((d) => d > 50).length,
  };
}

export interface PageFigures {
  /** Elements in the document and every shadow root. */
  elements: number;
  /** Chromium's count of DOM nodes in the renderer (text nodes included). */
  nodes: number;
  jsHeapBytes: number;
}

/** DOM size and JS heap (after a garbage collection) through the DevTools protocol. */
export async function pageFigures(page: Page): Promise<PageFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const {metrics} = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const elements = (await page.evaluate("window.__deepAll(document, '*').length")) as number;
  return {elements, nodes: metric('Nodes'), jsHeapBytes: metric('JSHeapUsedSize')};
}
