import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Page} from 'playwright';
import {
  shopDepartment,
  TEST_AGENT,
  agentLogin,
  api,
  createVisitorWithRoom,
} from '../helpers/node/server-fixture.js';
import {chatList, consoleOf, waitForFocus, waitForFocusText} from '../helpers/node/console-page.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {
  agentOf,
  log,
  openPage,
  send,
  shows,
  startChat,
  useWidgetSuite,
  widget,
} from '../helpers/node/widget-site.js';

const SECOND = {username: 'bea', password: 'bea-password', name: 'Bea Second'};

/** The tag name of the element focused now, looking through shadow roots. */
function focusedTag(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.tagName ?? '';
  });
}

/**
 * Picks `target` in the Transfer dialog open in `from`, with `comment`, and confirms; waits
 * until `from` has let the chat go and the visitor's window names `nextAgent` and shows the
 * transfer line.
 */
async function completeTransfer(
  from: Page,
  visitor: Page,
  target: string,
  comment: string,
  nextAgent: string,
): Promise<void> {
  const dialog = from.getByRole('dialog', {name: 'Transfer chat'});
  await dialog.getByRole('combobox', {name: 'Transfer to'}).selectOption({label: target});
  await dialog.getByLabel('Comment (optional)').fill(comment);
  await dialog.getByRole('button', {name: 'Transfer', exact: true}).click();
  await dialog.waitFor({state: 'hidden'});
  await from.getByText(`Chat transferred to ${target}.`).waitFor({state: 'attached'});
  assert.equal(await chatList(from).getByRole('button').count(), 0);
  // The chat and its Transfer button are gone: the keyboard goes on to the (empty) list.
  await waitForFocus(from, 'h2#heading');
  await log(visitor).getByText('The chat was transferred').waitFor();
  await widget(visitor).locator('lc-agent-card .name', {hasText: nextAgent}).waitFor();
}

describe('agent console: transfer between two agents', () => {
  let suite: ShopSuite;
  useWidgetSuite(
    (s) => {
      suite = s;
    },
    {agents: [TEST_AGENT, SECOND]},
  );

  it('hands a chat to another agent; the visitor sees the new agent and gets their reply', async () => {
    const {page: visitor} = await openPage(suite.browser, suite.shop);
    const first = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    const second = await consoleOf(suite.browser, suite.site.url, SECOND);
    // Both are free; the least busy agent with the earliest name gets the chat: `agent`.
    await startChat(visitor, 'My chain keeps slipping');
    await chatList(first).getByRole('button').first().click();
    await first.getByRole('log').getByText('My chain keeps slipping').waitFor();

    // The dialog is modal and labelled; Escape closes it and focus returns to "Transfer".
    await first.getByRole('button', {name: 'Transfer', exact: true}).click();
    const dialog = first.getByRole('dialog', {name: 'Transfer chat'});
    await dialog.waitFor();
    await dialog.getByRole('combobox', {name: 'Transfer to'}).waitFor();
    await first.keyboard.press('Escape');
    await dialog.waitFor({state: 'hidden'});
    await waitForFocusText(first, /^Transfer$/);

    await first.getByRole('button', {name: 'Transfer', exact: true}).click();
    // Once the available agents are loaded the choice has focus, in a modal dialog.
    await first.waitForFunction(() => {
      const app = document.querySelector('lc-agent-app')!.shadowRoot!;
      const root = app.querySelector('lc-agent-transfer-dialog')!.shadowRoot!;
      const box = root.querySelector('select')!;
      return !box.disabled && box.options.length > 1 && root.querySelector('dialog:modal');
    });
    assert.equal(await focusedTag(first), 'SELECT');
    await completeTransfer(first, visitor, SECOND.name, 'Bea knows chains', SECOND.name);

    await chatList(second).getByRole('button').first().click();
    await second.getByRole('log').getByText('My chain keeps slipping').waitFor();
    await second
      .getByRole('log')
      .getByText(`${TEST_AGENT.name} transferred the chat to ${SECOND.name}: Bea knows chains`)
      .waitFor();
    await second.getByRole('textbox', {name: 'Message'}).fill('Bea here: bring it in today');
    await second.getByRole('button', {name: 'Send'}).click();
    await shows(visitor, 'Bea here: bring it in today');
    await send(visitor, 'Thanks Bea');
    await second.getByRole('log').getByText('Thanks Bea').waitFor();
  });
});

const WES = {username: 'wes', password: 'wes-password', name: 'Wes Wrench'};

describe('agent console: transfer to a department', () => {
  let suite: ShopSuite;
  useWidgetSuite(
    (s) => {
      suite = s;
    },
    {
      agents: [TEST_AGENT, WES],
      settings: {
        departments: [shopDepartment('Workshop', WES.username)],
      },
    },
  );

  it('hands a chat to the department, whose agent gets it; the visitor sees them and the line', async () => {
    const {page: visitor, errors} = await openPage(suite.browser, suite.shop);
    const first = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    const wes = await consoleOf(suite.browser, suite.site.url, WES);
    // Both are free; the chat has no department, so `agent` (the earlier name) gets it.
    await startChat(visitor, 'My rear brake rubs');
    await widget(visitor).locator('lc-agent-card .name', {hasText: TEST_AGENT.name}).waitFor();
    await chatList(first).getByRole('button').first().click();
    await first.getByRole('log').getByText('My rear brake rubs').waitFor();

    await first.getByRole('button', {name: 'Transfer', exact: true}).click();
    await first
      .getByRole('dialog', {name: 'Transfer chat'})
      .getByRole('combobox', {name: 'Transfer to'})
      .locator('optgroup[label="Departments"] option', {hasText: 'Workshop'})
      .waitFor({state: 'attached'});
    // The department's agent takes it over.
    await completeTransfer(first, visitor, 'Workshop', 'For the workshop', WES.name);

    await chatList(wes).getByRole('button').first().click();
    await wes.getByRole('log').getByText('My rear brake rubs').waitFor();
    await wes
      .getByRole('log')
      .getByText(`${TEST_AGENT.name} transferred the chat to Workshop: For the workshop`)
      .waitFor();
    await wes.getByRole('textbox', {name: 'Message'}).fill('Wes here: bring it by at two');
    await wes.getByRole('button', {name: 'Send'}).click();
    await shows(visitor, 'Wes here: bring it by at two');
    const rooms = await (await agentOf(suite.site.url, WES)).rooms();
    assert.deepEqual(
      rooms.map((r) => r.departmentId),
      ['workshop'],
    );
    assert.deepEqual(errors, []);
  });
});

