import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {api} from '../helpers/node/server-fixture.js';
import {addAdmin, consoleOf, sections, waitForFocus} from '../helpers/node/console-page.js';
import {axeViolations} from '../helpers/node/keyboard-checks.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {openPage, shows, startChat, useWidgetSuite} from '../helpers/node/widget-site.js';

const BOSS = {username: 'boss', password: 'boss-password', name: 'The Boss'};
const CARLA = {username: 'carla', password: 'carla-password', name: 'Carla Third'};

describe('agent console: Settings', () => {
  let suite: ShopSuite;
  useWidgetSuite(
    (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, BOSS);
    },
    {settings: {routing: 'manual'}},
  );

  it('an admin adds an agent, who logs in and takes a chat; others see no Settings', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const main = boss.getByRole('main', {name: 'Settings'});
    await main.getByRole('heading', {name: 'Agents'}).waitFor();

    const violations = await axeViolations(boss, {
      include: [['lc-agent-app', 'lc-agent-settings']],
    });
    assert.deepEqual(violations, []);

    // A too-short password is refused in place, tied to its field.
    const add = main.getByRole('form', {name: 'Add an agent'});
    await add.getByLabel('Username', {exact: true}).fill(CARLA.username);
    await add.getByLabel('Name', {exact: true}).fill(CARLA.name);
    await add.getByLabel('Password', {exact: true}).fill('short');
    await add.getByRole('button', {name: 'Add agent'}).click();
    const password = add.getByLabel('Password', {exact: true});
    await boss.waitForFunction(() => {
      const root = document
        .querySelector('lc-agent-app')!
        .shadowRoot!.querySelector('lc-agent-settings')!.shadowRoot!;
      const input = root.querySelector('#new-password')!;
      return (
        input.getAttribute('aria-invalid') === 'true' &&
        root.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent ===
          'Use at least 8 characters.'
      );
    });
    assert.equal(await password.getAttribute('aria-invalid'), 'true');

    await password.fill(CARLA.password);
    await add.getByRole('button', {name: 'Add agent'}).click();
    await add.getByRole('status').getByText('Added carla. They can log in now.').waitFor();
    await main.getByRole('row', {name: /carla Carla Third Agent 0/}).waitFor();
    assert.equal(await password.inputValue(), '', 'emptied after success');

    // A taken username: the server's reason shows at the field, and what was typed stays.
    const username = add.getByLabel('Username', {exact: true});
    await username.fill(CARLA.username);
    await password.fill('another-password');
    await add.getByRole('button', {name: 'Add agent'}).click();
    await add.getByRole('status').getByText('The username "carla" is already taken').waitFor();
    assert.equal(await username.getAttribute('aria-invalid'), 'true');
    assert.match((await username.getAttribute('aria-describedby')) ?? '', /new-username-error/);
    assert.equal(await password.inputValue(), 'another-password');

    // The second agent logs in on a page of their own; Settings is not theirs.
    const carla = await consoleOf(suite.browser, suite.site.url, CARLA);
    await sections(carla).getByRole('link', {name: 'Chats'}).waitFor();
    assert.equal(await sections(carla).getByRole('link', {name: 'Settings'}).count(), 0);
    const settings = await api(suite.site.url, '/api/v1/livechat/admin/settings', {
      headers: await carla.evaluate(() => {
        const s = JSON.parse(localStorage.getItem('live-chat-agent-session')!);
        return {'x-user-id': s.userId, 'x-auth-token': s.authToken};
      }),
    });
    assert.equal(settings.status, 403);

    // Manual routing: the visitor's chat waits until Carla takes it from the queue.
    const {page: visitor} = await openPage(suite.browser, suite.shop);
    await startChat(visitor, 'Do you fit mudguards?');
    await sections(carla)
      .getByRole('link', {name: /Queue 1 waiting/})
      .click();
    const waiting = carla.getByRole('list', {name: 'Waiting chats'});
    await waiting.getByText('Do you fit mudguards?').waitFor();
    await waiting.getByRole('button', {name: /Take the chat with/}).click();
    await carla.getByRole('log').getByText('Do you fit mudguards?').waitFor();
    await carla.getByLabel('Message').fill('Yes, while you wait.');
    await carla.getByRole('button', {name: 'Send'}).click();
    await shows(visitor, 'Yes, while you wait.');
  });

  it('asks before "Remove" takes an agent away; Escape keeps them, and the keyboard stays in Settings', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const main = boss.getByRole('main', {name: 'Settings'});
    const add = main.getByRole('form', {name: 'Add an agent'});
    await add.getByLabel('Username', {exact: true}).fill('dave');
    await add.getByLabel('Name', {exact: true}).fill('Dave Shortstay');
    await add.getByLabel('Password', {exact: true}).fill('dave-password');
    await add.getByRole('button', {name: 'Add agent'}).click();
    const row = main.getByRole('row', {name: /dave Dave Shortstay/});
    await row.waitFor();
    const remove = row.getByRole('button', {name: 'Remove dave'});
    await remove.press('Enter');
    const ask = main.getByRole('dialog', {name: 'Remove agent dave?'});
    await ask.waitFor();
    await waitForFocus(boss, 'dialog button[value="cancel"]');
    await boss.keyboard.press('Escape');
    await ask.waitFor({state: 'hidden'});
    await waitForFocus(boss, 'button[aria-label="Remove dave"]');
    assert.equal(await row.count(), 1, 'dave is still there');

    await remove.press('Enter');
    await ask.waitFor();
    await boss.keyboard.press('Tab');
    await ask.getByRole('button', {name: 'Remove dave'}).press('Enter');
    await row.waitFor({state: 'detached'});
    await waitForFocus(boss, 'h3#agents-title');
    await boss.close();
  });

  it('asks before removing a department, naming it on the button', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const main = boss.getByRole('main', {name: 'Settings'});
    const add = main.getByRole('form', {name: 'Add a department'});
    await add.getByLabel('Department name').fill('Rentals');
    await add.getByRole('button', {name: 'Add department'}).click();
    const group = main.getByRole('group', {name: 'Rentals', exact: true});
    await group.waitFor();
    await group.getByRole('button', {name: 'Remove Rentals'}).click();
    const ask = main.getByRole('dialog', {name: 'Remove department Rentals?'});
    await ask.waitFor();
    const violations = await axeViolations(boss, {
      include: [['lc-agent-app', 'lc-agent-settings', 'lc-agent-confirm-dialog']],
    });
    assert.deepEqual(violations, []);
    await ask.getByRole('button', {name: 'Cancel'}).click();
    await ask.waitFor({state: 'hidden'});
    await waitForFocus(boss, 'fieldset button.danger');
    assert.equal(await group.count(), 1, 'Rentals is still there');

    await group.getByRole('button', {name: 'Remove Rentals'}).click();
    await ask.getByRole('button', {name: 'Remove Rentals'}).click();
    await group.waitFor({state: 'detached'});
    await waitForFocus(boss, 'h3#departments-title');
    await boss.close();
  });

  it('texts and business hours saved in Settings reach the widget at its next load', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const main = boss.getByRole('main', {name: 'Settings'});
    const widgetForm = main.getByRole('form', {name: 'Widget'});
    await widgetForm.getByLabel('Title while offline').fill('Closed for the day');
    await widgetForm.getByLabel('Offline form text').fill('Back at nine tomorrow.');
    await widgetForm.getByRole('button', {name: 'Save widget settings'}).click();
    await widgetForm.getByRole('status').getByText('Saved.').waitFor();
    // Business hours on, no day open: the desk is closed whoever is available.
    const hours = main.getByRole('form', {name: 'Business hours'});
    await hours.getByLabel(/Only take chats during business hours/).check();
    await hours.getByRole('button', {name: 'Save business hours'}).click();
    await hours.getByRole('status').getByText('Saved.').waitFor();

    const {page: visitor} = await openPage(suite.browser, suite.shop);
    await visitor.getByRole('button', {name: 'Open chat'}).click();
    const offline = visitor.getByRole('dialog', {name: 'Closed for the day'});
    await offline.getByText('Back at nine tomorrow.').waitFor();

    await hours.getByLabel(/Only take chats during business hours/).uncheck();
    await hours.getByRole('button', {name: 'Save business hours'}).click();
    await hours.getByRole('status').getByText('Saved.').waitFor();
    const {page: later} = await openPage(suite.browser, suite.shop);
    await later.getByRole('button', {name: 'Open chat'}).click();
    await later.getByRole('dialog', {name: 'Live chat'}).waitFor();
  });
});
