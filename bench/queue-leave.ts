/**
 * What a chat leaving a long queue costs the server (the event loop is blocked for its whole
 * call), and what the console's `inquiries.queued` costs, in-process with manual routing:
 * `npx tsx bench/queue-leave.ts [waiting] [root]` (`root`: another checkout to compare).
 */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const waiting = Number(process.argv[2] ?? 5000);
const root = resolve(process.argv[3] ?? '.');
const {buildServer} = (await import(
  join(root, 'src/server/app.ts')
)) as typeof import('../src/server/app.js');
const dataDir = await mkdtemp(join(tmpdir(), 'queue-leave-'));
const built = await buildServer({
  dataDir,
  agents: [{username: 'agent', password: 'agent-password'}],
  rateLimit: false,
  settings: {routing: 'manual'},
});
const {livechat, desk, ctx} = built;
const rooms: {token: string; rid: string}[] = [];
for (let i = 0; i < waiting; i++) {
  const token = `visitor-${i}`;
  livechat.registerVisitor({token, name: `Visitor ${i}`});
  rooms.push({token, rid: livechat.getRoom(token).room._id});
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (task: () => void) => {
  const started = performance.now();
  task();
  return performance.now() - started;
};
// The first in line leaves each time: everyone else moves up, the most a close can cost.
const closes = rooms.slice(0, 20).map((v) => time(() => livechat.closeByVisitor(v.token, v.rid)));
// Only the agent's id and username matter here (which departments they may take).
const me = ctx.db.prepare('SELECT id, username, name FROM users LIMIT 1').get() as never;
const lists = Array.from({length: 20}, () => time(() => desk.queuedInquiries(me, 0, 100)));
process.stdout.write(
  `${waiting} waiting (${root}): close of the first in line ${median(closes).toFixed(1)} ms ` +
    `(median of 20); inquiries.queued ${median(lists).toFixed(1)} ms (median of 20)\n`,
);
await built.app.close();
await rm(dataDir, {recursive: true, force: true});
