/**
 * Rocket.Chat's widget on a test site, for the end-to-end tests (apart from rc-widget.ts, which
 * the bench imports too: this one pulls in the node:test harness).
 */
import type {Browser} from 'playwright';
import type {ServerOptions} from '../../../src/server/app.js';
import {installRcWidget, rcHostPage, rcWidgetBuild, watchRcWidget} from './rc-widget.js';
import {launchBrowser, startWidgetSite} from './widget-site.js';

/** A site serving Rocket.Chat's widget on `rc-host.html` (`installRcWidget`), and a browser. */
export async function rcSite(options: Partial<ServerOptions>) {
  const site = await startWidgetSite(options);
  installRcWidget(rcWidgetBuild(), site.dir, site.url);
  const host = await site.page('rc-host.html', rcHostPage(site.url));
  return {site, host, browser: await launchBrowser()};
}

/** A visitor's page on `host`, watched (see `watchRcWidget`), and its widget's frame. */
export async function rcVisitor(browser: Browser, host: string) {
  const context = await browser.newContext();
  const watched = watchRcWidget(context);
  const page = await context.newPage();
  await page.goto(host);
  return {page, rc: page.frameLocator('iframe'), ...watched};
}
