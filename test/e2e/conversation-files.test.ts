import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, BrowserContext, Page} from 'playwright';
import {chatList, logInAt} from '../helpers/node/console-page.js';
import {TEST_AGENT} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, throttleUploads} from '../helpers/node/uploads.js';
import {
  log,
  openPage,
  startChat,
  useWidgetSuite,
  waitForStored,
  widget,
  type Agent,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

// Big enough to stay on the wire for seconds at the throttled speed, small for the server.
const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(400_000, 0x20)]);
const SLOW_UPLOAD_BYTES_PER_S = 40_000;

/** Chooses files the way a visitor does: "Attach a file", then the browser's file picker. */
async function attach(page: Page, file: {name: string; mimeType: string; buffer: Buffer}) {
  const chooser = page.waitForEvent('filechooser');
  await widget(page).getByRole('button', {name: 'Attach a file'}).click();
  await (await chooser).setFiles(file);
}

/** Whether the visitor's thumbnail of `name` has loaded a real picture. */
function thumbnailLoaded(page: Page, name: string): Promise<unknown> {
  return log(page)
    .getByRole('img', {name})
    .first()
    .evaluate(async (img: HTMLImageElement) => {
      if (!img.complete) {
        await new Promise((resolve) => {
          img.addEventListener('load', resolve);
          img.addEventListener('error', resolve);
        });
      }
      return img.complete && img.naturalWidth > 0;
    });
}

describe('files in the conversation (visitor side, against the reference server)', () => {
  let site: WidgetSite;
  let browser: Browser;
  let agent: Agent;
  let shop: string;
  useWidgetSuite((suite) => {
    ({site, browser, agent, shop} = suite);
  });

  it('a file the server failed to take says so until Retry sends it', async () => {
    const {context, page} = await openPage(browser, shop);
    await startChat(page, 'Here is the receipt');
    const upload = '**/api/v1/livechat/upload/**';
    await page.route(upload, (route) =>
      route.fulfill({status: 500, contentType: 'application/json', body: '{"success":false}'}),
    );
    await attach(page, {name: 'receipt.png', mimeType: 'image/png', buffer: PNG_BYTES});
    const alert = widget(page).getByRole('alert');
    await alert.getByText(/receipt\.png.* could not be sent\. Please try again\./).waitFor();
    const failed = log(page).locator('.message.failed', {hasText: 'receipt.png'});
    await page.unroute(upload);
    await failed.getByRole('button', {name: 'Retry'}).click();
    await log(page).getByRole('img', {name: 'receipt.png'}).waitFor();
    // Sent now: the alert asking to try again would contradict the picture in the log.
    assert.equal(await alert.getByText('could not be sent').count(), 0);
    await context.close();
  });

  it('attaches, cancels, shows the image and the PDF, keeps the image after a reload', async () => {
    const {context, page} = await openPage(browser, shop);
    const rid = await startChat(page, 'Photos of the damage');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await throttleUploads(cdp, SLOW_UPLOAD_BYTES_PER_S);

    // A slow PDF: its progress bar is named after it and moves; Cancel upload takes it away.
    const pdf = {name: 'manual.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES};
    await attach(page, pdf);
    const progress = widget(page).getByRole('progressbar', {name: 'manual.pdf'});
    await progress.waitFor();
    await page.waitForFunction(
      (bar) => (bar as HTMLProgressElement).value > 0,
      await progress.elementHandle(),
    );
    await widget(page)
      .getByRole('listitem')
      .filter({hasText: 'manual.pdf'})
      .getByRole('button', {name: 'Cancel upload'})
      .click();
    await progress.waitFor({state: 'detached'});
    await log(page).getByText('manual.pdf').waitFor({state: 'detached'});

    // The image goes through, still throttled, and its thumbnail loads for the visitor.
    const png = {name: 'damage.png', mimeType: 'image/png', buffer: PNG_BYTES};
    await attach(page, png);
    await log(page)
      .locator('.message.visitor.sent')
      .getByRole('img', {name: 'damage.png'})
      .waitFor();
    assert.equal(await thumbnailLoaded(page, 'damage.png'), true);

    // The PDF again, at full speed: a card whose download link answers.
    await throttleUploads(cdp, -1);
    await attach(page, pdf);
    const download = log(page)
      .locator('.message.visitor.sent')
      .getByRole('link', {name: 'manual.pdf'});
    await download.waitFor();
    const href = (await download.getAttribute('href'))!;
    assert.match(href, /\/file-upload\/[^/]+\/manual\.pdf\?token=/);
    const answer = await context.request.get(href);
    assert.equal(answer.status(), 200);
    assert.equal(answer.headers()['content-type'], 'application/pdf');

    const stored = (await agent.messages(rid)).filter((m) => !m.t) as {
      _id: string;
      file?: {name: string};
    }[];
    assert.deepEqual(
      stored.map((m) => m.file?.name ?? 'text'),
      ['text', 'damage.png', 'manual.pdf'],
      'the cancelled upload stored nothing',
    );

    // The cached transcript keeps the signed link, so the picture shows again after a reload.
    await waitForStored(page, (record: {messages: {attachments?: {url?: string}[]}[]}) =>
      record.messages.some((m) => m.attachments?.[0]?.url?.includes('damage.png?token=')),
    );
    await page.reload();
    await log(page).getByRole('img', {name: 'damage.png'}).waitFor();
    assert.equal(await thumbnailLoaded(page, 'damage.png'), true);

    await agentSeesFiles(context, site.url, [stored[1]._id, stored[2]._id]);
    await context.close();
  });
});

/** The agent console lists both file messages in the visitor's chat. */
async function agentSeesFiles(context: BrowserContext, url: string, ids: string[]) {
  const page = await context.newPage();
  await logInAt(page, url, TEST_AGENT);
  await chatList(page).getByRole('button').first().click();
  for (const id of ids) {
    await page.getByRole('log').locator(`li.message.visitor[data-id="${id}"]`).waitFor();
  }
  await page.close();
}
