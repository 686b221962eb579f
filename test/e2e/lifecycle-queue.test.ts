import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {consoleOf} from '../helpers/node/console-page.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';
import {agentOf, openPage, startDemoSuite, type WidgetSuite} from '../helpers/node/widget-site.js';

describe('waiting in line, then meeting the agent', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({
      settings: {routing: 'manual', registrationForm: false, queueWaitDefaultSeconds: 180},
    });
  });

  after(() => stage?.close());

  it('shows the place in line and the estimated wait, then the agent with the picture they chose', async () => {
    const desktop = await consoleOf(stage.browser, stage.site.url, TEST_AGENT);
    const chooser = desktop.waitForEvent('filechooser');
    await desktop.getByRole('button', {name: 'Change picture'}).click();
    await (await chooser).setFiles({name: 'me.png', mimeType: 'image/png', buffer: PNG_BYTES});
    await desktop.locator('lc-agent-avatar img[src$="?v=1"]').waitFor();
    const desk = await agentOf(stage.site.url);
    const {page, errors} = await openPage(stage.browser, stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('textbox', {name: 'Message'}).fill('Is anyone there?');
    await dialog.getByRole('button', {name: 'Send'}).click();

    const banner = dialog.getByRole('status').filter({hasText: 'in line'});
    await banner.getByText('You are number 1 in line').waitFor();
    await banner.getByText('Estimated wait: 3 minutes').waitFor();

    await desk.takeFirstInquiry();
    await dialog.getByText('Agent Smith').first().waitFor();
    const picture = dialog.locator('lc-agent-card img[alt="Agent Smith"]');
    await picture.waitFor({state: 'visible'});
    const width = await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth);
    assert.equal(width, 1, 'the uploaded 1×1 picture, not the initials');
    assert.match((await picture.getAttribute('src'))!, /\/avatar\/agent$/);
    assert.equal(await banner.count(), 0, 'the place in line is gone');
    assert.deepEqual(errors, []);
  });
});
