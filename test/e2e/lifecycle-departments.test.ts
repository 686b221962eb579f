import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {shopDepartment, TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  agentOf,
  nextWidgetEvent,
  openPage,
  startDemoSuite,
  type WidgetSuite,
} from '../helpers/node/widget-site.js';

const WORKSHOP_AGENT = {username: 'wes', password: 'wes-password', name: 'Wes Wrench'};

describe('switching department during a chat', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({
      agents: [TEST_AGENT, WORKSHOP_AGENT],
      settings: {
        allowSwitchingDepartments: true,
        departments: [
          shopDepartment('Sales', TEST_AGENT.username),
          shopDepartment('Workshop', WORKSHOP_AGENT.username),
        ],
      },
    });
  });

  after(() => stage?.close());

  it('moves the room to the new department, whose agent takes it over', async () => {
    const sales = await agentOf(stage.site.url);
    const workshop = await agentOf(stage.site.url, WORKSHOP_AGENT);
    const {page, errors} = await openPage(stage.browser, stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('textbox', {name: 'Name'}).fill('Ada Lovelace');
    await dialog.getByRole('textbox', {name: 'Email'}).fill('ada@example.com');
    await dialog.getByRole('combobox', {name: 'Department'}).selectOption({label: 'Sales'});
    await dialog.getByRole('button', {name: 'Start chat'}).click();

    const log = dialog.getByRole('log');
    await dialog.getByRole('textbox', {name: 'Message'}).fill('My brakes squeak.');
    await dialog.getByRole('button', {name: 'Send'}).click();
    await log.getByText('My brakes squeak.').waitFor();
    await dialog.getByText('Agent Smith').first().waitFor();
    const [room] = await sales.rooms();
    assert.equal(room?.departmentId, 'sales', 'the chat started in Sales');

    await dialog.getByRole('button', {name: 'Change department'}).click();
    await dialog.getByRole('combobox', {name: 'Department'}).selectOption({label: 'Workshop'});
    await dialog.getByRole('button', {name: 'Switch department'}).click();
    await log.getByText('The chat was transferred').waitFor();
    await dialog.getByText('Wes Wrench').first().waitFor();

    const moved = await workshop.rooms();
    assert.deepEqual(
      moved.map((r) => [r._id, r.departmentId]),
      [[room._id, 'workshop']],
    );
    assert.deepEqual(await sales.rooms(), [], 'the Sales agent no longer has it');
    await dialog.getByRole('textbox', {name: 'Message'}).fill('Can you fix them today?');
    const sent = nextWidgetEvent(page, 'lc-message-sent');
    await dialog.getByRole('button', {name: 'Send'}).click();
    await sent;
    const texts = (await workshop.messages(room._id)).map((m) => m.msg);
    assert.ok(texts.includes('My brakes squeak.'), 'the new agent sees the chat so far');
    assert.ok(texts.includes('Can you fix them today?'), 'and what comes after the switch');

    await workshop.reply(room._id, 'Yes, bring it by at noon.');
    await log.getByText('Yes, bring it by at noon.').waitFor();
    assert.deepEqual(errors, []);
  });
});
