import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import type {RetentionSweep} from '../../src/server/livechat/upload-retention.js';
import {until} from '../helpers/node/server-fixture.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';
import {
  log,
  openPage,
  startChat,
  useWidgetSuite,
  waitForStored,
  widget,
  type ShopSuite,
} from '../helpers/node/widget-site.js';

const DAY_MS = 24 * 60 * 60_000;

/** Sends a picture the way a visitor does: "Attach a file", then the browser's file picker. */
async function attachPicture(page: Page, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await widget(page).getByRole('button', {name: 'Attach a file'}).click();
  await (await chooser).setFiles({name, mimeType: 'image/png', buffer: PNG_BYTES});
}

describe('files of old chats, deleted by the retention (fileUploadRetentionDays)', () => {
  let suite: ShopSuite;
  const clock = {offsetMs: 0};
  const sweeps: RetentionSweep[] = [];
  useWidgetSuite((started) => void (suite = started), {
    settings: {registrationForm: false, fileUploadRetentionDays: 1},
    uploadRetention: {
      intervalMs: 100,
      now: () => Date.now() + clock.offsetMs,
      onSweep: (sweep) => sweeps.push(sweep),
    },
  });

  it('a picture the server deleted shows its name and "No longer available", not a broken image', async () => {
    const {context, page} = await openPage(suite.browser, suite.shop);
    const rid = await startChat(page, 'The wheel after the crash');
    await attachPicture(page, 'wheel.png');
    const picture = log(page).getByRole('img', {name: 'wheel.png'});
    await picture.waitFor();
    await waitForStored(page, (record: {messages: {attachments?: {url?: string}[]}[]}) =>
      record.messages.some((m) => m.attachments?.[0]?.url?.includes('wheel.png?token=')),
    );
    await suite.agent.close(rid);

    // Two days later the retention deletes the file of the closed chat.
    clock.offsetMs = 2 * DAY_MS;
    await until(() => sweeps.some((sweep) => sweep.files === 1), 'the file to be deleted');

    // The visitor comes back days later, in a new tab (the browser's copy of the picture, kept
    // an hour, is long stale): the cached transcript asks for the picture again and gets 410.
    await page.close();
    const later = await context.newPage();
    const cdp = await context.newCDPSession(later);
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
    await later.goto(suite.shop);
    const entry = log(later).locator('.message.visitor').filter({hasText: 'wheel.png'});
    await entry.getByText('No longer available').waitFor();
    assert.equal(await entry.getByRole('img').count(), 0, 'no broken picture');
    assert.equal(await entry.getByRole('link').count(), 0, 'no link to a dead file');
    await context.close();
  });
});
