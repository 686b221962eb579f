import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Page} from 'playwright';
import {logIn, openConsole, sections as sectionsOf} from '../helpers/node/console-page.js';
import {
  TEST_AGENT,
  createVisitorWithRoom,
  postOk,
  type TestServer,
} from '../helpers/node/server-fixture.js';
import {useWidgetSuite} from '../helpers/node/widget-site.js';

/** A visitor's call to `POST /api/v1/livechat/<path>`; fails unless it answers 200. */
const visitorCall = (base: string, path: string, body: unknown) =>
  postOk(base, `/api/v1/livechat/${path}`, body);

describe('the agent console inbox: offline messages, queue and visitor feedback', () => {
  let server: TestServer;
  let page: Page;
  let pageErrors: string[];

  useWidgetSuite(
    async (suite) => {
      server = suite.site.server;
      const opened = await openConsole(suite.browser, server.url, {
        viewport: {width: 1024, height: 768},
      });
      ({page, errors: pageErrors} = opened);
      await logIn(page, TEST_AGENT);
    },
    {settings: {routing: 'manual', transcript: true}},
  );

  const sections = () => sectionsOf(page);

  it("shows a visitor's offline message, unread until the agent marks it read", async () => {
    await visitorCall(server.url, 'offline.message', {
      name: 'Nia Night',
      email: 'nia@example.com',
      message: 'Can you true my wheel on Saturday?',
    });
    await sections()
      .getByRole('link', {name: /Offline messages/})
      .click();
    const list = page.getByRole('list', {name: 'Offline messages'});
    const card = list.getByRole('article', {name: /Nia Night/});
    await card.getByText('Can you true my wheel on Saturday?').waitFor();
    await card.getByText('nia@example.com').waitFor();
    await card.getByText('Unread', {exact: true}).waitFor();
    await sections()
      .getByRole('link', {name: /Offline messages 1 unread/})
      .waitFor();
    await card.getByRole('button', {name: 'Mark as read'}).click();
    await card.getByText('Unread', {exact: true}).waitFor({state: 'detached'});
    await page.getByRole('heading', {name: 'Offline messages (0 unread)'}).waitFor();
    await card.getByRole('button', {name: 'Mark as unread'}).waitFor();
  });

  it('lists a waiting chat in the queue and opens it once taken', async () => {
    const {token, room} = await createVisitorWithRoom(server.url, {
      name: 'Quinn Queue',
      email: 'quinn@example.com',
    });
    await visitorCall(server.url, 'message', {token, rid: room._id, msg: 'Is my bike ready?'});
    await sections()
      .getByRole('link', {name: /Queue 1 waiting/})
      .click();
    const waiting = page
      .getByRole('list', {name: 'Waiting chats'})
      .getByRole('article', {name: /Quinn Queue/});
    await waiting.getByText('Is my bike ready?').waitFor();
    await waiting.getByRole('button', {name: 'Take the chat with Quinn Queue'}).click();
    await page.getByRole('log').getByText('Is my bike ready?').waitFor();
    await page.getByRole('heading', {name: 'Quinn Queue'}).waitFor();

    await visitorCall(server.url, 'room.close', {token, rid: room._id});
    await page.getByRole('status').getByText('This chat is closed').waitFor();
    await visitorCall(server.url, 'room.survey', {
      token,
      rid: room._id,
      data: [
        {name: 'satisfaction', value: '5'},
        {name: 'additionalFeedback', value: 'Great service'},
      ],
    });
    const feedback = page.getByRole('region', {name: 'Visitor feedback'});
    await feedback.getByText('Satisfaction').waitFor();
    await feedback.getByText('Great service').waitFor();
    assert.equal(await feedback.locator('dd').first().textContent(), '5');
    await visitorCall(server.url, 'transcript', {token, rid: room._id, email: 'quinn@example.com'});
    await feedback
      .getByRole('list', {name: 'Transcript requests'})
      .getByText('quinn@example.com')
      .waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
