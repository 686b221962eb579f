import type {LcEventDetails, LcEventName} from './events.js';

/** Options of `emit()`; only documented events may be cancelable. */
export interface EmitOptions {
  cancelable?: boolean;
}

/**
 * Dispatches an `lc-*` CustomEvent that bubbles and crosses shadow roots, and returns it so
 * the caller can read `defaultPrevented`.
 */
export function emit<K extends LcEventName>(
  target: EventTarget,
  name: K,
  detail: LcEventDetails[K],
  options: EmitOptions = {},
): CustomEvent<LcEventDetails[K]> {
  const event = new CustomEvent(name, {
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
    detail,
  });
  target.dispatchEvent(event);
  return event;
}
