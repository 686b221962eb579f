/**
 * The agent console in the end-to-end harness: a console page of its own, the login form, and
 * the landmarks every console test finds its way by.
 */
import type {Browser, BrowserContext, Locator, Page} from 'playwright';
import {openDatabase} from '../../../src/server/db.js';
import {AgentAccounts} from '../../../src/server/livechat/agent-accounts.js';
import {openPage, type OpenPageOptions} from './widget-site.js';

/** Who logs in: a username and a password (e.g. `TEST_AGENT`). */
export interface ConsoleLogin {
  username: string;
  password: string;
}

/**
 * A page of its own (its own context and storage, so two agents can be logged in at once) that
 * shows the console's login form; `errors` as `openPage` collects them.
 */
export async function openConsole(
  browser: Browser,
  url: string,
  options: OpenPageOptions = {},
): Promise<{context: BrowserContext; page: Page; errors: string[]}> {
  const opened = await openPage(browser, `${url}/agent/`, options);
  opened.context.setDefaultTimeout(10_000);
  return opened;
}

/** A console page of its own (see `openConsole`), logged in as `who`. */
export async function consoleOf(browser: Browser, url: string, who: ConsoleLogin): Promise<Page> {
  const {page} = await openConsole(browser, url);
  await logIn(page, who);
  return page;
}

/** Fills the login form the page shows and sends it; does not wait for the answer. */
export async function submitLogin(page: Page, who: ConsoleLogin): Promise<void> {
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', {name: 'Log in'}).click();
}

/** Logs into the console the page shows, and waits for its sections. */
export async function logIn(page: Page, who: ConsoleLogin): Promise<void> {
  await submitLogin(page, who);
  await sections(page).waitFor();
}

/** Loads the console of the server at `url` in `page` and logs in as `who`. */
export async function logInAt(page: Page, url: string, who: ConsoleLogin): Promise<void> {
  await page.goto(`${url}/agent/`);
  await logIn(page, who);
}

/** The console's section navigation (Chats, Queue, Offline messages, History…). */
export function sections(page: Page): Locator {
  return page.getByRole('navigation', {name: 'Sections'});
}

/** The list of the agent's open chats. */
export function chatList(page: Page): Locator {
  return page.getByRole('navigation', {name: /Open chats/});
}

/** Waits until the keyboard focus (looking into shadow roots) is on an element matching `selector`. */
export async function waitForFocus(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((match) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return !!active?.matches(match);
  }, selector);
}

/** Waits until the keyboard focus (looking into shadow roots) is on an element whose text matches. */
export async function waitForFocusText(page: Page, text: RegExp): Promise<void> {
  await page.waitForFunction(
    ({source, flags}) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return new RegExp(source, flags).test(active?.textContent?.trim() ?? '');
    },
    {source: text.source, flags: text.flags},
  );
}

/**
 * Tells the page it is hidden (or visible again) as a browser does, with the properties and the
 * event: headless Chromium keeps every tab visible.
 */
export function setHidden(page: Page, isHidden: boolean): Promise<void> {
  return page.evaluate((hidden) => {
    if (hidden) {
      Object.defineProperty(document, 'hidden', {configurable: true, value: true});
      Object.defineProperty(document, 'visibilityState', {configurable: true, value: 'hidden'});
    } else {
      delete (document as {hidden?: boolean}).hidden;
      delete (document as {visibilityState?: string}).visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, isHidden);
}

/**
 * Adds an admin to a server's data folder, as `agent add NAME --admin` does; not available, so
 * chats keep going to the test agent.
 */
export function addAdmin(dataDir: string, who: ConsoleLogin & {name: string}): void {
  const db = openDatabase(dataDir);
  try {
    new AgentAccounts(db).add(who.username, who.password, {name: who.name, admin: true});
  } finally {
    db.close();
  }
}
