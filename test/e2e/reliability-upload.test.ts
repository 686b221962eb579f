import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import {join} from 'node:path';
import type {Browser, Route} from 'playwright';
import type {UploadSweep} from '../../src/server/livechat/upload-store.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';
import {
  log,
  newContext,
  openChat,
  roomOf,
  send,
  texts,
  useWidgetSuite,
  widgetHtml,
  type Agent,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

const UPLOAD = '**/api/v1/livechat/upload/**';

describe('navigating away during an upload (docs/reliability.md T10)', () => {
  let site: WidgetSite;
  let browser: Browser;
  let agent: Agent;
  let shop: string;
  let checkout: string;
  const sweeps: ((sweep: UploadSweep) => void)[] = [];
  const nextSweep = () => new Promise<UploadSweep>((resolve) => sweeps.push(resolve));

  const uploadGc = {
    intervalMs: 20,
    onSweep: (sweep: UploadSweep) => sweeps.splice(0).forEach((resolve) => resolve(sweep)),
  };
  useWidgetSuite(
    async (suite) => {
      ({site, browser, agent, shop} = suite);
      checkout = await site.page('checkout.html', widgetHtml(site.url));
    },
    {uploadGc},
  );

  it('T10: the next page shows the file as not sent; Retry sends it, once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(shop);
    await openChat(page);
    await send(page, 'Here is my receipt');
    await log(page).locator('.message.sent', {hasText: 'Here is my receipt'}).waitFor();
    const rid = await roomOf(page);

    // The upload starts and stalls: its body never leaves the browser.
    const held: Route[] = [];
    let notify = () => {};
    await page.route(UPLOAD, (route) => {
      held.push(route);
      notify();
    });
    const stalled = new Promise<void>((resolve) => (notify = resolve));
    await page.evaluate(
      (bytes) => {
        const element = document.querySelector('live-chat') as unknown as {
          client: {sendFile(file: File): Promise<unknown>};
        };
        const file = new File([new Uint8Array(bytes)], 'receipt.png', {type: 'image/png'});
        element.client.sendFile(file).catch(() => undefined);
      },
      [...PNG_BYTES],
    );
    await stalled;
    const pending = log(page).locator('.message.pending', {hasText: 'receipt.png'});
    await pending.waitFor();
    const id = await pending.getAttribute('data-id');

    await page.goto(checkout);
    // The stalled body never reaches the server (unrouting alone would let it through).
    for (const route of held) await route.abort().catch(() => undefined);
    await page.unroute(UPLOAD);
    const failed = log(page).locator('.message.failed', {hasText: 'receipt.png'});
    await failed.getByText('Not sent').waitFor();
    assert.equal(await failed.getAttribute('data-id'), id, 'the same message, restored');
    const attempts: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/livechat/upload/')) attempts.push(request.method());
    });
    await failed.getByRole('button', {name: 'Retry'}).click();

    await log(page).locator('.message.sent', {hasText: 'receipt.png'}).waitFor();
    assert.deepEqual(attempts, ['POST'], 'one upload, from the file kept for the retry');
    assert.deepEqual(await texts(page), ['Here is my receipt'], 'a file message has no text line');
    assert.equal(await log(page).getByRole('img', {name: 'receipt.png'}).count(), 1, 'one file');
    const stored = (await agent.messages(rid)).filter((m) => !m.t) as {
      _id: string;
      msg: string;
      file?: {_id: string; name: string};
    }[];
    assert.deepEqual(
      stored.map((m) => m.file?.name ?? m.msg),
      ['Here is my receipt', 'receipt.png'],
    );
    assert.equal(stored[1]._id, id, 'stored under the id the widget chose');

    // After a sweep the data folder holds the one file the message points to, nothing else.
    await nextSweep();
    const uploads = join(site.server.dataDir, 'uploads');
    assert.deepEqual((await readdir(uploads)).sort(), [stored[1].file!._id, 'partial'].sort());
    assert.deepEqual(await readdir(join(uploads, 'partial')), []);
    await context.close();
  });
});