describe('agent console: closing with tags, and History', () => {
  let suite: ShopSuite;
  useWidgetSuite((s) => {
    suite = s;
  });

  it('closes a chat with a comment and tags, finds it by a word, opens it read-only', async () => {
    // Older chats, more than one page of History (20).
    const rest = await agentLogin(suite.site.url);
    for (let i = 0; i < 21; i++) {
      const old = await createVisitorWithRoom(suite.site.url, {name: `Earlier ${i}`});
      await api(suite.site.url, '/api/v1/livechat/room.closeByUser', {
        body: {rid: old.rid},
        headers: rest.headers,
      });
    }
    const {page: visitor} = await openPage(suite.browser, suite.shop);
    const agent = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    await startChat(visitor, 'Do you stock tubeless valves?');
    await chatList(agent).getByRole('button').first().click();
    await agent.getByRole('log').getByText('Do you stock tubeless valves?').waitFor();
    await agent.getByRole('button', {name: 'Close chat'}).click();
    await agent.getByLabel('Closing comment (optional)').fill('Ordered two');
    const tags = agent.getByLabel('Tags (optional)');
    await tags.fill('valves');
    await tags.press('Enter');
    await tags.fill('stock,');
    await agent.getByRole('list', {name: 'Tags'}).getByText('stock').waitFor();
    await agent.getByRole('button', {name: 'Remove tag valves'}).waitFor();
    await agent.getByRole('button', {name: 'Confirm close'}).click();
    await agent.getByRole('status').getByText('This chat is closed').waitFor();

    await agent.getByRole('link', {name: 'History'}).click();
    const main = agent.getByRole('main', {name: 'History'});
    const closed = main.getByRole('list', {name: 'Closed chats'});
    await closed.getByText('Ordered two').waitFor();
    // Newest first: the chat just closed leads; the oldest waits behind "Load more".
    await main.getByRole('status').getByText('22 chats closed').waitFor();
    assert.equal(
      await closed
        .getByRole('listitem')
        .filter({has: agent.getByRole('heading')})
        .count(),
      20,
    );
    assert.match(await closed.getByRole('heading').first().innerText(), /^guest-/);
    // From the keyboard: the focus goes on to the first chat loaded, as the button goes.
    await main.getByRole('button', {name: 'Load more'}).press('Enter');
    await closed.getByRole('button', {name: 'Earlier 0', exact: true}).waitFor();
    await waitForFocusText(agent, /^Earlier 1$/);
    assert.equal(await main.getByRole('button', {name: 'Load more'}).count(), 0);
    await main.getByRole('searchbox', {name: 'Search chats'}).fill('tubel');
    await main
      .getByRole('status')
      .getByText(/1 chat found/)
      .waitFor();
    const hit = closed.locator('mark', {hasText: 'tubeless'});
    await hit.waitFor();
    assert.deepEqual(
      await closed.getByRole('list', {name: 'Tags'}).getByRole('listitem').allTextContents(),
      ['valves', 'stock'],
    );

    // A search that matches nothing, and FTS syntax typed as text, answer with no error.
    await main.getByRole('searchbox', {name: 'Search chats'}).fill('NEAR( "*');
    await main
      .getByRole('status')
      .getByText(/0 chats found/)
      .waitFor();
    await main.getByRole('searchbox', {name: 'Search chats'}).fill('valves');
    await main
      .getByRole('status')
      .getByText(/1 chat found/)
      .waitFor();

    await closed.getByRole('button').first().click();
    const chat = agent.getByRole('log', {name: /Chat with/});
    await chat.getByText('Do you stock tubeless valves?').waitFor();
    await agent.getByText('Read only').waitFor();
    assert.equal(await agent.getByRole('textbox', {name: 'Message'}).count(), 0);
    await agent.getByRole('button', {name: 'Back to history'}).click();
    await main.getByRole('searchbox', {name: 'Search chats'}).waitFor();
    await agent.waitForFunction(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('data-rid') !== null && active?.tagName === 'BUTTON';
    });
    // Opened from the keyboard, the chat's title takes the focus, and shows it.
    await agent.keyboard.press('Enter');
    await waitForFocus(agent, 'h2#title');
    const shown = await agent.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const {outlineStyle, outlineWidth} = getComputedStyle(active!);
      return active!.matches(':focus-visible') && outlineStyle !== 'none' && outlineWidth !== '0px';
    });
    assert.ok(shown, 'the title shows its focus');
    // Escape goes back to the list, onto the same entry.
    await agent.keyboard.press('Escape');
    await main.getByRole('searchbox', {name: 'Search chats'}).waitFor();
    await waitForFocus(agent, 'button[data-rid]');
  });
});
