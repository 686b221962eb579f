/**
 * What the keyboard end-to-end test checks at every screen: where focus is (through every
 * shadow root), that it shows, that axe-core finds nothing, and that the window fits the
 * viewport with its main controls in view. `axeViolations` serves the console tests too.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Page} from 'playwright';

declare global {
  interface Window {
    /** Every element matching `selector` in the page and all its open shadow roots. */
    deepAll(selector: string): Element[];
  }
}

/** An init script (`context.addInitScript`) that defines `window.deepAll`. */
export const DEEP_QUERY = `
  window.deepAll = (selector) => {
    const found = [];
    const visit = (root) => {
      found.push(...root.querySelectorAll(selector));
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  };
`;

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The deep focused element, as the test needs to recognise it. */
export interface Focus {
  /** The element's tag, e.g. `button`. */
  tag: string;
  /** The tag of the shadow host it lives in (`''` in the page itself). */
  host: string;
  id: string;
  className: string;
  type: string;
  /** Whether it is inside `<live-chat>`. */
  inWidget: boolean;
  /** `:focus-visible` matches. */
  focusVisible: boolean;
  /** An outline (not none, wider than 0) or a box shadow shows the focus. */
  indicator: boolean;
  /** Contrast of the outline against the first opaque background behind it (null: unknown). */
  ringContrast: number | null;
  /** For a text field or select: contrast of its border against that background. */
  borderContrast: number | null;
}

/** The deep active element, or null when focus is on `body` (lost). */
export function focusOf(page: Page): Promise<Focus | null> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const root = element.getRootNode();
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const rgb = (color: string) => {
      const m = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/.exec(color);
      return m
        ? {c: [m[1], m[2], m[3]].map(Number), a: m[4] === undefined ? 1 : Number(m[4])}
        : null;
    };
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    // The ring sits outside the element (outline-offset), on what its ancestors paint.
    let ringContrast: number | null = null;
    let borderContrast: number | null = null;
    const ring = rgb(style.outlineColor);
    const edge =
      /^(input|textarea|select)$/.test(element.localName) &&
      element.getAttribute('type') !== 'radio'
        ? rgb(style.borderColor)
        : null;
    const contrast = (x: number[], y: number[]) => {
      const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (a + 0.05) / (b + 0.05);
    };
    let behind: Element | null = element;
    for (;;) {
      behind =
        behind.parentElement ??
        ((behind.getRootNode() as ShadowRoot).host as Element | undefined) ??
        null;
      if (!behind) break;
      const fill = rgb(getComputedStyle(behind).backgroundColor);
      if (fill && fill.a === 1) {
        if (ring) ringContrast = contrast(ring.c, fill.c);
        if (edge) borderContrast = contrast(edge.c, fill.c);
        break;
      }
    }
    return {
      ringContrast,
      borderContrast,
      tag: element.localName,
      host: root instanceof ShadowRoot ? root.host.localName : '',
      id: element.id,
      className: typeof element.className === 'string' ? element.className : '',
      type: (element as HTMLInputElement).type ?? '',
      inWidget: document.querySelector('live-chat')!.contains(
        (function top(node: Node): Node {
          const r = node.getRootNode();
          return r instanceof ShadowRoot ? top(r.host) : node;
        })(element),
      ),
      focusVisible: element.matches(':focus-visible'),
      indicator: outline || style.boxShadow !== 'none',
    };
  });
}

/** Asserts focus is inside the widget and visibly so; resolves what has it. */
export async function assertFocusShown(page: Page, where: string): Promise<Focus> {
  const focus = await focusOf(page);
  assert.ok(focus, `${where}: focus is lost (on body)`);
  assert.ok(focus.inWidget, `${where}: focus left the widget (${JSON.stringify(focus)})`);
  assert.ok(focus.focusVisible, `${where}: :focus-visible on ${JSON.stringify(focus)}`);
  assert.ok(focus.indicator, `${where}: no visible focus indicator on ${JSON.stringify(focus)}`);
  if (focus.ringContrast !== null) {
    assert.ok(
      focus.ringContrast >= 3,
      `${where}: focus ring below 3:1 on ${JSON.stringify(focus)}`,
    );
  }
  if (focus.borderContrast !== null) {
    assert.ok(
      focus.borderContrast >= 3,
      `${where}: field edge below 3:1 on ${JSON.stringify(focus)}`,
    );
  }
  return focus;
}

