import {existsSync} from 'node:fs';

/**
 * The Firefox the browser suite also runs in when asked (`WTR_FIREFOX=1`): FIREFOX_PATH, else
 * Debian's firefox-esr; undefined when not asked or when that file does not exist. Not yet by
 * default: one outbox test without Web Locks is flaky there (docs/reliability.md, T11). No test
 * tool may download a browser here.
 */
export function firefoxPath() {
  if (!process.env.WTR_FIREFOX) return undefined;
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  return existsSync(path) ? path : undefined;
}
