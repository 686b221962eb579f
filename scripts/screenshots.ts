/**
 * `npm run screenshots`: renders every screen of the widget (launcher, registration, chat,
 * queue, offline form, the finished chat with its rating and transcript forms), each in light
 * and dark, in English and Arabic, plus the agent console, with real Chromium against the
 * reference server. PNG files go to `screenshots/` (git-ignored); `--out DIR` picks another
 * folder. The README's pictures are a few of these, copied to `docs/images/`.
 */
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {chromium, type Browser, type Page} from 'playwright';
import {startServer, type ServerOptions} from '../src/server/app.js';
import {launchOptions} from '../test/helpers/chromium.mjs';

const AGENT = {username: 'ann', password: 'screenshot-pw', name: 'Ann Weber'};
const VARIANTS = [
  {theme: 'light', lang: 'en'},
  {theme: 'dark', lang: 'en'},
  {theme: 'light', lang: 'ar'},
  {theme: 'dark', lang: 'ar'},
] as const;
const SETTINGS = {
  title: 'Kettle & Crank',
  registrationForm: true,
  transcript: true,
  triggers: [],
  departments: [
    {_id: 'sales', name: 'Sales', showOnRegistration: true},
    {_id: 'workshop', name: 'Workshop', showOnRegistration: true},
  ],
};

const {values: flags} = parseArgs({options: {out: {type: 'string', default: 'screenshots'}}});
const outDir = flags.out;

interface Shop {
  url: string;
  agent: {userId: string; authToken: string};
  close(): Promise<void>;
}

async function startShop(settings: Record<string, unknown>): Promise<Shop> {
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-shots-'));
  const options = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: 'dist',
    demoPage: 'index.html',
    rateLimit: false,
    settings: {...SETTINGS, ...settings},
    agents: [AGENT],
  } as unknown as ServerOptions;
  const server = await startServer(options);
  const login = await fetch(`${server.url}/api/v1/login`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({user: AGENT.username, password: AGENT.password}),
  }).then((r) => r.json() as Promise<{data: {userId: string; authToken: string}}>);
  return {
    url: server.url,
    agent: login.data,
    async close() {
      await server.close();
      await rm(dataDir, {recursive: true, force: true});
    },
  };
}

async function agentCall(shop: Shop, method: string, path: string, body?: unknown) {
  const response = await fetch(`${shop.url}/api/v1/${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-user-id': shop.agent.userId,
      'x-auth-token': shop.agent.authToken,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json() as Promise<Record<string, any>>;
}

async function agentReply(shop: Shop, text: string): Promise<void> {
  const {rooms} = await agentCall(shop, 'GET', 'livechat/rooms?open=true');
  await agentCall(shop, 'POST', 'chat.sendMessage', {message: {rid: rooms[0]._id, msg: text}});
}

async function shopPage(browser: Browser, shop: Shop): Promise<Page> {
  const page = await browser.newPage({viewport: {width: 1100, height: 760}});
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${shop.url}/`);
  await page.getByRole('button', {name: 'Open chat'}).waitFor();
  return page;
}

/** The window and the launcher, with a margin: the README's pictures stay small. */
function widgetBox(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('live-chat')!.shadowRoot!;
    const boxes = ['lc-window', 'lc-launcher']
      .map((tag) => root.querySelector(tag)!.getBoundingClientRect())
      .filter((r) => r.width > 0);
    const left = Math.max(0, Math.min(...boxes.map((r) => r.left)) - 16);
    const top = Math.max(0, Math.min(...boxes.map((r) => r.top)) - 16);
    const right = Math.min(innerWidth, Math.max(...boxes.map((r) => r.right)) + 16);
    const bottom = Math.min(innerHeight, Math.max(...boxes.map((r) => r.bottom)) + 16);
    return {x: left, y: top, width: right - left, height: bottom - top};
  });
}

