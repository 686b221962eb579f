import type {LcEventDetails} from '../events/events.js';

/**
 * Handles an intent (`lc-send`, `lc-register`, …) on a shadow root and stops it there:
 * intents are internal, the page only sees the public `lc-*` events.
 */
export function listenIntent<K extends keyof LcEventDetails>(
  root: EventTarget,
  name: K,
  handle: (detail: LcEventDetails[K]) => void,
): void {
  root.addEventListener(name, (event) => {
    event.stopPropagation();
    handle((event as CustomEvent<LcEventDetails[K]>).detail);
  });
}

/** For intent handlers: client failures already reach the page as `lc-error` and the snapshot. */
export const ignore = (): void => {};
