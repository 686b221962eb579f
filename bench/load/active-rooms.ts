/**
 * Load generator child (L2): R open chats. Each visitor has a widget-like DDP socket (the four
 * room streams the widget subscribes to) and each agent a console-like one (`__agent__`,
 * `rooms-changed`, the queue). Once the parent says `start`, the visitor and the agent of every
 * room each send one message every interval, with a random phase, and the time from the send
 * call until the other party's socket delivers it is recorded for both directions.
 */
import {randomBytes} from 'node:crypto';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import type {BenchDdp} from './ddp-client.js';
import {openDdp, pool} from './ddp-client.js';
import {percentile} from './machine.js';

import type {DirectionFigures, RoomsConfig} from './types.js';

export type {DirectionFigures, RoomsConfig} from './types.js';

const config = JSON.parse(process.argv[2]) as RoomsConfig;
const {url} = config;
const wsUrl = `${url.replace(/^http/, 'ws')}/websocket`;
const STREAM = {useCollection: false, args: [] as unknown[]};
// The histogram records whole timer periods; the lag is what exceeds the period.
const LOOP_RESOLUTION_MS = 2;
const lagMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

interface Agent {
  userId: string;
  headers: Record<string, string>;
  ddp: BenchDdp;
}

interface Room {
  rid: string;
  token: string;
  agent: Agent;
  ddp: BenchDdp;
}

interface InFlight {
  sentAt: number;
  to: 'agent' | 'visitor';
  rid: string;
  delivered: boolean;
}

const inFlight = new Map<string, InFlight>();
const latencies = {agent: [] as number[], visitor: [] as number[]};
let duplicated = 0;
let misrouted = 0;
let socketsClosed = 0;
let running = false;
let startedAt = 0;
/** The worst latency of the messages sent in each second of the run (when are the spikes?). */
const slowest: number[] = [];

