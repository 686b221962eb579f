import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Browser, Page} from 'playwright';
import {
  newContext,
  useWidgetSuite,
  widget,
  widgetHtml,
  type WidgetSite,
} from '../helpers/node/widget-site.js';

// The chunks a page fetched, by name without the hash (`ru`, `locale-runtime`, …).
function chunksOf(page: Page): string[] {
  const chunks: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.match(/^\/([\w-]+?)-[\w-]{8}\.js$/)?.[1];
    if (name) chunks.push(name);
  });
  return chunks;
}

// Resolves once the element has the server's config (and so its language setting).
async function configLoaded(page: Page): Promise<void> {
  await page.evaluate(() =>
    (document.querySelector('live-chat') as unknown as {ready: Promise<unknown>}).ready.then(
      () => true,
    ),
  );
}

describe('the widget’s language, against a server whose Livechat language is Russian', () => {
  let browser: Browser;
  let site: WidgetSite;
  let pages = 0;
  useWidgetSuite(
    (suite) => {
      browser = suite.browser;
      site = suite.site;
    },
    {settings: {language: 'ru'}, demoPage: 'index.html'},
  );

  async function open(
    attributes: string,
  ): Promise<{page: Page; chunks: string[]; close: () => Promise<void>}> {
    const context = await newContext(browser);
    const page = await context.newPage();
    const chunks = chunksOf(page);
    pages++;
    await page.goto(await site.page(`lang-${pages}.html`, widgetHtml(site.url, attributes)));
    return {page, chunks, close: () => context.close()};
  }

  it('speaks the server’s language when the element has no lang, loading only that locale', async () => {
    const {page, chunks, close} = await open('');
    // The page itself says <html lang="en">: the server's setting comes first.
    await widget(page).getByRole('button', {name: 'Открыть чат'}).click();
    await widget(page).getByRole('dialog').getByRole('textbox', {name: 'Сообщение'}).waitFor();
    assert.equal(await widget(page).getAttribute('dir'), 'ltr');
    const locales = chunks.filter((c) => /^[a-z]{2}(-[A-Z]{2})?$/.test(c));
    assert.deepEqual(locales, ['ru'], 'one locale chunk, the one shown');
    assert.ok(chunks.includes('locale-runtime'));
    await close();
  });

  it('follows the lang attribute over the server, mirrored for Hebrew', async () => {
    const {page, close} = await open('lang="he"');
    await configLoaded(page);
    await widget(page).getByRole('button', {name: 'פתיחת הצ׳אט'}).waitFor();
    assert.equal(await widget(page).getAttribute('dir'), 'rtl');
    await close();
  });

  it('downloads no locale code at all for an English widget', async () => {
    const {page, chunks, close} = await open('lang="en"');
    await configLoaded(page);
    await widget(page).getByRole('button', {name: 'Open chat'}).click();
    // The window's own chunk arrived after the config: a locale asked for then would be here.
    await widget(page).getByRole('dialog').getByRole('textbox', {name: 'Message'}).waitFor();
    assert.ok(chunks.includes('live-chat-app'), `chunks: ${chunks}`);
    assert.deepEqual(
      chunks.filter((c) => c === 'locale-runtime' || c.length <= 5),
      [],
    );
    await close();
  });

  it('switches with the demo page’s "Chat language", and back to the server’s on Automatic', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(site.url);
    const choice = page.getByRole('combobox', {name: 'Chat language'});
    await choice.selectOption('pl');
    await widget(page).getByRole('button', {name: 'Otwórz czat'}).waitFor();
    await choice.selectOption('he');
    await widget(page).getByRole('button', {name: 'פתיחת הצ׳אט'}).waitFor();
    assert.equal(await widget(page).getAttribute('dir'), 'rtl');
    await choice.selectOption('');
    await widget(page).getByRole('button', {name: 'Открыть чат'}).waitFor();
    assert.equal(await widget(page).getAttribute('dir'), 'ltr');
    await context.close();
  });

  it('keeps the demo page’s "Chat language" across a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(site.url);
    const choice = page.getByRole('combobox', {name: 'Chat language'});
    await choice.selectOption('ar');
    await widget(page).getByRole('button', {name: 'فتح المحادثة'}).waitFor();
    await page.reload();
    await widget(page).getByRole('button', {name: 'فتح المحادثة'}).waitFor();
    assert.equal(await choice.inputValue(), 'ar');
    assert.equal(await widget(page).getAttribute('dir'), 'rtl');
    // The server's language (Russian) does not win once its config arrives.
    await configLoaded(page);
    await widget(page).getByRole('button', {name: 'فتح المحادثة'}).waitFor();
    await choice.selectOption('');
    await widget(page).getByRole('button', {name: 'Открыть чат'}).waitFor();
    await page.reload();
    await configLoaded(page);
    await widget(page).getByRole('button', {name: 'Открыть чат'}).waitFor();
    assert.equal(await choice.inputValue(), '');
    await context.close();
  });
});
