/** `--anchors`: the anchors' figures next to ours, each size as a ratio to ours. */
import type {Browser} from 'playwright';
import {measureDeepChatRender} from './anchors/deep-chat-render.js';
import {ANCHORS} from './anchors/install.js';
import {measureAnchorSizes} from './anchors/sizes.js';
import {describeTasks} from './host-page.js';
import type {LongHistoryFigures} from './long-history.js';
import {kb, ms, ratio, spread, table} from './report.js';
import type {BundleFigures} from './sizes.js';

export async function anchorReport(
  browser: Browser,
  bundle: BundleFigures,
  long: LongHistoryFigures,
  messages: number,
  runs: number,
) {
  const sizes = await measureAnchorSizes(browser);
  const render = await measureDeepChatRender(messages, runs);
  const rc = sizes.rocketChatLoaded;
  const sizeRows = [
    [
      `${ANCHORS.rocketChat}: loader + what its iframe loads before any interaction (${rc.requests} ` +
        `requests; JS ${kb(rc.byType.script ?? 0)})`,
      kb(rc.gzip),
      'our first load',
      kb(bundle.eagerGzip),
      ratio(rc.gzip, bundle.eagerGzip),
    ],
    [
      `${ANCHORS.rocketChat}: all of its JS`,
      kb(sizes.rocketChatAllJs),
      'all our widget JS',
      kb(bundle.allGzip),
      ratio(sizes.rocketChatAllJs, bundle.allGzip),
    ],
    [
      `${ANCHORS.deepChat}: deepChat.bundle.js`,
      kb(sizes.deepChat),
      'all our widget JS',
      kb(bundle.allGzip),
      ratio(sizes.deepChat, bundle.allGzip),
    ],
    [
      `${ANCHORS.customerSdk}: customer-sdk.min.js`,
      kb(sizes.customerSdk),
      'our headless client (LiveChatClient, esbuild, minified)',
      kb(sizes.ourHeadlessClient),
      ratio(sizes.customerSdk, sizes.ourHeadlessClient),
    ],
  ];
  const mib = (b: number | undefined) =>
    b === undefined ? '–' : `${(b / 2 ** 20).toFixed(1)} MiB`;
  const n = messages.toLocaleString('en');
  const theirs = render.notPainted
    ? [render.notPainted, '–', '–', '–', '–', '–']
    : [
        spread(render.newTabMs ?? []),
        spread(render.paintMs),
        `${render.page!.elements} elements, ${render.page!.nodes} nodes`,
        `p50 ${ms(render.scroll!.p50Ms)}, p95 ${ms(render.scroll!.p95Ms)}, max ` +
          `${ms(render.scroll!.maxMs)}, ${render.scroll!.over50} over 50 ms`,
        describeTasks(render.scrollHost!),
        mib(render.page!.jsHeapBytes),
      ];
  const ours = [
    spread(long.newTabMs),
    spread(long.paintMs),
    `${long.page.elements} elements, ${long.page.nodes} nodes`,
    `p50 ${ms(long.scroll.p50Ms)}, p95 ${ms(long.scroll.p95Ms)}, max ${ms(long.scroll.maxMs)}, ` +
      `${long.scroll.over50} over 50 ms`,
    describeTasks(long.scrollHost),
    mib(long.page.jsHeapBytes),
  ];
  const labels = [
    'newest message painted in a new tab (from navigation)',
    'newest message painted on reload (from navigation)',
    'DOM',
    `scroll frames (${long.scroll.frames} frames up)`,
    'long tasks while scrolling',
    'JS heap (after GC)',
  ];
  const markdown = [
    'Anchors (gzip level 9, as ours):',
    '',
    table(['anchor', 'size', 'compared with', 'ours', 'ratio'], sizeRows),
    '',
    `${n} messages in the same Chromium (ours: a returning visitor, the log pages its history; ` +
      'deep-chat: the same texts as its `history`):',
    '',
    table(
      ['figure', 'live-chat', ANCHORS.deepChat],
      labels.map((l, i) => [l, ours[i], theirs[i]]),
    ),
  ].join('\n');
  return {figures: {sizes, deepChatRender: render}, markdown};
}
