import type {BrowserContext, Page} from 'playwright';
import type {HostFigures} from './host-page.js';
import {fromScriptStart, HOST_OBSERVERS, readHost, signal, timeLoads} from './host-page.js';
import type {PageFigures, ScrollFigures} from './page-stats.js';
import {PAGE_TOOLS, pageFigures, scrollFrames} from './page-stats.js';
import {profileContext} from './profile.js';
import {startBenchChat} from './transcript-paint.js';

/** Agent messages sent at once while the history is written. */
const BATCH = 50;
export const NEWEST = 'the newest message';
/** Visits to the top of the log measured. */
const STEPS_BACK = 5;

// A string, not a function: tsx adds helpers (`__name`) to functions that the page lacks.
const PAINT_PROBE = `(() => {
  window.__messagesInDom = () => window.__deepAll(document, '[part~="message"]').length;
  window.__log = () => window.__deepAll(document, '[role="log"]')[0];
  const look = () => {
    if (window.__messageShown('${NEWEST}')) {
      window.__paintedAt = performance.now();
      ${signal('painted')};
    } else requestAnimationFrame(look);
  };
  ${fromScriptStart('look')}
})()`;

const inDom = (page: Page) => page.evaluate('window.__messagesInDom()') as Promise<number>;

/**
 * What is wrong with the order of the log's messages ('message N', then the newest) from the
 * top down: one shown twice, out of order or with a gap; null when every one is shown once.
 */
async function orderProblem(page: Page): Promise<string | null> {
  const texts = (await page.evaluate(
    `window.__deepAll(window.__log(), '[part~="message"] .text').map((t) => t.textContent)`,
  )) as string[];
  const numbers = texts.map((t) =>
    t === NEWEST ? Infinity : Number(/^message (\d+)$/.exec(t)?.[1]),
  );
  const shown = numbers.filter((n) => !Number.isNaN(n));
  for (let i = 1; i < shown.length; i++) {
    const [before, at] = [shown[i - 1], shown[i]];
    if (at === before) return `message ${at} shown twice`;
    if (at < before) return `message ${at} shown below message ${before}`;
    if (at !== Infinity && at !== before + 1) return `messages ${before + 1}–${at - 1} missing`;
  }
  return shown.at(-1) === Infinity ? null : 'the newest message missing';
}

export interface LongHistoryFigures {
  messages: number;
  /** Navigation start → newest message painted, each return by a reload. */
  paintMs: number[];
  /** The widget script's start → newest message painted (its own share), each reload. */
  afterScriptStartMs: number[];
  /** The same two for each return in a new tab. */
  newTabMs: number[];
  newTabAfterScriptStartMs: number[];
  inDom: number;
  /** Visits to the top that brought older messages (of five). */
  stepsBack: number;
  afterStepsBack: number;
  /** What was wrong with the order of the messages after the visits, or null. */
  orderProblem: string | null;
  backAtBottom: number;
  page: PageFigures;
  scroll: ScrollFigures;
  /** On the host page while the log scrolled up through the history. */
  scrollHost: HostFigures;
}

/**
 * A visitor comes back to a conversation that went on without them to `total` messages: how
 * long from navigation start until the newest message is painted (`runs` returns in a new tab,
 * then `runs` reloads), how many messages the page holds then, after visiting the top of the log
 * five times (each brings older ones), and back at the bottom; then the page's size and heap,
 * and the frame times and host-page long tasks while the log scrolls up through the history
 * for `frames` frames.
 */
export async function measureLongHistory(
  url: string,
  total = 10_000,
  runs = 5,
  frames = 600,
): Promise<LongHistoryFigures> {
  // A profile on disk, as a returning visitor's browser has.
  const profile = await profileContext();
  try {
    return await measureIn(profile.context, url, total, runs, frames);
  } finally {
    await profile.close();
  }
}

async function measureIn(
  context: BrowserContext,
  url: string,
  total: number,
  runs: number,
  frames: number,
): Promise<LongHistoryFigures> {
  const first = await context.newPage();
  const say = await startBenchChat(first, url, 'message 0');
  await first.close();
  for (let i = 1; i < total - 1; i += BATCH) {
    const size = Math.min(BATCH, total - 1 - i);
    await Promise.all(Array.from({length: size}, (_, k) => say(`message ${i + k}`)));
  }
  await say(NEWEST);
  // Writing the history outlasts the restore timeout, after which a return leaves the window
  // closed; one visit that opens it makes the measured returns reopen it by themselves.
  const primer = await context.newPage();
  await primer.goto(url);
  await primer.evaluate('document.querySelector("live-chat").show()');
  await primer.getByRole('log').getByText(NEWEST, {exact: true}).waitFor();
  await primer.close();

  // Within restore-timeout the window reopens by itself, showing the newest messages.
  const times = await timeLoads(
    context,
    url,
    [PAGE_TOOLS, PAINT_PROBE, HOST_OBSERVERS],
    runs,
    (tab) => tab.evaluate('[window.__paintedAt, window.__scriptStartAt]') as Promise<number[]>,
  );
  const page = times.tab;
  await page.waitForLoadState('networkidle');
  const atFirst = await inDom(page);
  const figures = await pageFigures(page);
  // A closed window's log holds messages too, but no visitor can scroll it.
  if (!(await page.evaluate('window.__log().checkVisibility()'))) {
    throw new Error('the chat window did not reopen: its log cannot be scrolled');
  }
  let count = atFirst;
  let stepsBack = 0;
  // A page of older messages that never comes is a finding, not the end of the report.
  const grew = (expr: string) =>
    page.waitForFunction(expr, null, {timeout: 60_000}).then(
      () => true,
      () => false,
    );
  for (; stepsBack < STEPS_BACK; stepsBack++) {
    await page.evaluate('window.__log().scrollTo({top: 0})');
    if (!(await grew(`window.__messagesInDom() > ${count}`))) break;
    count = await inDom(page);
  }
  const problem = await orderProblem(page);
  await page.evaluate('window.__log().scrollTo({top: window.__log().scrollHeight})');
  if (stepsBack > 0) await grew(`window.__messagesInDom() < ${count}`);
  const backAtBottom = await inDom(page);
  await readHost(page, true);
  const scroll = await scrollFrames(page, 'window.__log()', frames);
  const scrollHost = await readHost(page);
  return {
    messages: total,
    paintMs: times.reload.map(([painted]) => painted),
    afterScriptStartMs: times.reload.map(([painted, start]) => painted - start),
    newTabMs: times.newTab.map(([painted]) => painted),
    newTabAfterScriptStartMs: times.newTab.map(([painted, start]) => painted - start),
    inDom: atFirst,
    stepsBack,
    afterStepsBack: count,
    orderProblem: problem,
    backAtBottom,
    page: figures,
    scroll,
    scrollHost,
  };
}
