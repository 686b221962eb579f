import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {DB_FILE_NAME} from '../../src/server/db.js';
import type {InactivityCloseSweep} from '../../src/server/livechat/inactivity-close.js';
import {
  agentLogin,
  agentPosts,
  api,
  startTestServer,
  until,
  visitorSays,
  type AgentLogin,
  type TestServer,
} from '../helpers/node/server-fixture.js';

const MINUTE_MS = 60_000;
const ADDRESS = '203.0.113.40';

/** A job that runs every 50 ms against a clock the test moves, and the runs it made. */
function fastClose() {
  const clock = {offsetMs: 0};
  const sweeps: InactivityCloseSweep[] = [];
  return {
    clock,
    sweeps,
    options: {
      intervalMs: 50,
      now: () => Date.now() + clock.offsetMs,
      onSweep: (s: InactivityCloseSweep) => sweeps.push(s),
    },
    /** Resolves after a run that started once the clock had moved. */
    async nextRun() {
      const runs = sweeps.length;
      await until(() => sweeps.length >= runs + 2, 'two runs of the inactivity close');
    },
  };
}

/** Registers a visitor of ADDRESS (through the trusted proxy) and asks for their chat. */
async function askChat(server: TestServer) {
  const token = randomBytes(16).toString('hex');
  const headers = {'x-forwarded-for': ADDRESS};
  const registered = await api(server.url, '/api/v1/livechat/visitor', {
    headers,
    body: {visitor: {token}},
  });
  assert.equal(registered.status, 200);
  return {token, answer: await api(server.url, '/api/v1/livechat/room', {headers, query: {token}})};
}

/** A visitor of ADDRESS with an open chat, served by the agent. */
async function openChat(server: TestServer) {
  const {token, answer} = await askChat(server);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return {token, rid: answer.body.room._id as string};
}

/** Whether the visitor's widget still finds the chat open (`GET livechat/room` with its id). */
const isOpen = async (server: TestServer, chat: {token: string; rid: string}) =>
  (await api(server.url, '/api/v1/livechat/room', {query: {token: chat.token, rid: chat.rid}}))
    .status === 200;

/** Moves a chat's messages and last activity `ms` later, as if written that much after. */
function later(server: TestServer, rid: string, ms: number): void {
  const db = new Database(join(server.dataDir, DB_FILE_NAME));
  db.prepare('UPDATE rooms SET lm = lm + ? WHERE id = ?').run(ms, rid);
  db.prepare('UPDATE messages SET ts = ts + ? WHERE rid = ?').run(ms, rid);
  db.close();
}

/** The agent's open chats, as the console's Open chats list reads them. */
async function openIds(server: TestServer, agent: AgentLogin): Promise<string[]> {
  const {body} = await api(server.url, '/api/v1/livechat/rooms', {
    headers: agent.headers,
    query: {open: 'true'},
  });
  return body.rooms.map((r: {_id: string}) => r._id).sort();
}

/** The messages of a chat, oldest first, as the visitor's widget loads them. */
async function messagesOf(server: TestServer, chat: {token: string; rid: string}) {
  const {body} = await api(server.url, `/api/v1/livechat/messages.history/${chat.rid}`, {
    query: {token: chat.token},
  });
  return (body.messages as Record<string, any>[]).reverse();
}

