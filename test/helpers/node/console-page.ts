import type {Browser, Page} from 'playwright';
import {openPage} from './widget-site.js';

/** A console page of its own (its own storage, so two agents can be logged in at once). */
export async function consoleOf(
  browser: Browser,
  url: string,
  who: {username: string; password: string},
): Promise<Page> {
  const {page} = await openPage(browser, `${url}/agent/`);
  page.context().setDefaultTimeout(10_000);
  await logIn(page, who);
  return page;
}

/** Logs into the console the page shows, and waits for its sections. */
export async function logIn(page: Page, who: {username: string; password: string}) {
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', {name: 'Log in'}).click();
  await page.getByRole('navigation', {name: 'Sections'}).waitFor();
}
