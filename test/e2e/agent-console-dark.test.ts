import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'playwright';
import {addAdmin, chatList, logIn, openConsole, sections} from '../helpers/node/console-page.js';
import {axeViolations} from '../helpers/node/keyboard-checks.js';
import {createVisitorWithRoom, visitorSays} from '../helpers/node/server-fixture.js';
import {agentOf} from '../helpers/node/site-agent.js';
import {useWidgetSuite, type ShopSuite} from '../helpers/node/widget-site.js';

const ADA = {username: 'ada', password: 'ada-password', name: 'Ada Lovelace'};

/** The relative luminance (WCAG) of the console's page background: near 0 is dark. */
function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const app = document.querySelector('body > *')!;
    const [r, g, b] = getComputedStyle(app)
      .backgroundColor.match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });
}

describe('agent console in the system dark mode', () => {
  let suite: ShopSuite;
  let page: Page;
  let errors: string[];

  useWidgetSuite(
    async (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, ADA);
      const grace = await createVisitorWithRoom(s.site.url, {name: 'Grace Hopper'});
      await visitorSays(s.site.url, grace, 'My chain keeps **slipping**.');
      const ada = await agentOf(s.site.url, ADA);
      await ada.takeInquiryOf(grace.rid);
      await ada.reply(grace.rid, 'Turn the barrel adjuster: https://example.com/guide');
      // One waiting in the queue.
      const alan = await createVisitorWithRoom(s.site.url, {name: 'Alan Turing'});
      await visitorSays(s.site.url, alan, 'Do you sell bells?');
    },
    {settings: {routing: 'manual'}},
  );

  before(async () => {
    ({page, errors} = await openConsole(suite.browser, suite.site.url, {
      viewport: {width: 1280, height: 800},
    }));
    await page.emulateMedia({colorScheme: 'dark'});
  });

  after(async () => {
    await page.context().close();
  });

  it('is dark, and every view keeps its text readable', async () => {
    await page.getByLabel('Username').waitFor();
    assert.ok((await backgroundLuminance(page)) < 0.02, 'the login page is dark');
    assert.deepEqual(await axeViolations(page), [], 'login');
    await logIn(page, ADA);
    await chatList(page)
      .getByRole('button', {name: /Grace Hopper/})
      .click();
    await page.getByRole('log').getByText('Turn the barrel adjuster').waitFor();
    await page.getByRole('complementary', {name: 'Visitor details'}).waitFor();
    assert.ok((await backgroundLuminance(page)) < 0.02, 'the console is dark');
    assert.deepEqual(await axeViolations(page), [], 'a chat with the visitor details');
    for (const section of ['Queue', 'History', 'Settings']) {
      await sections(page)
        .getByRole('link', {name: new RegExp(`^${section}`)})
        .click();
      await page.getByRole('main', {name: section}).waitFor();
      assert.deepEqual(await axeViolations(page), [], section);
    }
    await page.getByRole('button', {name: 'Keyboard shortcuts'}).click();
    await page.getByRole('dialog', {name: 'Keyboard shortcuts'}).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'a dialog');
    await page.keyboard.press('Escape');
    assert.deepEqual(errors, []);
  });
});