/** One `stream-room-messages` frame arrived at `who` (an agent's feed or a room's visitor). */
function onMessageFrame(who: 'agent' | 'visitor', rid: string | null, args: unknown, at: number) {
  const message = Array.isArray(args) ? (args[0] as {_id?: string; rid?: string}) : undefined;
  if (!message?._id) return;
  if (who === 'visitor' && message.rid !== rid) misrouted++;
  const entry = inFlight.get(message._id);
  if (!entry || entry.to !== who) return;
  if (entry.delivered) {
    duplicated++;
    return;
  }
  entry.delivered = true;
  latencies[who].push(at - entry.sentAt);
  const second = Math.floor((entry.sentAt - startedAt) / 1000);
  slowest[second] = Math.max(slowest[second] ?? 0, at - entry.sentAt);
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/v1/${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function setUpAgent(account: {username: string; password: string}): Promise<Agent> {
  const login = await post('login', {user: account.username, password: account.password});
  const {userId, authToken} = login.data as {userId: string; authToken: string};
  const ddp = await openDdp(wsUrl, (collection, fields, at) => {
    if (collection === 'stream-room-messages') onMessageFrame('agent', null, fields.args, at);
  });
  ddp.ws.on('close', () => running && socketsClosed++);
  await ddp.call('login', [{resume: authToken}]);
  await Promise.all([
    ddp.sub('stream-room-messages', ['__agent__', STREAM]),
    ddp.sub('stream-notify-user', [`${userId}/rooms-changed`, STREAM]),
    ddp.sub('stream-livechat-inquiry-queue-observer', ['public', STREAM]),
  ]);
  return {userId, headers: {'x-user-id': userId, 'x-auth-token': authToken}, ddp};
}

async function setUpRoom(index: number, agents: Map<string, Agent>): Promise<Room> {
  const token = randomBytes(16).toString('base64url');
  await post('livechat/visitor', {visitor: {token, name: `Load visitor ${index}`}});
  const res = await fetch(`${url}/api/v1/livechat/room?token=${encodeURIComponent(token)}`);
  const body = (await res.json()) as {room?: {_id: string; servedBy?: {_id: string}}};
  const agent = agents.get(body.room?.servedBy?._id ?? '');
  if (!body.room || !agent) throw new Error(`room not served: ${JSON.stringify(body)}`);
  const rid = body.room._id;
  const ddp = await openDdp(wsUrl, (collection, fields, at) => {
    if (collection === 'stream-room-messages') onMessageFrame('visitor', rid, fields.args, at);
  });
  ddp.ws.on('close', () => running && socketsClosed++);
  const extra = {useCollection: false, args: [{token, visitorToken: token}]};
  await Promise.all([
    ddp.sub('stream-room-messages', [rid, extra]),
    ddp.sub('stream-livechat-room', [rid, extra]),
    ddp.sub('stream-notify-room', [`${rid}/user-activity`, extra]),
    ddp.sub('stream-notify-room', [`${rid}/deleteMessage`, extra]),
  ]);
  return {rid, token, agent, ddp};
}

let counter = 0;
const sendErrors = {agent: 0, visitor: 0};
let firstSendError: string | null = null;

async function send(room: Room, from: 'agent' | 'visitor') {
  const _id = `load${counter++}x${randomBytes(6).toString('hex')}`;
  const msg = `Message ${counter} from the ${from} of ${room.rid}: how are you today?`;
  const to = from === 'agent' ? 'visitor' : 'agent';
  inFlight.set(_id, {sentAt: performance.now(), to, rid: room.rid, delivered: false});
  try {
    if (from === 'agent') {
      await post('chat.sendMessage', {message: {rid: room.rid, msg, _id}}, room.agent.headers);
    } else if (config.visitorSend === 'ddp') {
      await room.ddp.call('sendMessageLivechat', [{_id, rid: room.rid, msg, token: room.token}]);
    } else {
      await post('livechat/message', {token: room.token, rid: room.rid, msg, _id});
    }
  } catch (error) {
    inFlight.delete(_id);
    sendErrors[to]++;
    firstSendError ??= String((error as Error).message ?? error);
  }
}

function figures(to: 'agent' | 'visitor'): DirectionFigures {
  const sorted = latencies[to].sort((a, b) => a - b);
  const sent = [...inFlight.values()].filter((e) => e.to === to);
  return {
    sent: sent.length,
    sendErrors: sendErrors[to],
    delivered: sorted.length,
    lost: sent.filter((e) => !e.delivered).length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    over50ms: sorted.filter((ms) => ms >= 50).length,
  };
}

/** Starts a new step (of a ramp): figures count from here. */
function resetFigures() {
  inFlight.clear();
  latencies.agent = [];
  latencies.visitor = [];
  duplicated = 0;
  misrouted = 0;
  slowest.length = 0;
  sendErrors.agent = 0;
  sendErrors.visitor = 0;
  firstSendError = null;
}

async function run(rooms: Room[]) {
  const timers: NodeJS.Timeout[] = [];
  const every = (fn: () => void) => {
    const first = setTimeout(() => {
      fn();
      timers.push(setInterval(fn, config.intervalMs));
    }, Math.random() * config.intervalMs);
    timers.push(first);
  };
  const loop = monitorEventLoopDelay({resolution: LOOP_RESOLUTION_MS});
  loop.enable();
  running = true;
  const started = performance.now();
  startedAt = started;
  for (const room of rooms) {
    every(() => void send(room, 'visitor'));
    every(() => void send(room, 'agent'));
  }
  await new Promise((resolve) => setTimeout(resolve, config.durationMs));
  for (const timer of timers) clearTimeout(timer);
  const sendingMs = performance.now() - started;
  // Messages sent in the last moments are still travelling: wait for them, within bounds.
  const drainUntil = performance.now() + 10_000;
  const undelivered = () => [...inFlight.values()].some((e) => !e.delivered);
  while (undelivered() && performance.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  running = false;
  loop.disable();
  const toAgent = figures('agent');
  const toVisitor = figures('visitor');
  return {
    sendingMs,
    toAgent,
    toVisitor,
    duplicated,
    misrouted,
    socketsClosed,
    firstSendError,
    msgsPerSecond: (toAgent.delivered + toVisitor.delivered) / (sendingMs / 1000),
    generatorLoopDelayP99Ms: lagMs(loop.percentile(99)),
    generatorLoopDelayMaxMs: lagMs(loop.max),
    slowestPerSecondMs: Array.from(slowest, (v) => Math.round(v ?? 0)),
  };
}

const setupStarted = performance.now();
const agentList = await Promise.all(config.agents.map(setUpAgent));
const agents = new Map(agentList.map((a) => [a.userId, a]));
const settled = await pool(Array.from({length: config.rooms}), config.setupConcurrency, (_, i) =>
  setUpRoom(i, agents),
);
const rooms = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
const failed = settled.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
process.send!({
  type: 'ready',
  rooms: rooms.length,
  failed: failed.length,
  firstError: failed[0] ? String(failed[0].reason?.message ?? failed[0].reason) : null,
  setupMs: performance.now() - setupStarted,
});
// `start` runs one step (its interval and length may differ from the config: a ramp); `end`
// closes every socket and exits.
process.on('message', (message: {type: string; intervalMs?: number; durationMs?: number}) => {
  if (message.type === 'end') {
    for (const room of rooms) room.ddp.close();
    for (const agent of agentList) agent.ddp.close();
    process.exit(0);
  }
  if (message.type !== 'start') return;
  resetFigures();
  config.intervalMs = message.intervalMs ?? config.intervalMs;
  config.durationMs = message.durationMs ?? config.durationMs;
  void run(rooms).then((result) => process.send!({type: 'result', ...result}));
});
