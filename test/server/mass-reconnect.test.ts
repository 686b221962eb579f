import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {newMessageId} from '../../src/core/ids.js';
import {LISTEN_BACKLOG} from '../../src/server/app.js';
import {freePort, startCliServer, type CliServer} from '../helpers/node/cli-server.js';
import {startCrowd, type Crowd, type CrowdMember} from '../helpers/node/ddp-crowd.js';
import {
  agentLogin,
  api,
  startTestServer,
  until,
  type AgentLogin,
} from '../helpers/node/server-fixture.js';

const CROWD_SIZE = 1000;
/**
 * 40 visitors per loopback address: the server runs with its default per-address caps (100
 * sockets, 100 HTTP connections) and rate limits, which a wave of distinct visitors must get
 * through.
 */
const ADDRESSES = Array.from({length: CROWD_SIZE / 40}, (_, i) => `127.0.1.${i + 2}`);
/** Rooms the agent writes to the moment the server listens again. */
const EARLY_ROOMS = 100;

/** The agent's message to each room (six requests at a time, as a browser); `rid` → `_id`. */
async function writeTo(url: string, agent: AgentLogin, rids: string[], msg: string) {
  const ids = new Map(rids.map((rid) => [rid, newMessageId()]));
  const queue = [...ids];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [rid, _id] = next;
      const body = {message: {rid, _id, msg}};
      const {status} = await api(url, '/api/v1/chat.sendMessage', {body, headers: agent.headers});
      assert.equal(status, 200, `chat.sendMessage to ${rid}`);
    }
  };
  await Promise.all(Array.from({length: 6}, worker));
  return ids;
}

/** How many times `member` got the message `id`: by the stream, and whether a catch-up had it. */
const copiesOf = (member: CrowdMember, id: string) => ({
  streamed: member.streamed.get(id) ?? 0,
  fetched: member.fetched.has(id),
});

describe('L3: a crowd reconnects after the server is killed and restarted', () => {
  let dataDir = '';
  let port = 0;
  let server: CliServer | null = null;
  let crowd: Crowd | null = null;
  const start = () => startCliServer(port, dataDir, [], {rateLimit: true, demo: false});
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'live-chat-reconnect-'));
    port = await freePort();
    server = await start();
  });
  after(async () => {
    crowd?.close();
    await server?.kill();
    await rm(dataDir, {recursive: true, force: true});
  });

  it('1,000 visitors all come back, none refused; what the agent wrote arrives once each', async () => {
    const url = server!.url;
    crowd = await startCrowd(url, CROWD_SIZE, {
      localAddresses: ADDRESSES,
      catchUp: true,
      parallel: 50,
    });
    const {members} = crowd;
    const agent = await agentLogin(url);

    await server!.kill();
    server = await start();
    const upAt = performance.now();
    // At once, while most visitors are still waiting out their backoff: they get it by the
    // catch-up after their reconnect, those already back by the stream.
    const early = await writeTo(
      url,
      agent,
      members.slice(0, EARLY_ROOMS).map((m) => m.rid),
      'Right after the restart',
    );
    const isBack = (m: CrowdMember) => m.caughtUpAt.some((t) => t > upAt);
    await until(
      () => members.every(isBack),
      `every visitor back (${members.filter(isBack).length}/${CROWD_SIZE})`,
      45_000,
    );

    const failed = members.flatMap((m) => m.failures.filter((f) => f.at > upAt).map((f) => f.why));
    assert.deepEqual(failed, [], 'no socket refused or cut once the server listened');
    assert.deepEqual(
      members.flatMap((m) => m.catchUpErrors),
      [],
      'no catch-up refused',
    );
    for (const member of members.slice(0, EARLY_ROOMS)) {
      const copies = copiesOf(member, early.get(member.rid)!);
      assert.ok(copies.streamed + Number(copies.fetched) >= 1, `${member.rid} got it`);
      assert.ok(copies.streamed <= 1, `${member.rid}: ${copies.streamed} copies on the stream`);
    }

    // Every room's subscription is live again: a message to each arrives on its stream, once.
    const late = await writeTo(
      url,
      agent,
      members.map((m) => m.rid),
      'Everyone is back',
    );
    const hasLate = (m: CrowdMember) => copiesOf(m, late.get(m.rid)!).streamed > 0;
    await until(
      () => members.every(hasLate),
      `every room's message on its stream (${members.filter(hasLate).length}/${CROWD_SIZE})`,
      20_000,
    );
    const twice = members.filter((m) => copiesOf(m, late.get(m.rid)!).streamed > 1);
    assert.equal(twice.length, 0, 'no message twice');
    assert.ok(server!.isRunning, 'the restarted server is still up');
  });

  // With Node's default queue (511) the kernel dropped the SYNs of a wave the server had not
  // accepted yet, and TCP retried them 1, 3, 7, 15 s later.
  it('listens with a queue that holds a wave of connections', async () => {
    const server = await startTestServer();
    try {
      const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
      // A listening socket's Send-Q is its backlog.
      const line = execFileSync('ss', ['-ltnH', `sport = :${server.port}`], {encoding: 'utf8'});
      const backlog = Number(line.trim().split(/\s+/)[2]);
      assert.equal(backlog, Math.min(LISTEN_BACKLOG, somaxconn), line);
    } finally {
      await server.close();
    }
  });
});
