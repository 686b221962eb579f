import {describe, it} from 'node:test';
import type {Page} from 'playwright';
import {chatList, consoleOf, sections} from '../helpers/node/console-page.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  openPage,
  startChat,
  useWidgetSuite,
  widget,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

describe('the agent console shows whether the visitor is still on the page', () => {
  let suite: ShopSuite;
  // A short grace: the visitor counts as gone half a second after their last page closed.
  useWidgetSuite(
    (started) => {
      suite = started;
    },
    {visitorOfflineGraceMs: 500},
  );

  const header = (agent: Page) => agent.locator('lc-agent-conversation header');

  it('"Online" while the visitor chats, "Left the page" once they closed it, and back', async () => {
    const agent = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    const {context, page: visitor} = await openPage(suite.browser, suite.shop);
    await startChat(visitor, 'Do you repair e-bikes?');

    await agent.bringToFront();
    const entry = chatList(agent).getByRole('button', {name: /Online/});
    await entry.waitFor();
    await entry.click();
    await header(agent).getByText('Online', {exact: true}).waitFor();

    // The visitor starts typing, then closes the page: the typing line goes with them.
    await visitor.bringToFront();
    const box = widget(visitor).getByRole('dialog').getByRole('textbox', {name: 'Message'});
    await box.pressSequentially('And how long does');
    await agent.getByText(/is typing…/).waitFor();
    await visitor.close();
    await header(agent).getByText('Left the page', {exact: true}).waitFor();
    await chatList(agent)
      .getByRole('button', {name: /Left the page/})
      .waitFor();
    await agent.getByText(/is typing…/).waitFor({state: 'hidden'});

    // Another page of the site: the chat resumes and the visitor is back.
    const again = await context.newPage();
    await again.goto(suite.shop);
    await header(agent).getByText('Online', {exact: true}).waitFor();
    await chatList(agent)
      .getByRole('button', {name: /Online/})
      .waitFor();
    await context.close();
  });
});

describe('the queue and the visitor details show whether a waiting visitor is still on the page', () => {
  let suite: ShopSuite;
  useWidgetSuite(
    (started) => {
      suite = started;
    },
    {visitorOfflineGraceMs: 500, settings: {routing: 'manual'}},
  );

  it('a queued chat says "Online", then "Left the page"; taken, the details say so until the visitor is back', async () => {
    const agent = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    await sections(agent).getByRole('link', {name: /Queue/}).click();
    const {context, page: visitor} = await openPage(suite.browser, suite.shop);
    await startChat(visitor, 'Is the blue cargo bike in stock?');

    await agent.bringToFront();
    const waiting = agent.getByRole('list', {name: 'Waiting chats'});
    await waiting.getByRole('article', {name: /, Online$/}).waitFor();
    await visitor.close();
    await waiting.getByRole('article', {name: /, Left the page$/}).waitFor();

    await waiting.getByRole('button', {name: /^Take the chat with/}).click();
    const details = agent.getByRole('complementary', {name: 'Visitor details'});
    await details.getByText('Left the page', {exact: true}).waitFor();
    const again = await context.newPage();
    await again.goto(suite.shop);
    await details.getByText('Online', {exact: true}).waitFor();
    await context.close();
  });
});
