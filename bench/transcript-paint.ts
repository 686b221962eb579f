import {setTimeout as delay} from 'node:timers/promises';
import type {Browser, Page} from 'playwright';
import {fromScriptStart, signal, untilSignal} from './host-page.js';
import {PAGE_TOOLS} from './page-stats.js';

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
 * A visitor with a 200-message conversation reloads the page: how long until the transcript is
 * painted (the newest message shown in a full log), and until all 200 messages are in the log,
 * in each of `runs` reloads; from navigation start and from the widget script's start. When the
 * window does not reopen by itself the launcher is clicked as soon as it exists, and the figure
 * says so.
 */
export async function measureTranscriptPaint(browser: Browser, url: string, runs = 5) {
  // The demo page's CSP forbids eval, which the bench's string evaluations use.
  const context = await browser.newContext({bypassCSP: true});
  const page = await context.newPage();
  const say = await startBenchChat(page, url, 'message 1');
  for (let i = 2; i <= MESSAGES; i++) await say(`message ${i}`);
  const log = page.getByRole('log');
  await log.getByText(`message ${MESSAGES}`, {exact: true}).waitFor();

  // A string, not a function: tsx adds helpers (`__name`) to functions that the page lacks.
  // The script's start (its first custom-element definition) tells the widget's own share
  // from the time the host page takes before deferred scripts run.
  await page.addInitScript(PAGE_TOOLS);
  await page.addInitScript(`(() => {
    const look = () => {
      const now = performance.now();
      const log = window.__deepAll(document, '[role="log"]')[0];
      // In a log with no empty space left above it.
      if (window.__paintedAt === undefined && log && log.scrollHeight > log.clientHeight &&
          window.__messageShown('message ${MESSAGES}')) window.__paintedAt = now;
      const inLog = window.__deepAll(document, '[part~="message"]').length;
      if (window.__allAt === undefined && inLog >= ${MESSAGES}) window.__allAt = now;
      if (window.__paintedAt === undefined || window.__allAt === undefined) requestAnimationFrame(look);
      else ${signal('painted')};
    };
  ${fromScriptStart('look')}
  })()`);
  // The window reopens by itself within restore-timeout; asking for it at once would race the
  // restore (and a click could close what it just opened), so the launcher is only a fallback.
  let clickedOpen = false;
  const times: [number, number, number][] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const painted = untilSignal(page, 'painted', 15_000);
      await page.reload({waitUntil: 'commit'});
      const reopened = await Promise.race([painted.then(() => true), delay(5000, false)]);
      if (!reopened) {
        clickedOpen = true;
        await page.getByRole('button', {name: 'Open chat'}).click();
      }
      await painted;
      times.push(
        (await page.evaluate('[window.__paintedAt, window.__scriptStartAt, window.__allAt]')) as [
          number,
          number,
          number,
        ],
      );
    }
  } catch {
    times.length = 0;
  }
  await context.close();
  return {
    messages: MESSAGES,
    paintMs: times.map(([painted]) => painted),
    afterScriptStartMs: times.map(([painted, start]) => painted - start),
    allAfterScriptStartMs: times.map(([, start, all]) => all - start),
    clickedOpen,
  };
}