/**
 * Presses `key` until the focused element satisfies `wanted` (at most `limit` times), checking
 * that every stop inside the widget shows its focus.
 */
export async function pressUntil(
  page: Page,
  key: string,
  wanted: (focus: Focus) => boolean,
  limit = 25,
): Promise<Focus> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press(key);
    const focus = await focusOf(page);
    if (focus?.inWidget) await assertFocusShown(page, `${key} #${i + 1}`);
    if (focus && wanted(focus)) return focus;
  }
  throw new Error(
    `${key} never reached the wanted control (now ${JSON.stringify(await focusOf(page))})`,
  );
}

/** Waits until no animation runs in the page (axe measures colours of what it sees). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    // `document.getAnimations()` leaves out those inside shadow roots.
    const roots = [
      document,
      ...window
        .deepAll('*')
        .map((e) => e.shadowRoot)
        .filter((r) => r),
    ];
    return roots.every((root) => root!.getAnimations().every((a) => a.playState !== 'running'));
  });
}

/**
 * Runs axe-core in the page: on `include` (axe's context; the whole page, open shadow roots
 * included, unless given) with axe's `options`. Resolves one line per violation.
 */
export async function axeViolations(
  page: Page,
  include: unknown = null,
  options: Record<string, unknown> = {},
): Promise<string[]> {
  // Evaluated, not added as a script tag: the agent console's CSP (script-src 'self') refuses
  // an inline script, and an evaluated one is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  return page.evaluate(
    async ([context, runOptions]) => {
      const axe = (
        window as unknown as {axe: {run: (...args: unknown[]) => Promise<{violations: unknown}>}}
      ).axe;
      const result = await axe.run(context ?? document, runOptions);
      return (
        result.violations as {id: string; nodes: {target: unknown; failureSummary: string}[]}[]
      ).map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`)
            .join(' | ')}`,
      );
    },
    [include, options] as const,
  );
}

/** Runs axe-core on the whole page (open shadow roots included); asserts no violation. */
export async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  await settled(page);
  const violations = await axeViolations(page, null, {runOnly: {type: 'tag', values: AXE_TAGS}});
  assert.deepEqual(violations, [], `${where}: axe violations`);
}

/**
 * Asserts the open window fits the viewport, nothing in it scrolls sideways, and each control
 * matching `controls` (deep selectors: `host-tag inner-selector`) lies fully inside the viewport
 * and the window once scrolled into view within the widget.
 */
export async function assertFits(page: Page, where: string, controls: string[]): Promise<void> {
  const problems = await page.evaluate((selectors) => {
    const found: string[] = [];
    // Only the widget's elements: the page has none in shadow roots.
    const all = window.deepAll('*').filter((e) => e.getRootNode() !== document);
    const box = all.find((e) => e.getAttribute('part') === 'window')?.getBoundingClientRect();
    if (!box) return ['no window'];
    const inside = (r: DOMRect, o: {left: number; top: number; right: number; bottom: number}) =>
      r.left >= o.left - 1 &&
      r.top >= o.top - 1 &&
      r.right <= o.right + 1 &&
      r.bottom <= o.bottom + 1;
    const viewport = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
    if (!inside(box, viewport)) found.push(`window ${JSON.stringify(box)} outside the viewport`);
    for (const element of all) {
      const style = getComputedStyle(element);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (scrolls && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${element.localName}.${element.className} scrolls sideways`);
      }
    }
    for (const selector of selectors) {
      const [host, inner] = selector.split(' ');
      const matches = all
        .filter((e) => e.localName === host)
        .flatMap((e) => [...(e.shadowRoot ?? e).querySelectorAll(inner)])
        .filter((e) => (e as HTMLElement).offsetParent !== null);
      for (const element of matches) {
        element.scrollIntoView({block: 'nearest', inline: 'nearest'});
        const r = element.getBoundingClientRect();
        if (!inside(r, viewport) || !inside(r, box)) {
          found.push(`${selector} cut off: ${JSON.stringify(r)} (window ${JSON.stringify(box)})`);
        }
      }
    }
    return found;
  }, controls);
  assert.deepEqual(problems, [], `${where}: cut off`);
}
