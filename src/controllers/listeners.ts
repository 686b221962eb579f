/** A listener a controller keeps while its host is connected: target, event, handler, capture. */
export type Listener = readonly [EventTarget, string, (event: never) => void, boolean?];

/**
 * Adds (`on`) or removes a controller's listeners. A controller lists them once, for its
 * hostConnected() and its hostDisconnected() both, so that the two cannot drift apart.
 */
export function listen(on: boolean, listeners: readonly Listener[]): void {
  for (const [target, type, handler, capture] of listeners) {
    const listener = handler as EventListener;
    if (on) target.addEventListener(type, listener, capture);
    else target.removeEventListener(type, listener, capture);
  }
}
