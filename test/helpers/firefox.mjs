import {existsSync} from 'node:fs';

/**
 * The Firefox the browser suite also runs in: FIREFOX_PATH, else Debian's firefox-esr; undefined
 * when that file does not exist. No test tool may download a browser here.
 */
export function firefoxPath() {
  const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  return existsSync(path) ? path : undefined;
}
