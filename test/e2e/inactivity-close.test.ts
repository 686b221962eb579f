import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {InactivityCloseSweep} from '../../src/server/livechat/inactivity-close.js';
import {addAdmin, chatList, consoleOf, sections} from '../helpers/node/console-page.js';
import {TEST_AGENT, until} from '../helpers/node/server-fixture.js';
import {
  agentSays,
  log,
  openPage,
  roomOf,
  send,
  shows,
  startChat,
  useWidgetSuite,
  widget,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

const MINUTE_MS = 60_000;
const CLOSING = 'We closed this chat after 15 minutes without news from you.';
const BOSS = {username: 'boss', password: 'boss-password', name: 'The Boss'};
const MINUTES_LABEL = 'Close chats the visitor left unanswered after N minutes (0: never)';

describe('chats the visitor left unanswered, closed by the server (visitorInactivityCloseMinutes)', () => {
  let suite: ShopSuite;
  const clock = {offsetMs: 0};
  const sweeps: InactivityCloseSweep[] = [];
  useWidgetSuite(
    (started) => {
      suite = started;
      addAdmin(started.site.server.dataDir, BOSS);
    },
    {
      settings: {
        registrationForm: false,
        visitorInactivityCloseMinutes: 15,
        visitorInactivityCloseMessage:
          'We closed this chat after {minutes} minutes without news from you.',
      },
      inactivityClose: {
        intervalMs: 100,
        now: () => Date.now() + clock.offsetMs,
        onSweep: (sweep) => sweeps.push(sweep),
      },
    },
  );

  it('the open widget shows the chat ended with the closing message; the console moves it from Open chats to History', async () => {
    const {page: visitor, errors} = await openPage(suite.browser, suite.shop);
    const agent = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    const rid = await startChat(visitor, 'Which saddle fits a gravel bike?');
    await chatList(agent).getByRole('button').first().click();
    await agent.getByRole('log').getByText('Which saddle fits a gravel bike?').waitFor();
    await agentSays(suite.agent, rid, 'The Terra 2, in 145 mm. Shall I reserve one?', [visitor]);

    // The visitor never answers: a quarter of an hour later the server closes the chat.
    clock.offsetMs = 16 * MINUTE_MS;
    await until(() => sweeps.some((sweep) => sweep.rooms === 1), 'the chat to be closed');
    await log(visitor).getByText(CLOSING).waitFor();
    const restart = widget(visitor).getByRole('button', {name: 'Start a new chat'});
    await restart.waitFor();
    assert.equal(await widget(visitor).getByRole('textbox', {name: 'Message'}).count(), 0);

    // The agent sees it end where it is open, and it leaves Open chats for History.
    await agent.getByRole('status').getByText('This chat is closed').waitFor();
    await chatList(agent).getByRole('button').first().waitFor({state: 'detached'});
    await sections(agent).getByRole('link', {name: 'History'}).click();
    const main = agent.getByRole('main', {name: 'History'});
    await main.getByRole('list', {name: 'Closed chats'}).getByText(CLOSING).waitFor();

    // Back later, the visitor starts a new chat from the same window.
    await restart.click();
    await send(visitor, 'Yes please, reserve one');
    await shows(visitor, 'Yes please, reserve one');
    assert.notEqual(await roomOf(visitor), rid);
    assert.deepEqual(errors, []);
  });

  it('an admin sets the automatic close and its message in Settings', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const chats = boss.getByRole('form', {name: 'Closed chats'});
    const minutes = chats.getByLabel(MINUTES_LABEL);
    const message = chats.getByLabel('Closing message');
    assert.equal(await minutes.inputValue(), '15');
    assert.match(await message.inputValue(), /^We closed this chat after \{minutes\} minutes/);
    await minutes.fill('2.5');
    await message.fill(' ');
    await chats.getByRole('button', {name: 'Save chat settings'}).click();
    await chats.getByText('Enter a whole number of minutes from 0 to 525600 (0: never).').waitFor();
    await chats.getByText('Enter a closing message of 1 to 1024 characters.').waitFor();
    await minutes.fill('45');
    await message.fill('No reply for {minutes} minutes, so we closed the chat.');
    await chats.getByRole('button', {name: 'Save chat settings'}).click();
    await chats.getByRole('status').getByText('Saved.').waitFor();
    await boss.reload();
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const saved = boss.getByRole('form', {name: 'Closed chats'});
    await saved.getByLabel(MINUTES_LABEL).waitFor();
    assert.equal(await saved.getByLabel(MINUTES_LABEL).inputValue(), '45');
    assert.equal(
      await saved.getByLabel('Closing message').inputValue(),
      'No reply for {minutes} minutes, so we closed the chat.',
    );
  });
});
