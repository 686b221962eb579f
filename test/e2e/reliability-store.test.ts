import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import type {Browser, Page} from 'playwright';
import {
  agentSays,
  lcEvent,
  log,
  newContext,
  openChat,
  openPage,
  roomOf,
  send,
  shows,
  startChat,
  startWidgetSite,
  startWidgetSuite,
  storedSessions,
  texts,
  waitForStoredText,
  widget,
  widgetHtml,
  type WidgetSite,
  type WidgetSuite,
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

/**
 * Builds the widget into `outDir` with IndexedDB schema `version` (vite.config.ts reads it from
 * `LIVE_CHAT_IDB_VERSION`): the "next release" a visitor's other tab may already run (D5).
 */
async function buildWidget(outDir: string, version: number): Promise<void> {
  const vite = join('node_modules', '.bin', 'vite');
  const child = spawn(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    env: {...process.env, LIVE_CHAT_IDB_VERSION: String(version)},
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk));
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, `the version ${version} build failed: ${errors}`);
}

/** The version of the widget's IndexedDB database as `page`'s origin has it (0: none). */
function databaseVersion(page: Page): Promise<number> {
  return page.evaluate(
    async () => (await indexedDB.databases()).find((d) => d.name === 'live-chat')?.version ?? 0,
  );
}

/** The console warnings of `page` that come from the widget, as they arrive. */
function widgetWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('live-chat')) warnings.push(m.text());
  });
  return warnings;
}

describe('storage and privacy (docs/reliability.md D1–D7)', () => {
  let suite: WidgetSuite;
  let site: WidgetSite;
  let other: WidgetSite;
  let browser: Browser;
  let visitors: () => number;
  let database: Database.Database;

  before(async () => {
    suite = await startWidgetSuite();
    ({site, browser} = suite);
    other = await startWidgetSite();
    database = new Database(join(site.server.dataDir, 'live-chat.sqlite'), {readonly: true});
    const count = database.prepare('SELECT count(*) AS n FROM visitors');
    visitors = () => (count.get() as {n: number}).n;
  });
  after(async () => {
    database?.close();
    await Promise.all([suite?.close(), other?.close()]);
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
    // Beside the database, only the note that it keeps the session (the site's next page, in
    // this tab or another, loads the chat's code while it looks).
    assert.deepEqual(
      [after.local, after.session, after.cookies],
      [[`live-chat:kept:${site.url}`], [], []],
    );
    assert.deepEqual(Object.keys(await storedSessions(page)), [`session:${site.url}`]);
    await context.close();
  });

  it('persist="session" keeps the chat in this tab only; persist="none" forgets it', async () => {
    const sessionUrl = await site.page('session.html', widgetHtml(site.url, 'persist="session"'));
    const noneUrl = await site.page('none.html', widgetHtml(site.url, 'persist="none"'));
    const {context, page} = await openPage(browser, sessionUrl);
    await startChat(page, 'Kept in this tab');
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
    await startChat(forgetful, 'Gone after reload');
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
    const warnings = widgetWarnings(page);
    await page.goto(url);
    const rid = await startChat(page, 'Memory is enough');
    await agentSays(suite.agent, rid, 'I hear you', [page]);
    await send(page, 'Still here');
    await shows(page, 'Still here');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    await context.close();
  });

  it('D4: wiped storage gives a clean new-visitor flow', async () => {
    const url = await site.page('wiped.html', widgetHtml(site.url));
    const {context, page} = await openPage(browser, url);
    const firstRoom = await startChat(page, 'Before the wipe');
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
    const {context, page} = await openPage(browser, url);
    await page.locator('body[data-seeded="yes"]').waitFor();
    await startChat(page, 'Hello first server', '#first');
    await startChat(page, 'Hello second server', '#second');

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
    // Beside the host's key, each server's note that its session is kept.
    const storages = ['host-key', `live-chat:kept:${site.url}`, `live-chat:kept:${other.url}`];
    assert.deepEqual(
      {...host, storages: host.storages.sort()},
      {value: {mine: true}, key: 'host value', storages: storages.sort()},
    );
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
        view: {open: true, draft: '', scrollTop: null, reading: {id: 42, offset: 'far'}},
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

  describe('D5: a newer widget build upgrades the database while an older tab is open', () => {
    let newUrl: string;
    let oldUrl: string;

    before(async () => {
      // The release after this one: the same widget with the next IndexedDB schema version.
      await buildWidget(join(site.dir, 'next'), 2);
      const html = widgetHtml(site.url);
      oldUrl = await site.page('d5-old.html', html);
      newUrl = await site.page('d5-new.html', html.replace('/live-chat.js', '/next/live-chat.js'));
    });

    it('the old tab steps aside and chats on in memory; the new tab upgrades', async () => {
      const context = await newContext(browser);
      const old = await context.newPage();
      const oldWarnings = widgetWarnings(old);
      await old.goto(oldUrl);
      const rid = await startChat(old, 'Written in the old version');
      await waitForStoredText(old, 'Written in the old version');
      assert.equal(await databaseVersion(old), 1);

      const fresh = await context.newPage();
      const freshWarnings = widgetWarnings(fresh);
      await fresh.goto(newUrl);
      await lcEvent(fresh, 'lc-restored');
      await shows(fresh, 'Written in the old version');
      assert.equal(await databaseVersion(fresh), 2, 'the new tab upgraded');

      await send(old, 'The old tab still works');
      await shows(old, 'The old tab still works');
      await shows(fresh, 'The old tab still works');
      await agentSays(suite.agent, rid, 'Both of you hear me', [old, fresh]);
      await waitForStoredText(fresh, 'Both of you hear me');
      const expected = ['Written in the old version', 'The old tab still works'];
      assert.deepEqual(await texts(old), [...expected, 'Both of you hear me']);
      assert.deepEqual(await texts(fresh), [...expected, 'Both of you hear me']);
      assert.equal(oldWarnings.length, 1, oldWarnings.join('\n'));
      assert.deepEqual(freshWarnings, []);
      await context.close();
    });

    it('an old tab that blocks the upgrade leaves the new tab in memory, not waiting', async () => {
      const context = await newContext(browser);
      // An older widget that never answers `versionchange` keeps the database open.
      const holder = await context.newPage();
      await holder.goto(`${site.url}/privacy.html`);
      await holder.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.open('live-chat', 1);
            request.onupgradeneeded = () => request.result.createObjectStore('session');
            request.onsuccess = () => {
              (window as {heldOpen?: IDBDatabase}).heldOpen = request.result;
              resolve();
            };
            request.onerror = () => reject(request.error);
          }),
      );
      const fresh = await context.newPage();
      const warnings = widgetWarnings(fresh);
      await fresh.goto(newUrl);
      const rid = await startChat(fresh, 'Kept in memory');
      await agentSays(suite.agent, rid, 'Memory will do', [fresh]);
      await send(fresh, 'Still going');
      await shows(fresh, 'Still going');
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.equal(await databaseVersion(holder), 1, 'no upgrade behind the old tab’s back');
      await context.close();
    });
  });
});
