import {after, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {performance} from 'node:perf_hooks';
import {RECONNECT_MAX_MS} from '../../src/core/transport/backoff.js';
import {useCliSuite} from '../helpers/node/cli-server.js';
import {startCrowd, type Crowd} from '../helpers/node/ddp-crowd.js';
import {api} from '../helpers/node/server-fixture.js';
import {
  agentOf,
  log,
  newContext,
  roomOf,
  send,
  showWindow,
  shows,
  texts,
  waitForConnection,
} from '../helpers/node/widget-site.js';

const CROWD_SIZE = 500;
/** The demo setup, minus the registration form: the chat starts at the first message. */
const SERVER_ARGS = ['--registration-form', 'off'];

/** The most of `times` (ms) that fall within any `windowMs`. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** The `p`-th percentile (0–1) of `times`. */
function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

describe('T2: the server is killed (SIGKILL) and restarted', () => {
  const stage = useCliSuite(SERVER_ARGS);
  let crowd: Crowd | null = null;
  after(() => {
    crowd?.close();
  });

  it('500 visitors and a page come back spread out; what was sent meanwhile, once', async () => {
    const url = stage.server!.url;
    const context = await newContext(stage.browser);
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(url);
    // The demo's triggers may open the window themselves; show() is the page's own way.
    await showWindow(page);
    await send(page, 'Before the crash');
    await log(page).locator('.message.sent', {hasText: 'Before the crash'}).waitFor();
    const rid = await roomOf(page);
    crowd = await startCrowd(url, CROWD_SIZE);

    const reconnects = crowd.nextReconnect();
    const killedAt = performance.now();
    await stage.server!.kill();
    await waitForConnection(page, 'reconnecting');
    await send(page, 'Written while the server was down');
    await log(page).locator('.message.pending', {hasText: 'while the server was down'}).waitFor();
    // Down until each visitor has failed twice (first connection + 2 tries): from then on every
    // wait has a base of at least 2 s (500 ms × 2^attempt, ±50 %), see below.
    await crowd.attemptsReached(3);

    await stage.start();
    const upAt = performance.now();
    const times = await reconnects;
    // Each visitor's first try after the restart falls in the jittered wait that spans it; a wait
    // of base B is uniform in [B/2, 3B/2], so at most 100/B of them land in any 100 ms: 5 % with
    // B ≥ 2 s (simulating this schedule: ≤ 10 % in the busiest 100 ms, seconds from p5 to p95).
    // 20 % leaves room for timers that a busy machine fires late, together. Without jitter all
    // 500 would come in one window: a reconnect storm.
    const busiest = busiestWindow(times, 100);
    const spread = percentile(times, 0.95) - percentile(times, 0.05);
    const detail = `busiest 100 ms: ${busiest}, p5–p95: ${Math.round(spread)} ms`;
    assert.ok(upAt - killedAt >= 1500, `down for ${Math.round(upAt - killedAt)} ms`);
    assert.ok(busiest <= CROWD_SIZE * 0.2, detail);
    assert.ok(spread >= 1500, detail);
    // No wait is longer than the cap (plus timer lateness on a busy machine).
    assert.ok(Math.max(...times) - upAt <= RECONNECT_MAX_MS + 2000, 'all back within the cap');

    await log(page).locator('.message.sent', {hasText: 'while the server was down'}).waitFor();
    const agent = await agentOf(url);
    await agent.reply(rid, 'Back after the restart');
    await shows(page, 'Back after the restart');
    const stored = (await agent.messages(rid)).filter((m) => !m.t).map((m) => m.msg);
    assert.deepEqual(stored, [
      'Before the crash',
      'Written while the server was down',
      'Back after the restart',
    ]);
    // (The demo's trigger greeting is local: only the server's messages are compared.)
    assert.deepEqual(
      (await texts(page)).filter((text) => stored.includes(text)),
      stored,
    );
    // Backoff, not a crash loop: a handful of attempts over the downtime, and a server that
    // took the storm and still answers.
    assert.ok(sockets.length >= 2 && sockets.length <= 8, `${sockets.length} sockets`);
    assert.ok(stage.server!.isRunning, 'the restarted server is still up');
    assert.equal((await api(url, '/api/v1/livechat/config')).status, 200);
    await context.close();
  });
});
