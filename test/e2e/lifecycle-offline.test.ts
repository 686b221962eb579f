import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {OFFLINE_POLL_MS} from '../../src/core/index.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {
  agentOf,
  nextWidgetEvent,
  openPage,
  startDemoSuite,
  type WidgetSuite,
} from '../helpers/node/widget-site.js';

const SETTINGS = {
  offlineTitle: 'Leave us a message',
  offlineMessage: 'Our team is out on a ride.',
  offlineSuccessMessage: 'Thanks! We answer within a day.',
  offlineUnavailableMessage: 'We are closed today.',
};

describe('no agent online: the offline form', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({agents: [{...TEST_AGENT, available: false}], settings: SETTINGS});
  });

  after(() => stage?.close());

  it('takes a message that the agent then finds in the inbox', async () => {
    const {page, errors} = await openPage(stage.browser, stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog', {name: 'Leave us a message'});
    await dialog.getByText('Our team is out on a ride.').waitFor();
    await dialog.getByRole('textbox', {name: 'Name'}).fill('Grace Hopper');
    await dialog.getByRole('textbox', {name: 'Email'}).fill('grace');
    await dialog.getByRole('textbox', {name: 'Your message'}).fill('Do you fix tandems?');
    await dialog.getByRole('button', {name: 'Send message'}).click();
    const email = dialog.getByRole('textbox', {name: 'Email'});
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    await email.fill('grace@example.com');
    await dialog.getByRole('button', {name: 'Send message'}).click();
    await dialog.getByText('Thanks! We answer within a day.').waitFor();

    // Logging in makes the agent available, so only now: the form was sent while offline.
    const desk = await agentOf(stage.site.url);
    const {messages} = await desk.offlineMessages();
    assert.equal(messages.length, 1);
    assert.equal(messages[0].name, 'Grace Hopper');
    assert.equal(messages[0].email, 'grace@example.com');
    assert.equal(messages[0].message, 'Do you fix tandems?');
    await desk.setAvailable(false);
    assert.deepEqual(errors, []);
  });

  it('switches to the chat by itself once an agent becomes available', async () => {
    const page = await stage.browser.newPage();
    // The widget looks again every minute while offline; the page's clock jumps that minute.
    await page.clock.install();
    await page.goto(stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    await page
      .getByRole('dialog', {name: 'Leave us a message'})
      .getByRole('button', {name: 'Send message'})
      .waitFor();

    const desk = await agentOf(stage.site.url);
    await desk.setAvailable(true);
    const online = nextWidgetEvent(page, 'lc-service-online');
    await page.clock.runFor(OFFLINE_POLL_MS);
    await online;
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('button', {name: 'Start chat'}).waitFor();
    assert.equal(await dialog.getByRole('button', {name: 'Send message'}).count(), 0);
    await desk.setAvailable(false);
  });
});

describe('no agent online and no offline form', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({
      agents: [{...TEST_AGENT, available: false}],
      settings: {...SETTINGS, displayOfflineForm: false},
    });
  });

  after(() => stage?.close());

  it('says when the team is back instead', async () => {
    const {page, errors} = await openPage(stage.browser, stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog', {name: 'Leave us a message'});
    await dialog.getByText('We are closed today.').waitFor();
    assert.equal(await dialog.getByRole('textbox').count(), 0);
    assert.deepEqual(errors, []);
  });
});
