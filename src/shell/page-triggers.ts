import type {LiveChatClient} from '../core/chat-client.js';
import {systemClock} from '../core/clock.js';
import {observableSymbol} from '../core/emitter.js';
import type {RunOnceStore} from '../core/triggers.js';

const TRIGGER_KEY_PREFIX = 'live-chat:triggers:';
const NAVIGATIONS = ['popstate', 'hashchange'];

/**
 * `runOnce` trigger ids in sessionStorage (docs/reliability.md: the one thing written before the
 * visitor interacts, and only once a trigger fired). Unreadable data counts as none.
 */
export function sessionRunOnceStore(key: string): RunOnceStore {
  return {
    get() {
      const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : [];
    },
    set(ids) {
      sessionStorage.setItem(key, JSON.stringify(ids));
    },
  };
}

/**
 * Runs the config's triggers of `<live-chat>`'s client in this page: `runOnce` ids kept under
 * the `server` attribute (as written), `page-url` conditions checked again on each history
 * navigation until the client is destroyed, and `onFire` called when one fires. A chunk of its
 * own, which only a page whose config has triggers loads.
 */
export async function runPageTriggers(
  client: LiveChatClient,
  server: string,
  onFire: () => void,
): Promise<void> {
  const engine = await client.runTriggers({
    pageUrl: () => location.href,
    runOnceStore: sessionRunOnceStore(`${TRIGGER_KEY_PREFIX}${server}`),
    clock: systemClock,
  });
  engine.onFire(onFire);
  const pageChanged = () => engine.pageChanged();
  for (const type of NAVIGATIONS) window.addEventListener(type, pageChanged);
  // `destroy()` completes every subscription: the page is not followed any longer.
  client[observableSymbol]().subscribe({
    complete: () => {
      for (const type of NAVIGATIONS) window.removeEventListener(type, pageChanged);
    },
  });
}
