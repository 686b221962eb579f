import {after, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {SMTPServer} from 'smtp-server';
import type {Browser} from 'playwright';
import {consoleOf, sections} from '../helpers/node/console-page.js';
import {freePort} from '../helpers/node/cli-server.js';
import {TEST_AGENT, api} from '../helpers/node/server-fixture.js';
import {useWidgetSuite, type WidgetSite} from '../helpers/node/widget-site.js';

describe('agent console: mail that could not go out yet', () => {
  let site: WidgetSite;
  let browser: Browser;
  let smtpPort: number;
  let smtp: SMTPServer | null = null;

  // No SMTP server listens on the port until the test starts one.
  useWidgetSuite(
    (suite) => void ({site, browser} = suite),
    async () => {
      smtpPort = await freePort();
      return {
        mailRetry: {baseMs: 50, maxMs: 200},
        settings: {smtpUrl: `smtp://127.0.0.1:${smtpPort}`, offlineEmail: 'shop@example.com'},
      };
    },
  );
  after(async () => {
    if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
  });

  it('shows "not sent yet — retrying" while SMTP is down, then "sent"', async () => {
    const sent = await api(site.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Flo', email: 'flo@example.com', message: 'My order never came.'},
    });
    assert.equal(sent.status, 200);
    const page = await consoleOf(browser, site.url, TEST_AGENT);
    await sections(page)
      .getByRole('link', {name: /Offline messages/})
      .click();
    const message = page.getByRole('article', {name: /Flo/});
    await message.getByText('Mail: not sent yet — retrying').waitFor();

    let delivered!: () => void;
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => {
          callback();
          delivered();
        });
      },
    });
    smtp.listen(smtpPort, '127.0.0.1');
    await once(smtp.server, 'listening');
    await arrived;
    // The list shows what the server had when it was loaded: Refresh brings the new state.
    const refresh = page.getByRole('button', {name: 'Refresh'});
    while ((await message.getByText('Mail: sent').count()) === 0) {
      await refresh.click();
      await page
        .getByRole('status')
        .filter({hasText: 'Loading messages…'})
        .waitFor({state: 'detached'});
    }
    await message.getByText('Mail: sent').waitFor();
  });
});

describe('agent console: mail the SMTP server refused for good', () => {
  let site: WidgetSite;
  let browser: Browser;
  let smtp: SMTPServer | undefined;

  // The SMTP server is up before the chat server, which is told its port.
  useWidgetSuite(
    (suite) => void ({site, browser} = suite),
    async () => {
      const port = await freePort();
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(_address, _session, callback) {
          callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), {responseCode: 550}));
        },
      });
      smtp.listen(port, '127.0.0.1');
      await once(smtp.server, 'listening');
      return {
        mailRetry: {baseMs: 50, maxMs: 200},
        settings: {smtpUrl: `smtp://127.0.0.1:${port}`, offlineEmail: 'closed@example.com'},
      };
    },
  );
  after(async () => {
    if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
  });

  it('shows "not sent" with the server\'s reason instead of "retrying"', async () => {
    const sent = await api(site.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Gus', email: 'gus@example.com', message: 'Where is my parcel?'},
    });
    assert.equal(sent.status, 200);
    const page = await consoleOf(browser, site.url, TEST_AGENT);
    await sections(page)
      .getByRole('link', {name: /Offline messages/})
      .click();
    const message = page.getByRole('article', {name: /Gus/});
    const refused = message.getByText('Mail not sent: 550 5.1.1 Mailbox unavailable');
    const refresh = page.getByRole('button', {name: 'Refresh'});
    while ((await refused.count()) === 0) {
      await refresh.click();
      await page
        .getByRole('status')
        .filter({hasText: 'Loading messages…'})
        .waitFor({state: 'detached'});
    }
    assert.equal(await message.getByText('Mail: not sent yet — retrying').count(), 0);
  });
});
