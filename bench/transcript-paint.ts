import type {Browser, Page} from 'playwright';
import {fromScriptStart} from './host-page.js';

const MESSAGES = 200;

/** The agent of the bench's servers, who answers every bench chat. */
const BENCH_AGENT = {username: 'agent', password: 'bench-pw', name: 'Bench Agent'};

/**
 * The options of a server the bench's visitors chat with: the demo page and the built widget,
 * no rate limits, `BENCH_AGENT`. The server asks for a registration form by default; the
 * figures are about the chat itself.
 */
export const benchServerOptions = (dataDir: string) => ({
  dataDir,
  staticDir: 'dist',
  demoPage: 'index.html',
  rateLimit: false,
  settings: {registrationForm: false},
  agents: [BENCH_AGENT],
});

async function agentHeaders(url: string) {
  const {username: user, password} = BENCH_AGENT;
  const res = await fetch(`${url}/api/v1/login`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({user, password}),
  });
  const {data} = (await res.json()) as {data: {userId: string; authToken: string}};
  return {
    'content-type': 'application/json',
    'x-user-id': data.userId,
    'x-auth-token': data.authToken,
  };
}

/**
 * The visitor of `page` opens the chat and says `text`; resolves once it is sent, with `say`,
 * which the agent speaks through.
 */
export async function startBenchChat(page: Page, url: string, text: string) {
  await page.goto(url);
  await page.getByRole('button', {name: 'Open chat'}).click();
  await page.getByRole('textbox', {name: 'Message'}).fill(text);
  await page.getByRole('button', {name: 'Send'}).click();
  await page.getByRole('log').locator('.message.sent').first().waitFor();
  const headers = await agentHeaders(url);
  const rooms = await (await fetch(`${url}/api/v1/livechat/rooms?open=true`, {headers})).json();
  const rid = (rooms as {rooms: {_id: string}[]}).rooms[0]._id;
  return (msg: string) =>
    fetch(`${url}/api/v1/chat.sendMessage`, {
      method: 'POST',
      headers,
      body: JSON.stringify({message: {rid, msg}}),
    });
}

/**
 * A visitor with a 200-message conversation reloads the page: how long from navigation start
 * until all 200 messages are in the widget's log, in each of `runs` reloads. When the window
 * does not reopen by itself the launcher is clicked as soon as it exists, and the figure says so.
 */
export async function measureTranscriptPaint(browser: Browser, url: string, runs = 5) {
  // The demo page's CSP forbids eval, which string predicates of waitForFunction use.
  const context = await browser.newContext({bypassCSP: true});
  const page = await context.newPage();
  const say = await startBenchChat(page, url, 'message 1');
  for (let i = 2; i <= MESSAGES; i++) await say(`message ${i}`);
  const log = page.getByRole('log');
  await log.getByText(`message ${MESSAGES}`, {exact: true}).waitFor();

  // A string, not a function: tsx adds helpers (`__name`) to functions that the page lacks.
  // The script's start (its first custom-element definition) tells the widget's own share
  // from the time the host page takes before deferred scripts run.
  await page.addInitScript(`(() => {
    const deepCount = (root) => {
      let n = root.querySelectorAll('[part~="message"]').length;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) n += deepCount(el.shadowRoot);
      return n;
    };
    const look = () => {
      if (deepCount(document) >= ${MESSAGES}) window.__paintedAt = performance.now();
      else requestAnimationFrame(look);
    };
  ${fromScriptStart('look')}
  })()`);
  const painted = () => (window as unknown as {__paintedAt?: number}).__paintedAt;
  // The window reopens by itself within restore-timeout; asking for it at once would race the
  // restore (and a click could close what it just opened), so the launcher is only a fallback.
  let clickedOpen = false;
  const times: [number, number][] = [];
  try {
    for (let run = 0; run < runs; run++) {
      await page.reload();
      await page.waitForFunction(painted, null, {timeout: 5000}).catch(async () => {
        clickedOpen = true;
        await page.getByRole('button', {name: 'Open chat'}).click();
        await page.waitForFunction(painted, null, {timeout: 10000});
      });
      times.push(
        (await page.evaluate(
          '[window.__paintedAt, window.__paintedAt - window.__scriptStartAt]',
        )) as [number, number],
      );
    }
  } catch {
    times.length = 0;
  }
  const paintMs = times.map(([fromNavigation]) => fromNavigation);
  const afterScriptStartMs = times.map(([, fromStart]) => fromStart);
  await context.close();
  return {messages: MESSAGES, paintMs, afterScriptStartMs, clickedOpen};
}