/** Pictures of the whole page and of the widget, per theme and language, as it stands. */
async function shoot(page: Page, state: string): Promise<void> {
  for (const {theme, lang} of VARIANTS) {
    await page.evaluate(
      async ([t, l]) => {
        const el = document.querySelector<HTMLElement>('live-chat')!;
        el.setAttribute('theme', t);
        el.setAttribute('lang', l);
        // The locale's strings load on demand: `dir` flips once they are in.
        for (let i = 0; i < 50 && el.dir !== (l === 'ar' ? 'rtl' : 'ltr'); i++) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        await (el as unknown as {updateComplete: Promise<unknown>}).updateComplete;
      },
      [theme, lang],
    );
    // The window fades in; a picture mid-fade would show it half transparent.
    await page.waitForFunction(() =>
      document
        .querySelector('live-chat')!
        .shadowRoot!.getAnimations()
        .every((a) => a.playState !== 'running'),
    );
    await page.screenshot({path: join(outDir, `${state}-${theme}-${lang}.png`)});
    await page.screenshot({
      path: join(outDir, `widget-${state}-${theme}-${lang}.png`),
      clip: await widgetBox(page),
    });
  }
  await page.evaluate(() => {
    const el = document.querySelector('live-chat')!;
    el.setAttribute('lang', 'en');
    el.removeAttribute('theme');
  });
  await page.waitForFunction(() => document.querySelector<HTMLElement>('live-chat')!.dir === 'ltr');
}

async function conversation(browser: Browser): Promise<void> {
  const shop = await startShop({});
  try {
    const page = await shopPage(browser, shop);
    await shoot(page, 'launcher');
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', {name: 'Start chat'}).waitFor();
    await shoot(page, 'registration');
    await dialog.getByRole('textbox', {name: 'Name'}).fill('Layla Haddad');
    await dialog.getByRole('textbox', {name: 'Email'}).fill('layla@example.com');
    await dialog.getByRole('combobox', {name: 'Department'}).selectOption('workshop');
    await dialog.getByRole('button', {name: 'Start chat'}).click();
    const box = dialog.getByRole('textbox', {name: 'Message'});
    const log = dialog.getByRole('log');
    await box.fill('Hi! My gears slip on steep hills. Can you have a look this week?');
    await box.press('Enter');
    await log.getByText('joined the chat').waitFor();
    await agentReply(
      shop,
      'Hello Layla! *Of course.* We have a slot on **Thursday at 10:00** :smile:',
    );
    await log.getByText('Thursday at 10:00').waitFor();
    await box.fill('Thursday works. See you then!');
    await box.press('Enter');
    await log.getByText('See you then').waitFor();
    await shoot(page, 'chat');
    await dialog.getByRole('button', {name: 'End chat'}).click();
    await dialog.getByRole('group').getByRole('button', {name: 'End chat'}).click();
    await dialog.getByRole('button', {name: 'Send rating'}).waitFor();
    await shoot(page, 'finished');
    const agentPage = await browser.newPage({viewport: {width: 1280, height: 760}});
    await agentPage.goto(`${shop.url}/agent/`);
    await agentPage.getByLabel('Username').fill(AGENT.username);
    await agentPage.getByLabel('Password').fill(AGENT.password);
    await agentPage.getByRole('button', {name: 'Log in'}).click();
    await agentPage.getByRole('link', {name: 'History'}).click();
    await agentPage.getByText('Layla Haddad').first().click();
    await agentPage.getByText('Thursday works').waitFor();
    await agentPage.screenshot({path: join(outDir, 'console.png')});
  } finally {
    await shop.close();
  }
}

async function queue(browser: Browser): Promise<void> {
  const shop = await startShop({routing: 'manual', registrationForm: false});
  try {
    const page = await shopPage(browser, shop);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const box = page.getByRole('dialog').getByRole('textbox', {name: 'Message'});
    await box.fill('Is the blue cargo bike still in stock?');
    await box.press('Enter');
    await page.getByRole('dialog').getByText('in line').waitFor();
    await shoot(page, 'queue');
  } finally {
    await shop.close();
  }
}

async function offline(browser: Browser): Promise<void> {
  const shop = await startShop({});
  try {
    await agentCall(shop, 'POST', 'livechat/agent.status', {status: 'not-available'});
    const page = await shopPage(browser, shop);
    await page.getByRole('button', {name: 'Open chat'}).click();
    await page.getByRole('dialog').getByRole('button', {name: 'Send message'}).waitFor();
    await shoot(page, 'offline');
  } finally {
    await shop.close();
  }
}

await mkdir(outDir, {recursive: true});
const browser = await chromium.launch(launchOptions());
try {
  await conversation(browser);
  await queue(browser);
  await offline(browser);
} finally {
  await browser.close();
}
console.log(`screenshots written to ${outDir}/`);
