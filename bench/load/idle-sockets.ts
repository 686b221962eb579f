/**
 * Load generator child (L1): holds N idle visitor sockets on the server. Each one speaks DDP
 * `connect` and answers the server's heartbeat pings, as an open widget that nobody uses does.
 * Talks to bench/server-load.ts over IPC: `{type:'connected'}` once all are open, then
 * `{type:'stopped'}` after the parent sends `stop`.
 */
import type {BenchDdp} from './ddp-client.js';
import {openDdp, pool} from './ddp-client.js';

const [wsUrl, countArg, concurrencyArg, localAddress] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg || 500);

const sockets: BenchDdp[] = [];
let closedByServer = 0;
let stopping = false;
const started = performance.now();
const settled = await pool(Array.from({length: count}), concurrency, async () => {
  const ddp = await openDdp(wsUrl, undefined, localAddress || undefined);
  ddp.ws.on('close', () => {
    if (!stopping) closedByServer++;
  });
  sockets.push(ddp);
});
const failures = settled.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
process.send!({
  type: 'connected',
  connected: sockets.length,
  failed: failures.length,
  firstError: failures[0] ? String(failures[0].reason?.message ?? failures[0].reason) : null,
  ms: performance.now() - started,
});

process.on('message', (message: {type: string}) => {
  if (message.type !== 'stop') return;
  stopping = true;
  const pongs = sockets.reduce((n, s) => n + s.pongs(), 0);
  for (const s of sockets) s.close();
  process.send!({type: 'stopped', closedByServer, pongs}, () => process.exit(0));
});
