/** Delay before the first reconnect attempt, before jitter (so the first wait is 250–750 ms). */
export const RECONNECT_INITIAL_MS = 500;
/** No reconnect wait is ever longer than this while the page is visible, jitter included. */
export const RECONNECT_MAX_MS = 10_000;
/**
 * The cap while the page is hidden: a background tab retries less often, and becoming visible
 * reconnects at once anyway (docs/reliability.md, "Reconnect").
 */
export const RECONNECT_HIDDEN_MAX_MS = 60_000;
/** Each failed attempt multiplies the base delay by this. */
export const RECONNECT_FACTOR = 2;
/** Each delay is the base ± this fraction, so clients that dropped together spread out. */
export const RECONNECT_JITTER = 0.5;

/** Tunables of `reconnectDelayMs`; the defaults are the `RECONNECT_*` constants. */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  jitter?: number;
}

/**
 * Whether the page is hidden (a background tab, a minimised window); false outside a browser.
 * Read through `globalThis` so the core never names the DOM's `document`.
 */
export function isPageHidden(): boolean {
  const page = (globalThis as {document?: {visibilityState?: string}}).document;
  return page?.visibilityState === 'hidden';
}

/**
 * The wait before reconnect attempt `attempt` (0 = first): exponential, ±jitter, and capped so
 * that even the jittered value stays within `maxMs` (the base stops at `maxMs / (1 + jitter)`).
 */
export function reconnectDelayMs(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = {},
): number {
  const {
    initialMs = RECONNECT_INITIAL_MS,
    maxMs = RECONNECT_MAX_MS,
    factor = RECONNECT_FACTOR,
    jitter = RECONNECT_JITTER,
  } = options;
  const base = Math.min(maxMs / (1 + jitter), initialMs * factor ** Math.min(attempt, 30));
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}
