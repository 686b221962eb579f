import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type BrowserContext} from 'playwright';
import {launchOptions} from '../test/helpers/chromium.mjs';

/**
 * A Chromium with a profile on disk, as a returning visitor's browser is. Playwright's default
 * contexts are off the record and keep no compiled code between loads: a return in a new tab
 * then compiles the whole page again (10,000-message history, newest painted in a new tab:
 * 204 ms after the script's start in such a context, 139 ms with a profile). Each call starts
 * its own browser; `close` stops it and deletes the profile.
 */
export async function profileContext(): Promise<{context: BrowserContext; close(): Promise<void>}> {
  const dir = await mkdtemp(join(tmpdir(), 'live-chat-bench-profile-'));
  // The demo page's CSP forbids eval, which the bench's string evaluations use.
  const context = await chromium.launchPersistentContext(dir, {
    ...launchOptions(),
    bypassCSP: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, {recursive: true, force: true});
    },
  };
}
