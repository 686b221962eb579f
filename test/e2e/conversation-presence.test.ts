import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {chatList, consoleOf} from '../helpers/node/console-page.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  log,
  openPage,
  shows,
  startChat,
  useWidgetSuite,
  widget,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

describe('presence between the widget and the agent console', () => {
  let suite: ShopSuite;
  useWidgetSuite((started) => {
    suite = started;
  });

  const consolePage = () => consoleOf(suite.browser, suite.site.url, TEST_AGENT);

  const seenMarks = (page: Page) => log(page).locator('.message.visitor .status-seen');
  const visitorMessage = (page: Page, text: string) =>
    log(page).locator('.message.visitor', {hasText: text});

  it('shows typing, the draft and "Seen" on both sides, live', async () => {
    const agent = await consolePage();
    const {page: visitor} = await openPage(suite.browser, suite.shop);
    await startChat(visitor, 'Hi, a question about my order');

    // The agent opens the chat: the visitor's message is seen.
    await agent.bringToFront();
    await chatList(agent).getByRole('button').first().click();
    await agent.getByRole('log').getByText('Hi, a question about my order').waitFor();
    await visitorMessage(visitor, 'Hi, a question about my order').getByText('Seen').waitFor();

    // The visitor types: the console shows who is typing and what.
    await visitor.bringToFront();
    const box = widget(visitor).getByRole('dialog').getByRole('textbox', {name: 'Message'});
    await box.pressSequentially('Where is my parcel?');
    await agent.getByText(/is typing…/).waitFor();
    const draft = agent.getByRole('region', {name: 'Draft'});
    await draft.getByText('Where is my parcel?').waitFor();

    // Sending ends typing and the draft; the agent, who has the chat open, reads it at once.
    await box.press('Enter');
    await agent.getByRole('log').getByText('Where is my parcel?').waitFor();
    await agent.getByText(/is typing…/).waitFor({state: 'hidden'});
    assert.equal(await draft.count(), 0);
    await visitorMessage(visitor, 'Where is my parcel?').getByText('Seen').waitFor();
    assert.equal(await seenMarks(visitor).count(), 1, '"Seen" only under the newest one');

    // The agent types: the visitor sees who. The answer ends it; the visitor, with the window
    // open, reads it: the console says so.
    await agent.bringToFront();
    await agent.getByLabel('Message').pressSequentially('It left our workshop');
    const agentTyping = widget(visitor).getByRole('status').filter({hasText: 'is typing…'});
    await agentTyping.getByText(`${TEST_AGENT.name} is typing…`).waitFor();
    await agent.getByLabel('Message').fill('It left our workshop this morning.');
    await agent.getByRole('button', {name: 'Send'}).click();
    await shows(visitor, 'It left our workshop this morning.');
    await agentTyping.waitFor({state: 'hidden'});
    const reply = () =>
      agent.locator('li.message.agent', {hasText: 'It left our workshop this morning.'});
    await reply().getByText('Seen').waitFor();

    // A reload of the console still knows what the visitor has read.
    await agent.reload();
    await chatList(agent).getByRole('button').first().click();
    await reply().getByText('Seen').waitFor();
  });
});
