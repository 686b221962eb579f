import {existsSync} from 'node:fs';
import {chromium} from 'playwright';

/**
 * The Chromium every test launches: CHROME_PATH, else Playwright's own build if one was ever
 * installed, else Debian's. No test tool may download a browser here.
 */
export function chromiumPath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright throws when it has no browser of its own: fall through to the system one.
  }
  return '/usr/bin/chromium';
}

// Without the background-networking flags Chromium keeps dialling hosts this machine cannot reach.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchOptions() {
  return {executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS};
}
