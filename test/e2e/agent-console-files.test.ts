import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Page} from 'playwright';
import {
  addAdmin,
  chatList,
  consoleOf,
  sections,
  waitForFocus,
} from '../helpers/node/console-page.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, throttleUploads} from '../helpers/node/uploads.js';
import type {ShopSuite} from '../helpers/node/widget-site.js';
import {log, openPage, startChat, useWidgetSuite} from '../helpers/node/widget-site.js';

const MAX_BYTES = 64 * 1024;
const BOSS = {username: 'boss', password: 'boss-password', name: 'The Boss'};
// On the wire for seconds at the throttled speed, below the size limit.
const SLOW_PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(50_000, 0x20)]);
const SLOW_UPLOAD_BYTES_PER_S = 10_000;
/** A text file over the size limit: refused. */
const TOO_LARGE = {
  name: 'catalogue.txt',
  mimeType: 'text/plain',
  buffer: Buffer.alloc(MAX_BYTES + 1024, 'a'),
};
const QUOTE_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const RETENTION_LABEL = 'Delete files of chats closed more than N days ago (0: keep)';
const CHAT_RETENTION_LABEL = 'Delete chats closed more than N days ago (0: keep)';

/** Chooses a file the way an agent does: "Attach a file", then the browser's file picker. */
async function attach(page: Page, file: {name: string; mimeType: string; buffer: Buffer}) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', {name: 'Attach a file'}).click();
  await (await chooser).setFiles(file);
}

describe('agent console: sending files to the visitor', () => {
  let suite: ShopSuite;
  useWidgetSuite(
    (s) => {
      suite = s;
      addAdmin(s.site.server.dataDir, BOSS);
    },
    {settings: {fileUploadMaxBytes: MAX_BYTES}},
  );

  it('the agent attaches a picture the visitor sees, cancels a slow file; one too large is refused', async () => {
    const agentPage = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    const {page: visitorPage} = await openPage(suite.browser, suite.shop);
    const rid = await startChat(visitorPage, 'Which part do you mean?');
    await chatList(agentPage).getByRole('button').first().click();
    const conversation = agentPage.locator('lc-agent-conversation');
    await conversation.getByText('Which part do you mean?').waitFor();

    await attach(agentPage, {name: 'part.png', mimeType: 'image/png', buffer: PNG_BYTES});
    // The visitor sees the picture; the agent's log shows it as it shows the visitor's.
    await log(visitorPage).getByRole('img', {name: 'part.png'}).waitFor();
    await conversation.locator('.log').getByRole('img', {name: 'part.png'}).waitFor();
    await waitForFocus(agentPage, 'textarea#reply');

    // A slow file: its progress bar is named by it; "Cancel upload" stops it, nothing is sent.
    const cdp = await agentPage.context().newCDPSession(agentPage);
    await cdp.send('Network.enable');
    await throttleUploads(cdp, SLOW_UPLOAD_BYTES_PER_S);
    await attach(agentPage, {name: 'manual.pdf', mimeType: 'application/pdf', buffer: SLOW_PDF});
    const progress = conversation.getByRole('progressbar', {name: 'manual.pdf'});
    await progress.waitFor();
    await conversation.getByRole('button', {name: 'Cancel upload'}).click();
    await progress.waitFor({state: 'detached'});
    await waitForFocus(agentPage, 'textarea#reply');
    await throttleUploads(cdp, -1);

    await attach(agentPage, TOO_LARGE);
    await conversation
      .getByRole('alert')
      .getByText('catalogue.txt: The file is too large: files can be at most 64 KB.')
      .waitFor();
    await waitForFocus(agentPage, 'textarea#reply');
    assert.equal(await conversation.getByRole('progressbar').count(), 0, 'nothing left on its way');
    const files = (await suite.agent.messages(rid))
      .filter((m) => m.file)
      .map((m) => (m.file as {name: string}).name);
    assert.deepEqual(files, ['part.png'], 'the cancelled and the refused file were not sent');
  });

  it('the text typed in the reply box goes with the file as its caption; a refused file gives it back', async () => {
    const agentPage = await consoleOf(suite.browser, suite.site.url, TEST_AGENT);
    const {page: visitorPage} = await openPage(suite.browser, suite.shop);
    const rid = await startChat(visitorPage, 'Can you send me the quote?');
    await chatList(agentPage)
      .getByRole('button', {name: /Online/})
      .first()
      .click();
    const conversation = agentPage.locator('lc-agent-conversation');
    await conversation.getByText('Can you send me the quote?').waitFor();
    const box = conversation.getByRole('textbox', {name: 'Message'});

    await box.fill('Here is the quote for the cargo bike');
    await attach(agentPage, {name: 'quote.pdf', mimeType: 'application/pdf', buffer: QUOTE_PDF});
    // The visitor sees the caption under the file, and so does the agent's log.
    const agentFile = conversation.locator('.log li').filter({hasText: 'quote.pdf'});
    await agentFile.getByText('Here is the quote for the cargo bike').waitFor();
    const visitorFile = log(visitorPage).locator('lc-attachment').filter({hasText: 'quote.pdf'});
    await visitorFile.getByText('Here is the quote for the cargo bike').waitFor();
    assert.equal(await box.inputValue(), '', 'the text went with the file');
    const sent = await suite.agent.messages(rid);
    assert.deepEqual(
      sent.filter((m) => m.file).map((m) => [m.msg, m.attachments[0].description]),
      [['', 'Here is the quote for the cargo bike']],
      'one file message with its caption, no separate text message',
    );

    await box.fill('And the full catalogue');
    await attach(agentPage, TOO_LARGE);
    await conversation
      .getByRole('alert')
      .getByText(
        'catalogue.txt: The file is too large: files can be at most 64 KB. ' +
          'Its caption is back in the reply box.',
      )
      .waitFor();
    assert.equal(await box.inputValue(), 'And the full catalogue');
  });

  it('an admin sets how long files are kept in Settings', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const files = boss.getByRole('form', {name: 'Files'});
    const days = files.getByLabel(RETENTION_LABEL);
    assert.equal(await days.inputValue(), '0');
    await days.fill('30');
    await files.getByRole('button', {name: 'Save file settings'}).click();
    await files.getByRole('status').getByText('Saved.').waitFor();
    await boss.reload();
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    await boss.getByRole('form', {name: 'Files'}).getByLabel(RETENTION_LABEL).waitFor();
    assert.equal(
      await boss.getByRole('form', {name: 'Files'}).getByLabel(RETENTION_LABEL).inputValue(),
      '30',
    );
  });

  it('an admin sets how long closed chats are kept in Settings', async () => {
    const boss = await consoleOf(suite.browser, suite.site.url, BOSS);
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const chats = boss.getByRole('form', {name: 'Closed chats'});
    const days = chats.getByLabel(CHAT_RETENTION_LABEL);
    assert.equal(await days.inputValue(), '0');
    await days.fill('1.5');
    await chats.getByRole('button', {name: 'Save chat settings'}).click();
    await chats
      .getByText('Enter a whole number of days from 0 to 36500 (0: keep chats).')
      .waitFor();
    await days.fill('365');
    await chats.getByRole('button', {name: 'Save chat settings'}).click();
    await chats.getByRole('status').getByText('Saved.').waitFor();
    await boss.reload();
    await sections(boss).getByRole('link', {name: 'Settings'}).click();
    const saved = boss.getByRole('form', {name: 'Closed chats'}).getByLabel(CHAT_RETENTION_LABEL);
    await saved.waitFor();
    assert.equal(await saved.inputValue(), '365');
  });
});
