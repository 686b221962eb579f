import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import type {Browser, Page} from 'playwright';
import {
  agentOf,
  launchBrowser,
  lcEvent,
  log,
  newContext,
  openChat,
  roomOf,
  send,
  shows,
  startWidgetSite,
  storedSessions,
  texts,
  widget,
  widgetHtml,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

/** What the page's origin keeps: IndexedDB database names, both Web Storages, cookies. */
async function footprint(page: Page) {
  const inPage = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
  }));
  return {...inPage, cookies: await page.context().cookies()};
}

describe('storage and privacy (DESIGN.md §5, D1–D7)', () => {
  let site: WidgetSite;
  let other: WidgetSite;
  let browser: Browser;
  let visitors: () => number;
  let database: Database.Database;

  before(async () => {
    assert.ok(existsSync('dist/live-chat.js'), 'run `npm run build` first');
    [site, other] = await Promise.all([startWidgetSite(), startWidgetSite()]);
    browser = await launchBrowser();
    database = new Database(join(site.server.dataDir, 'live-chat.sqlite'), {readonly: true});
    const count = database.prepare('SELECT count(*) AS n FROM visitors');
    visitors = () => (count.get() as {n: number}).n;
  });
  after(async () => {
    database?.close();
    await browser?.close();
    await Promise.all([site?.close(), other?.close()]);
  });

  it('stores nothing and creates no visitor before the visitor writes', async () => {
    const url = await site.page('privacy.html', widgetHtml(site.url));
    const context = await newContext(browser);
    const page = await context.newPage();
    const before = visitors();
    const ready = page.waitForEvent('console', {predicate: (m) => m.text() === 'ready'});
    await page.addInitScript(() => {
      document.addEventListener('lc-ready', () => console.log('ready'), {once: true});
    });
    await page.goto(url);
    await ready;
    const empty = {databases: [], local: [], session: [], cookie: '', cookies: []};
    assert.deepEqual(await footprint(page), empty, 'a page view leaves no trace');
    await openChat(page);
    assert.deepEqual(await footprint(page), empty, 'opening the window stores nothing yet');
    assert.equal(visitors(), before, 'no visitor on the server');

    await send(page, 'Now I am here');
    await shows(page, 'Now I am here');
    await roomOf(page);
    assert.equal(visitors(), before + 1);
    const after = await footprint(page);
    assert.deepEqual(after.databases, ['live-chat']);
    assert.deepEqual([after.local, after.session, after.cookies], [[], [], []]);
    assert.deepEqual(Object.keys(await storedSessions(page)), [`session:${site.url}`]);
    await context.close();
  });

  it('persist="session" keeps the chat in this tab only; persist="none" forgets it', async () => {
    const sessionUrl = await site.page('session.html', widgetHtml(site.url, 'persist="session"'));
    const noneUrl = await site.page('none.html', widgetHtml(site.url, 'persist="none"'));
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(sessionUrl);
    await openChat(page);
    await send(page, 'Kept in this tab');
    await shows(page, 'Kept in this tab');
    await roomOf(page);
    let trace = await footprint(page);
    assert.deepEqual(trace.session, [`live-chat:session:${site.url}`]);
    assert.deepEqual(trace.databases, []);
    await page.reload();
    await lcEvent(page, 'lc-restored');
    await shows(page, 'Kept in this tab');
    const otherTab = await context.newPage();
    await otherTab.goto(sessionUrl);
    await openChat(otherTab);
    assert.deepEqual(await texts(otherTab), [], 'another tab starts afresh');

    const forgetful = await context.newPage();
    await forgetful.goto(noneUrl);
    await openChat(forgetful);
    await send(forgetful, 'Gone after reload');
    await shows(forgetful, 'Gone after reload');
    await roomOf(forgetful);
    trace = await footprint(forgetful);
    assert.deepEqual([trace.databases, trace.local], [[], []]);
    await forgetful.reload();
    await openChat(forgetful);
    assert.deepEqual(await texts(forgetful), []);
    await context.close();
  });

  it('D1: without IndexedDB the chat works for the page’s lifetime, one warning', async () => {
    const url = await site.page('no-idb.html', widgetHtml(site.url));
    const context = await newContext(browser);
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});
    });
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(url);
    await openChat(page);
    await send(page, 'Memory is enough');
    await shows(page, 'Memory is enough');
    const rid = await roomOf(page);
    await (await agentOf(site.url)).reply(rid, 'I hear you');
    await shows(page, 'I hear you');
    await send(page, 'Still here');
    await shows(page, 'Still here');
    assert.equal(warnings.filter((w) => w.includes('live-chat')).length, 1, warnings.join('\n'));
    await context.close();
  });

  it('D4: wiped storage gives a clean new-visitor flow', async () => {
    const url = await site.page('wiped.html', widgetHtml(site.url));
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await openChat(page);
    await send(page, 'Before the wipe');
    await shows(page, 'Before the wipe');
    const firstRoom = await roomOf(page);
    // As Safari's 7-day purge or "clear site data" would, with no widget page open.
    await page.goto(await site.page('blank.html', '<!doctype html><p>elsewhere</p>'));
    await context.clearCookies();
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.deleteDatabase('live-chat');
          request.onsuccess = resolve;
          request.onerror = reject;
        }),
    );
    await page.goto(url);
    await openChat(page);
    assert.deepEqual(await texts(page), []);
    await send(page, 'After the wipe');
    await shows(page, 'After the wipe');
    assert.notEqual(await roomOf(page), firstRoom);
    await context.close();
  });

  it('D6: two servers on one page keep two sessions; the host’s data is untouched', async () => {
    const body = '<script type="module" src="/host.js"></script>';
    await site.page(
      'host.js',
      `localStorage.setItem('host-key', 'host value');
       const open = indexedDB.open('host-db', 1);
       open.onupgradeneeded = () => open.result.createObjectStore('things');
       open.onsuccess = () => {
         const tx = open.result.transaction('things', 'readwrite');
         tx.objectStore('things').put({mine: true}, 'a');
         tx.oncomplete = () => { open.result.close(); document.body.dataset.seeded = 'yes'; };
       };`,
    );
    const html = widgetHtml(site.url, 'id="first" position="left"', body).replace(
      '</body>',
      `<live-chat id="second" server="${other.url}"></live-chat></body>`,
    );
    const url = await site.page('two.html', html);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('body[data-seeded="yes"]').waitFor();
    await openChat(page, '#first');
    await send(page, 'Hello first server', '#first');
    await shows(page, 'Hello first server', '#first');
    await openChat(page, '#second');
    await send(page, 'Hello second server', '#second');
    await shows(page, 'Hello second server', '#second');
    await roomOf(page, '#first');
    await roomOf(page, '#second');

    await page.reload();
    await shows(page, 'Hello first server', '#first');
    await shows(page, 'Hello second server', '#second');
    assert.deepEqual(await texts(page, '#first'), ['Hello first server']);
    assert.deepEqual(await texts(page, '#second'), ['Hello second server']);
    const keys = Object.keys(await storedSessions(page)).sort();
    assert.deepEqual(keys, [`session:${site.url}`, `session:${other.url}`].sort());
    const host = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('host-db');
        request.onsuccess = () => resolve(request.result);
      });
      const get = db.transaction('things').objectStore('things').get('a');
      const value = await new Promise((resolve) => (get.onsuccess = () => resolve(get.result)));
      db.close();
      return {value, key: localStorage.getItem('host-key'), storages: Object.keys(localStorage)};
    });
    assert.deepEqual(host, {value: {mine: true}, key: 'host value', storages: ['host-key']});
    await context.close();
  });

  it('D7: a tampered stored session is validated, and its text renders as text', async () => {
    const url = await site.page('tampered.html', widgetHtml(site.url));
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.url}/privacy.html`);
    const key = `session:${site.url}`;
    await page.evaluate(async (storageKey) => {
      const evil = '<img src=x onerror="window.pwned=1"><b>bold?</b>';
      const author = {id: 'a', username: 'a', name: '<i>Mallory</i>', role: 'agent'};
      const record = {
        v: 1,
        token: 'tampered-token-0123456789abcdef',
        rid: 'no-such-room',
        lastActivity: Date.now(),
        view: {open: true, draft: '', scrollTop: null},
        outbox: [{id: 'bad'}],
        messages: [
          {id: 'm1', rid: 'no-such-room', text: evil, ts: 1, author, status: 'sent'},
          {id: 'm2', rid: 'x', text: 'hidden', ts: 2, author: {...author, role: 'root'}},
          {id: 'm3', text: {toString: null}},
        ],
      };
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('live-chat', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('session');
        request.onsuccess = () => resolve(request.result);
      });
      const tx = db.transaction('session', 'readwrite');
      tx.objectStore('session').put(record, storageKey);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, key);
    await page.goto(url);
    const evilText = log(page).locator('.text', {hasText: '<img src=x'});
    await evilText.waitFor();
    assert.equal(await log(page).locator('.text', {hasText: 'hidden'}).count(), 0);
    const markup = await widget(page).evaluate((el) => {
      const all: string[] = [];
      const walk = (root: ParentNode) => {
        for (const node of root.querySelectorAll('*')) {
          all.push(node.localName);
          if (node.shadowRoot) walk(node.shadowRoot);
        }
      };
      walk(el.shadowRoot!);
      return all;
    });
    assert.ok(!markup.includes('img') && !markup.includes('b') && !markup.includes('i'));
    assert.equal(await page.evaluate(() => (window as {pwned?: number}).pwned), undefined);
    await context.close();
  });
});
