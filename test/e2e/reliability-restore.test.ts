import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, BrowserContext, Page, Route} from 'playwright';
import {
  lcEvent,
  lcEventTypes,
  log,
  newContext,
  openChat,
  roomOf,
  send,
  shows,
  startChat,
  storedSessions,
  texts,
  useWidgetSuite,
  waitForStored,
  waitForStoredText,
  widget,
  widgetHtml,
  type Agent,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

const SPA_SCRIPT = `
  for (const link of document.querySelectorAll('a[data-spa]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      history.pushState({}, '', link.href);
      document.querySelector('main').textContent = 'Page ' + link.textContent;
      // A framework re-render that moves the widget within the page.
      document.body.append(document.querySelector('live-chat'));
    });
  }
`;

/** Routes a test holds on to, and a way to wait until `count` have arrived. */
function holder() {
  const routes: Route[] = [];
  let notify = () => {};
  return {
    routes,
    hold(route: Route) {
      routes.push(route);
      notify();
    },
    async reached(count: number) {
      while (routes.length < count) await new Promise<void>((resolve) => (notify = resolve));
    },
  };
}

describe('restore across reloads and navigation (docs/reliability.md)', () => {
  let site: WidgetSite;
  let browser: Browser;
  let agent: Agent;
  let url: string;
  let blank: string;

  useWidgetSuite(async (suite) => {
    ({site, browser, agent, shop: url} = suite);
    blank = await site.page('elsewhere.html', '<!doctype html><p>Another site page</p>');
  });

  /** A fresh visitor in a fresh context who has said `text`; resolves the room id. */
  async function chatting(context: BrowserContext, text: string, page?: Page) {
    const tab = page ?? (await context.newPage());
    await tab.goto(url);
    const rid = await startChat(tab, text);
    await waitForStored(tab, (r) => r.messages.some((m: {status: string}) => m.status === 'sent'));
    return {page: tab, rid};
  }

  it('paints the cached transcript before the network answers, then catches up once', async () => {
    const context = await newContext(browser);
    const {page, rid} = await chatting(context, 'Is my order shipped?');
    await agent.reply(rid, 'It left today.');
    await shows(page, 'It left today.');
    await waitForStoredText(page, 'It left today.');
    await page.goto(blank);
    await agent.reply(rid, 'Sent while you were on another page.');

    const held: Route[] = [];
    let isHeld = true;
    await page.route('**/api/v1/livechat/**', (route) =>
      isHeld ? void held.push(route) : route.continue(),
    );
    await page.goto(url);
    await shows(page, 'Is my order shipped?');
    await shows(page, 'It left today.');
    assert.ok(held.length > 0, 'the server has not answered yet');
    assert.equal(await log(page).getByText('Sent while you were on').count(), 0);

    isHeld = false;
    for (const route of held) await route.continue();
    await shows(page, 'Sent while you were on another page.');
    await agent.reply(rid, 'And live again.');
    await shows(page, 'And live again.');
    assert.deepEqual(await texts(page), [
      'Is my order shipped?',
      'It left today.',
      'Sent while you were on another page.',
      'And live again.',
    ]);
    await context.close();
  });

  it('brings back the open window, draft, scroll position and unread count', async () => {
    const context = await newContext(browser);
    const {page, rid} = await chatting(context, 'Tell me everything');
    for (let i = 1; i <= 30; i++) await agent.reply(rid, `Detail number ${i}`);
    await shows(page, 'Detail number 30');
    await log(page).evaluate((el) => (el.scrollTop = 0));
    const box = widget(page).getByRole('textbox', {name: 'Message'});
    await box.fill('half a thought');
    await waitForStored(page, (r) => r.view.draft === 'half a thought' && r.view.scrollTop === 0);
    const {view} = Object.values(await storedSessions(page))[0];
    assert.equal(typeof view.reading?.id, 'string', 'the message being read is kept');

    await page.reload();
    const restored = (await lcEvent(page, 'lc-restored')) as {view: object; messages: number};
    assert.deepEqual(restored.view, {...view, open: true, draft: 'half a thought', scrollTop: 0});
    await widget(page).getByRole('dialog').waitFor();
    await shows(page, 'Detail number 30');
    assert.equal(await box.inputValue(), 'half a thought');
    const scroll = await log(page).evaluate((el) => ({top: el.scrollTop, max: el.scrollHeight}));
    assert.ok(scroll.top < 10 && scroll.max > 500, JSON.stringify(scroll));

    await widget(page).getByRole('button', {name: 'Minimize chat'}).click();
    await agent.reply(rid, 'Unread one');
    await agent.reply(rid, 'Unread two');
    const badge = widget(page).locator('lc-launcher .badge');
    await badge.filter({hasText: '2'}).waitFor();
    await waitForStoredText(page, 'Unread two');
    await page.reload();
    await lcEvent(page, 'lc-restored');
    await badge.filter({hasText: '2'}).waitFor();
    assert.equal(await widget(page).getByRole('dialog').isVisible(), false);
    await context.close();
  });

  it('reopens the log at the message the visitor was reading, on a phone turned, in another language', async () => {
    const context = await newContext(browser, {
      viewport: {width: 360, height: 740},
      colorScheme: 'dark',
    });
    const {page, rid} = await chatting(context, 'Tell me everything');
    // Of uneven length, so that a narrower window wraps them to other heights.
    for (let i = 1; i <= 40; i++) {
      await agent.reply(rid, `Detail number ${i}${' and then some more words'.repeat(i % 4)}`);
    }
    await shows(page, 'Detail number 40');
    let read: string | null = null;
    for (let round = 1; round <= 2; round++) {
      // The demo page's "Chat language" select sets the attribute; every time label changes.
      await widget(page).evaluate((el) => ((el as HTMLElement).lang = 'ar'));
      await widget(page).locator('[role="log"]:not([aria-label="Conversation"])').waitFor();
      await log(page).hover();
      await page.mouse.wheel(0, -500);
      await waitForStored(
        page,
        (r, before) => r.view.reading && r.view.reading.id !== before,
        read,
      );
      const {view} = Object.values(await storedSessions(page))[0];
      const at = view.reading as {id: string; offset: number};
      read = at.id;

      // Back on a phone turned or resized: every message wraps to another height.
      await page.goto(blank);
      await page.setViewportSize({width: round === 1 ? 320 : 360, height: 740});
      await page.goto(url);
      await lcEvent(page, 'lc-restored');
      await shows(page, 'Detail number 40');
      // Measured each frame until it is in place: the restore waits for the whole window.
      let offset = NaN;
      for (let frame = 0; frame < 300 && !(Math.abs(offset - at.offset) <= 1); frame++) {
        offset = await log(page).evaluate(async (el, id) => {
          await new Promise(requestAnimationFrame);
          const node = el.querySelector(`[data-id="${id}"]`);
          return node ? el.getBoundingClientRect().top - node.getBoundingClientRect().top : NaN;
        }, at.id);
      }
      assert.ok(Math.abs(offset - at.offset) <= 1, `the same message, ${offset} px into it`);
    }
    await context.close();
  });

  it('starts closed and fires restore-timeout once the visitor was away too long', async () => {
    const patient = await site.page('patient.html', widgetHtml(site.url, 'restore-timeout="120"'));
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(patient);
    await openChat(page);
    await send(page, 'Back in a minute');
    await shows(page, 'Back in a minute');
    await roomOf(page);

    await page.goto(blank);
    await page.clock.fastForward(61_000);
    await page.goto(patient);
    await lcEvent(page, 'lc-restored');
    await widget(page).getByRole('dialog').waitFor();

    await page.goto(blank);
    await page.clock.fastForward(121_000);
    await page.goto(patient);
    const timeout = (await lcEvent(page, 'lc-restore-timeout')) as {idleSeconds: number};
    assert.ok(timeout.idleSeconds >= 121, JSON.stringify(timeout));
    assert.ok(!(await lcEventTypes(page)).includes('lc-restored'));
    assert.equal(await widget(page).getByRole('dialog').isVisible(), false);
    await openChat(page);
    await shows(page, 'Back in a minute');
    await context.close();
  });

  it('fires restore-failed when the store breaks; the chat goes on from the server', async () => {
    const context = await newContext(browser);
    const {page} = await chatting(context, 'Before the store broke');
    await context.addInitScript(`
      IDBObjectStore.prototype.get = function () {
        throw new DOMException('Connection to Indexed Database server lost', 'UnknownError');
      };
    `);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.reload();
    await lcEvent(page, 'lc-restore-failed');
    const code = await page.evaluate(() => {
      const events = (window as unknown as {lcEvents: {type: string; detail: any}[]}).lcEvents;
      return events.find((e) => e.type === 'lc-restore-failed')?.detail.error.code;
    });
    assert.equal(code, 'storage');
    await openChat(page);
    await send(page, 'Still able to chat');
    await shows(page, 'Still able to chat');
    const rid = await roomOf(page);
    await agent.reply(rid, 'Of course');
    await shows(page, 'Of course');
    assert.equal(warnings.filter((w) => w.includes('live-chat')).length, 1, warnings.join('\n'));
    await context.close();
  });

  it('keeps the same element and socket across History API navigations', async () => {
    const body = `<main>Home</main><nav><a data-spa href="/bikes">Bikes</a>
      <a data-spa href="/repairs">Repairs</a></nav><script type="module">${SPA_SCRIPT}</script>`;
    const spa = await site.page('spa.html', widgetHtml(site.url, '', body));
    const context = await newContext(browser);
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(spa);
    await openChat(page);
    await send(page, 'Browsing around');
    await shows(page, 'Browsing around');
    const rid = await roomOf(page);
    await widget(page).evaluate((el) => ((el as {mark?: number}).mark = 1));
    await page.getByRole('link', {name: 'Bikes'}).click();
    await page.getByRole('link', {name: 'Repairs'}).click();
    await page.goBack();
    await page.waitForURL(/\/bikes$/);
    await agent.reply(rid, 'Found anything?');
    await shows(page, 'Found anything?');
    const mark = await widget(page).evaluate((el) => (el as {mark?: number}).mark);
    assert.equal(mark, 1, 'the same element');
    assert.equal(sockets.length, 1);
    await context.close();
  });

  it('T8: back from the back/forward cache, it reconnects and catches up', async () => {
    const context = await newContext(browser);
    const {page, rid} = await chatting(context, 'Leaving for a second');
    const said: string[] = [];
    let back = {persisted: false, reasons: 'null'};
    // Chrome may keep a page out of its cache for a reason of its own that it does not show
    // the page ("masked": its time or size limit on a busy machine): only then, the visitor
    // leaves and comes back once more. A reason of the page's making fails at once.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.goto(blank);
      said.push(`Said while you were away (${attempt})`);
      await agent.reply(rid, said.at(-1)!);
      await page.goBack({waitUntil: 'commit'});
      // Restored (a persisted pageshow), or loaded afresh: then say why Chrome did not restore it.
      await page.waitForFunction(() => {
        const shows = (window as {pageShows?: boolean[]}).pageShows;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return shows?.at(-1) === true || (nav?.type === 'back_forward' && !!shows?.length);
      });
      back = await page.evaluate(() => ({
        persisted: (window as {pageShows?: boolean[]}).pageShows?.at(-1) === true,
        reasons: JSON.stringify(
          (performance.getEntriesByType('navigation')[0] as {notRestoredReasons?: unknown})
            ?.notRestoredReasons ?? null,
        ),
      }));
      const named = [...back.reasons.matchAll(/"reason":"([^"]*)"/g)].map((m) => m[1]);
      if (back.persisted || named.length === 0 || named.some((r) => r !== 'masked')) break;
    }
    assert.equal(back.persisted, true, `not restored from the cache: ${back.reasons}`);
    await shows(page, said.at(-1)!);
    await agent.reply(rid, 'Welcome back');
    await shows(page, 'Welcome back');
    assert.deepEqual(await texts(page), ['Leaving for a second', ...said, 'Welcome back']);
    await context.close();
  });

  it('T9: a message unsent when the page changed is delivered once on the next page', async () => {
    const context = await newContext(browser);
    const {page, rid} = await chatting(context, 'First things first');

    const held = holder();
    const isPost = (route: Route) => route.request().method() === 'POST';
    await page.route('**/api/v1/livechat/message', (route) =>
      isPost(route) ? held.hold(route) : route.fallback(),
    );
    await send(page, 'Never reached the server');
    await held.reached(1);
    await waitForStored(page, (r) => r.outbox.length === 1);
    await page.unroute('**/api/v1/livechat/message');
    await page.reload();
    await shows(page, 'Never reached the server');

    // The answer is lost after the server stored it; the echo is held back too.
    await page.routeWebSocket(/\/websocket$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((frame) => {
        if (!String(frame).includes('Reached, answer lost')) ws.send(frame);
      });
    });
    await page.route('**/api/v1/livechat/message', async (route) => {
      if (!isPost(route)) return route.fallback();
      await route.fetch();
      held.hold(route);
    });
    await page.reload();
    await lcEvent(page, 'lc-restored');
    await send(page, 'Reached, answer lost');
    await held.reached(2);
    await waitForStored(page, (r) => r.outbox.length === 1);
    await page.unrouteAll({behavior: 'ignoreErrors'});
    await page.reload();
    await shows(page, 'Reached, answer lost');
    await log(page).locator('.message.sent', {hasText: 'Reached, answer lost'}).waitFor();

    const stored = (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(stored, [
      'First things first',
      'Never reached the server',
      'Reached, answer lost',
    ]);
    assert.deepEqual(await texts(page), stored);
    await context.close();
  });

  it('T9: a first message sent just before a reload, while the room is on its way, is delivered once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    const held = holder();
    const isRoom = (address: URL) => address.pathname.endsWith('/api/v1/livechat/room');
    await page.route(isRoom, (route) => held.hold(route));
    await openChat(page);
    await send(page, 'Hello, is anyone there?');
    await held.reached(1);
    // Kept before the room exists: a token, no room, the message waiting in the outbox.
    await waitForStored(page, (r) => !r.rid && r.outbox.length === 1);
    await page.unrouteAll({behavior: 'ignoreErrors'});
    await page.reload();

    await shows(page, 'Hello, is anyone there?');
    await log(page).locator('.message.sent', {hasText: 'Hello, is anyone there?'}).waitFor();
    const rid = await roomOf(page);
    const stored = (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(stored, ['Hello, is anyone there?']);
    assert.deepEqual(await texts(page), stored);
    await context.close();
  });
});
