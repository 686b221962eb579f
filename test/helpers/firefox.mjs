import {existsSync} from 'node:fs';

/** Debian's Firefox ESR (`apt-get install firefox-esr`). */
export const DEBIAN_FIREFOX = '/usr/bin/firefox-esr';

/**
 * The Firefox ESR the browser suite runs in besides Chromium: FIREFOX_PATH, else Debian's
 * firefox-esr. Throws, saying how to get one, when that file does not exist: no test tool may
 * download a browser here, and a suite that quietly skipped Firefox would pass untested.
 */
export function firefoxPath() {
  const path = process.env.FIREFOX_PATH || DEBIAN_FIREFOX;
  if (existsSync(path)) return path;
  throw new Error(
    process.env.FIREFOX_PATH
      ? `FIREFOX_PATH is ${path}, which does not exist: point it at a Firefox ESR binary.`
      : `Firefox ESR is missing (${DEBIAN_FIREFOX}): install it with ` +
          '`sudo apt-get update && sudo apt-get install -y firefox-esr`, or set FIREFOX_PATH ' +
          'to a Firefox binary. The browser tests run in Chromium and Firefox ESR.',
  );
}

/**
 * The browsers of the browser suite: `WTR_BROWSERS` (a comma list of `chromium` and `firefox`,
 * for a quicker look in one of them), else both.
 */
export function suiteBrowsers() {
  const names = (process.env.WTR_BROWSERS || 'chromium,firefox').split(',').map((s) => s.trim());
  const unknown = names.filter((name) => !['chromium', 'firefox'].includes(name));
  if (unknown.length) throw new Error(`WTR_BROWSERS: unknown browser ${unknown.join(', ')}`);
  return names;
}
