import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import WebSocket from 'ws';

export interface ServerFigures {
  sockets: number;
  connected: number;
  rssPerSocketBytes: number;
  rooms: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  lost: number;
  duplicated: number;
}

const AGENT = {username: 'loadagent', password: 'load-pw'};

/** The server runs in its own process so that its memory is measured without the clients'. */
async function spawnServer(dataDir: string): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', '--port', '0',
    '--data', dataDir, '--no-rate-limit', '--agent', `${AGENT.username}:${AGENT.password}`],
  {stdio: ['ignore', 'pipe', 'inherit']});
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {url, child};
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]) * 1024;
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/v1/${path}`, {
    method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body),
  });
  return res.json() as Promise<Record<string, any>>;
}

/** Opens a DDP connection and resolves once the server said `connected`. */
function openDdp(wsUrl: string, onFrame?: (frame: any) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    ws.on('open', () => ws.send(JSON.stringify({msg: 'connect', version: '1', support: ['1']})));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.msg === 'connected') resolve(ws);
      else if (frame.msg === 'ping') ws.send(JSON.stringify({msg: 'pong', id: frame.id}));
      else onFrame?.(frame);
    });
    ws.on('error', reject);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/**
 * Idle capacity (N visitor sockets) and latency: R rooms, each visitor subscribed to its room;
 * the agent replies in every room, and the time until that visitor's socket sees it is sampled.
 */
export async function measureServer(sockets: number, rooms: number): Promise<ServerFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-load-'));
  const {url, child} = await spawnServer(dataDir);
  const wsUrl = url.replace(/^http/, 'ws') + '/websocket';
  const open: WebSocket[] = [];
  try {
    const before = await rssOf(child.pid!);
    for (let i = 0; i < sockets; i += 200) {
      const batch = Array.from({length: Math.min(200, sockets - i)}, () => openDdp(wsUrl));
      for (const r of await Promise.allSettled(batch)) if (r.status === 'fulfilled') open.push(r.value);
    }
    const connected = open.length;
    const rssPerSocketBytes = ((await rssOf(child.pid!)) - before) / Math.max(1, connected);
    for (const ws of open.splice(0)) ws.terminate();

    const login = await post(url, 'login', {user: AGENT.username, password: AGENT.password});
    const auth = {'x-user-id': login.data.userId, 'x-auth-token': login.data.authToken};
    const sentAt = new Map<string, number>();
    const seen = new Set<string>();
    const latencies: number[] = [];
    let duplicated = 0;
    const ridsReady: string[] = [];
    for (let r = 0; r < rooms; r++) {
      const token = `bench-${r}-${Math.random().toString(36).slice(2)}xxxxxxxxxxxx`;
      await post(url, 'livechat/visitor', {visitor: {token, name: `Load ${r}`}});
      const room = await (await fetch(`${url}/api/v1/livechat/room?token=${token}`)).json() as {room: {_id: string}};
      const rid = room.room._id;
      const ws = await openDdp(wsUrl, (frame) => {
        const m = frame.msg === 'changed' && frame.fields?.args?.[0];
        if (!m || !sentAt.has(m._id)) return;
        if (seen.has(m._id)) duplicated++;
        else {
          seen.add(m._id);
          latencies.push(performance.now() - sentAt.get(m._id)!);
        }
      });
      ws.send(JSON.stringify({msg: 'sub', id: `s${r}`, name: 'stream-room-messages',
        params: [rid, {useCollection: false, args: [{token, visitorToken: token}]}]}));
      open.push(ws);
      ridsReady.push(rid);
    }
    const ROUNDS = 3;
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(ridsReady.map(async (rid, i) => {
        const _id = `bench${round}x${i}x${Math.random().toString(36).slice(2, 10)}`;
        sentAt.set(_id, performance.now());
        await post(url, 'chat.sendMessage', {message: {rid, msg: `round ${round}`, _id}}, auth);
      }));
    }
    // Delivery is asynchronous: give the last frames a bounded moment to arrive.
    const deadline = Date.now() + 5000;
    while (seen.size < sentAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const sorted = latencies.sort((a, b) => a - b);
    return {
      sockets, connected, rssPerSocketBytes, rooms, samples: sorted.length,
      p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), p99Ms: percentile(sorted, 0.99),
      lost: sentAt.size - seen.size, duplicated,
    };
  } finally {
    for (const ws of open) ws.terminate();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dataDir, {recursive: true, force: true});
  }
}