describe('closing chats the visitor left unanswered (visitorInactivityCloseMinutes)', () => {
  it('closes a chat whose agent wrote last N minutes ago, with the closing message; fresh ones and those the visitor wrote last stay', async () => {
    const job = fastClose();
    const server = await startTestServer({
      settings: {visitorInactivityCloseMinutes: 30},
      // One chat per step: the scan goes on past a chat it keeps.
      inactivityClose: {...job.options, batchSize: 1},
      rateLimit: true,
      trustProxy: ['127.0.0.1'],
      maxOpenChatsPerAddress: 3,
    });
    try {
      const agent = await agentLogin(server.url);
      const abandoned = await openChat(server);
      await visitorSays(server.url, abandoned, 'Do you ship to Norway?');
      assert.equal(
        (await agentPosts(server.url, agent, abandoned.rid, 'We do. Which item?')).status,
        200,
      );
      const waiting = await openChat(server);
      await visitorSays(server.url, waiting, 'Hello? Anyone there?');
      const fresh = await openChat(server);
      await visitorSays(server.url, fresh, 'Is the kettle in stock?');
      // The address holds its 3 open chats: a fourth is refused.
      const refused = (await askChat(server)).answer;
      assert.equal(refused.status, 429);

      // Twenty minutes on: nothing is due yet.
      job.clock.offsetMs = 20 * MINUTE_MS;
      await job.nextRun();
      assert.ok(job.sweeps.every((s) => s.rooms === 0));
      // The fresh chat's agent answers, 25 minutes after the others were written.
      await agentPosts(server.url, agent, fresh.rid, 'It is, two left.');
      later(server, fresh.rid, 25 * MINUTE_MS);
      job.clock.offsetMs = 31 * MINUTE_MS;
      await until(() => job.sweeps.some((s) => s.rooms > 0), 'a run that closed a chat');
      await job.nextRun();
      assert.deepEqual(
        job.sweeps.filter((s) => s.rooms > 0),
        [{rooms: 1, kept: 1}],
        'the abandoned chat closed once; the one the visitor wrote last kept',
      );
      assert.equal(await isOpen(server, abandoned), false);
      const last = (await messagesOf(server, abandoned)).at(-1)!;
      assert.equal(last.t, 'livechat-close');
      assert.equal(last.msg, 'Closed after 30 minutes without an answer from you.');
      assert.equal(last.u.username, 'rocket.cat');
      assert.equal(await isOpen(server, waiting), true);
      assert.equal(await isOpen(server, fresh), true);
      // The visitor coming back cannot write to it; asking for a chat opens a new one.
      const late = await api(server.url, '/api/v1/livechat/message', {
        body: {token: abandoned.token, rid: abandoned.rid, msg: 'Sorry, I was away'},
      });
      assert.equal(late.status, 400);
      assert.match(JSON.stringify(late.body), /room-closed/);
      // Out of the agent's open chats, into History with its closing comment.
      assert.deepEqual(await openIds(server, agent), [waiting.rid, fresh.rid].sort());
      const history = await api(server.url, '/api/v1/livechat/history', {headers: agent.headers});
      assert.equal(history.status, 200);
      assert.deepEqual(
        history.body.chats.map((c: {_id: string}) => c._id),
        [abandoned.rid],
      );
      // The address's open-chat count is freed: the visitor's new chat opens.
      const again = await api(server.url, '/api/v1/livechat/room', {
        headers: {'x-forwarded-for': ADDRESS},
        query: {token: abandoned.token},
      });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.notEqual(again.body.room._id, abandoned.rid);
    } finally {
      await server.close();
    }
  });

  it('survives a close that fails: the chat stays open, the next run closes it', async () => {
    const job = fastClose();
    const errors: unknown[] = [];
    const server = await startTestServer({
      settings: {visitorInactivityCloseMinutes: 5},
      inactivityClose: {...job.options, onError: (error) => errors.push(error)},
      trustProxy: ['127.0.0.1'],
    });
    try {
      const agent = await agentLogin(server.url);
      const chat = await openChat(server);
      await agentPosts(server.url, agent, chat.rid, 'Anything else I can do?');
      // Stands for a full disk or an I/O error: SQLite refuses the close.
      const db = new Database(join(server.dataDir, DB_FILE_NAME));
      db.exec(`CREATE TRIGGER refuse_close BEFORE UPDATE OF open ON rooms WHEN new.open = 0
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
      job.clock.offsetMs = 6 * MINUTE_MS;
      await until(() => errors.length > 0, 'a failed run');
      assert.match(String(errors[0]), /disk is full/);
      assert.equal(await isOpen(server, chat), true);
      db.exec('DROP TRIGGER refuse_close');
      db.close();
      await until(() => job.sweeps.some((s) => s.rooms === 1), 'a run that closed the chat');
      assert.equal(await isOpen(server, chat), false);
    } finally {
      await server.close();
    }
  });

  it('leaves every chat open while off, and reads the setting from flags and the config file', async () => {
    const job = fastClose();
    const server = await startTestServer({inactivityClose: job.options, trustProxy: ['127.0.0.1']});
    try {
      const agent = await agentLogin(server.url);
      const chat = await openChat(server);
      await visitorSays(server.url, chat, 'Hi');
      await agentPosts(server.url, agent, chat.rid, 'Hello, how can I help?');
      job.clock.offsetMs = 365 * 24 * 60 * MINUTE_MS;
      await job.nextRun();
      assert.equal(await isOpen(server, chat), true);
      assert.ok(job.sweeps.every((s) => s.rooms === 0 && s.kept === 0));
    } finally {
      await server.close();
    }
    const flag = parseCliArgs(['--close-inactive-chats-after', '45']);
    assert.equal(flag.kind === 'run' && flag.options.settings.visitorInactivityCloseMinutes, 45);
    assert.deepEqual(parseCliArgs(['--close-inactive-chats-after', '1h']), {
      kind: 'error',
      message: "--close-inactive-chats-after expects minutes from 0 to 525600, got '1h'",
    });
    const file = parseConfigFile(
      '{"visitorInactivityCloseMinutes": 60, "visitorInactivityCloseMessage": "Bye for now"}',
    );
    assert.equal(typeof file === 'object' && file.settings.visitorInactivityCloseMinutes, 60);
    assert.match(String(parseConfigFile('{"visitorInactivityCloseMessage": ""}')), /non-empty/);
  });
});
