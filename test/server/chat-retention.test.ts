import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {DB_FILE_NAME} from '../../src/server/db.js';
import type {ChatRetentionSweep} from '../../src/server/livechat/chat-retention.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  postOk,
  startTestServer,
  until,
  visitorSays,
  type TestServer,
  type TestVisitor,
} from '../helpers/node/server-fixture.js';
import {upload} from '../helpers/node/uploads.js';

const DAY_MS = 24 * 60 * 60_000;

/** A retention that runs every 50 ms, and the runs it made. */
function fastRetention(batchSize?: number) {
  const sweeps: ChatRetentionSweep[] = [];
  return {
    sweeps,
    options: {intervalMs: 50, batchSize, onSweep: (s: ChatRetentionSweep) => sweeps.push(s)},
  };
}

const closeRoom = (server: TestServer, visitor: TestVisitor) =>
  postOk(server.url, '/api/v1/livechat/room.close', {token: visitor.token, rid: visitor.rid});

/** A chat of one visitor message, closed by the visitor. */
async function closedChat(server: TestServer, text: string): Promise<TestVisitor> {
  const visitor = await createVisitorWithRoom(server.url, {name: 'Vera', email: 'v@example.com'});
  await visitorSays(server.url, visitor, text);
  await closeRoom(server, visitor);
  return visitor;
}

/** The test's own connection to the server's SQLite file. */
function openFile(server: TestServer) {
  return new Database(join(server.dataDir, DB_FILE_NAME));
}

/** Makes chats (and their visitors' last registration) `days` old, as if closed back then. */
function age(server: TestServer, visitors: TestVisitor[], days: number): void {
  const db = openFile(server);
  const then = Date.now() - days * DAY_MS;
  const room = db.prepare('UPDATE rooms SET closed_at = ? WHERE id = ?');
  const visitor = db.prepare('UPDATE visitors SET updated_at = ? WHERE token = ?');
  db.transaction(() => {
    for (const v of visitors) {
      room.run(then, v.rid);
      visitor.run(then, v.token);
    }
  })();
  db.close();
}

/** Rows the file still holds for a room. */
function rowsOf(server: TestServer, rid: string) {
  const db = openFile(server);
  const count = (sql: string) => (db.prepare(sql).get(rid) as {n: number}).n;
  const rows = {
    rooms: count('SELECT COUNT(*) AS n FROM rooms WHERE id = ?'),
    messages: count('SELECT COUNT(*) AS n FROM messages WHERE rid = ?'),
    uploads: count('SELECT COUNT(*) AS n FROM uploads WHERE rid = ?'),
    transcripts: count('SELECT COUNT(*) AS n FROM transcript_requests WHERE rid = ?'),
  };
  db.close();
  return rows;
}

describe('chat retention (chatRetentionDays)', () => {
  it('deletes chats closed too long ago with their visitor; open and recent ones stay', async () => {
    const retention = fastRetention();
    const server = await startTestServer({
      settings: {chatRetentionDays: 30, transcript: true},
      chatRetention: retention.options,
      // A visitor seen by REST counts as on the site for this grace; the test's left at once.
      visitorOfflineGraceMs: 0,
    });
    try {
      const old = await createVisitorWithRoom(server.url, {name: 'Olga', email: 'o@example.com'});
      await visitorSays(server.url, old, 'zanzibar parcel');
      const file = await upload(server.url, old.rid, 'notes', {
        token: old.token,
        filename: 'notes.txt',
      });
      assert.equal(file.status, 200);
      await postOk(server.url, '/api/v1/livechat/transcript', {
        token: old.token,
        rid: old.rid,
        email: 'o@example.com',
      });
      await closeRoom(server, old);
      // Back with a new chat: the old one goes, the visitor and the open chat stay.
      const returning = await closedChat(server, 'first visit');
      const again = await createVisitorWithRoom(server.url, {token: returning.token});
      await visitorSays(server.url, again, 'second visit');
      const recent = await closedChat(server, 'closed last week');
      const open = await createVisitorWithRoom(server.url);
      await visitorSays(server.url, open, 'still talking');
      const fileId = file.body.message?.file?._id ?? file.body.file?._id;
      assert.ok(fileId, JSON.stringify(file.body));
      const filePath = join(server.dataDir, 'uploads', fileId as string);
      assert.ok(existsSync(filePath));

      const agent = await agentLogin(server.url);
      const search = () =>
        api(server.url, '/api/v1/livechat/history', {
          headers: agent.headers,
          query: {q: 'zanzibar'},
        });
      assert.equal((await search()).body.total, 1);

      age(server, [old, returning], 40);
      age(server, [recent], 10);
      const runs = retention.sweeps.length;
      await until(
        () => retention.sweeps.slice(runs).some((s) => s.rooms > 0),
        'a retention run that deleted chats',
      );
      const deleted = retention.sweeps.slice(runs).find((s) => s.rooms > 0)!;
      assert.deepEqual(deleted, {rooms: 2, messages: deleted.messages, files: 1, visitors: 1});

      assert.deepEqual(rowsOf(server, old.rid), {
        rooms: 0,
        messages: 0,
        uploads: 0,
        transcripts: 0,
      });
      assert.equal(existsSync(filePath), false);
      assert.equal(rowsOf(server, returning.rid).rooms, 0);
      for (const kept of [again, recent, open]) {
        const rows = rowsOf(server, kept.rid);
        assert.equal(rows.rooms, 1);
        assert.ok(rows.messages > 0);
      }
      // The agent's search no longer finds what the deleted chat said.
      const found = await search();
      assert.equal(found.status, 200);
      assert.equal(found.body.total, 0);

      // The deleted visitor's token is unknown, with a clear error; the widget registers again.
      const gone = await api(server.url, '/api/v1/livechat/room', {query: {token: old.token}});
      assert.equal(gone.status, 400);
      assert.match(JSON.stringify(gone.body), /invalid-token/);
      const kept = await api(server.url, '/api/v1/livechat/room', {
        query: {token: returning.token},
      });
      assert.equal(kept.status, 200);
      assert.equal(kept.body.room._id, again.rid);
    } finally {
      await server.close();
    }
  });

  it('keeps everything while off, and reads the setting from flags and the config file', async () => {
    const retention = fastRetention();
    const server = await startTestServer({chatRetention: retention.options});
    try {
      const old = await closedChat(server, 'kept forever');
      age(server, [old], 4000);
      const runs = retention.sweeps.length;
      await until(() => retention.sweeps.length >= runs + 2, 'two retention runs');
      assert.equal(rowsOf(server, old.rid).rooms, 1);
      assert.ok(retention.sweeps.every((s) => s.rooms === 0));
    } finally {
      await server.close();
    }
    const flag = parseCliArgs(['--chat-retention-days', '90']);
    assert.equal(flag.kind === 'run' && flag.options.settings.chatRetentionDays, 90);
    assert.deepEqual(parseCliArgs(['--chat-retention-days', '7d']), {
      kind: 'error',
      message: "--chat-retention-days expects days from 0 to 36500, got '7d'",
    });
    const file = parseConfigFile('{"chatRetentionDays": 365}');
    assert.equal(typeof file === 'object' && file.settings.chatRetentionDays, 365);
  });

  it('survives a write that fails mid-step: nothing of the step goes, a clear warning, then retries', async () => {
    const retention = fastRetention(10);
    const warnings: string[] = [];
    const server = await startTestServer({
      settings: {chatRetentionDays: 30},
      chatRetention: retention.options,
      onWarning: (message) => warnings.push(message),
    });
    try {
      const first = await closedChat(server, 'deleted fine');
      const second = await closedChat(server, 'the disk is full');
      // Stands for a full disk or an I/O error: SQLite refuses one write of the step.
      const db = openFile(server);
      db.exec(`CREATE TRIGGER refuse_delete BEFORE DELETE ON messages
        WHEN old.msg = 'the disk is full' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
      age(server, [first, second], 40);
      await until(() => warnings.length > 0, 'a warning');
      assert.match(
        warnings[0]!,
        /^chat retention failed, nothing of the step was deleted.*disk is full/,
      );
      assert.equal(rowsOf(server, first.rid).rooms, 1, 'the step rolled back whole');
      assert.equal(rowsOf(server, second.rid).rooms, 1);
      // The server goes on serving.
      const visitor = await createVisitorWithRoom(server.url);
      await visitorSays(server.url, visitor, 'still served');
      db.exec('DROP TRIGGER refuse_delete');
      db.close();
      await until(() => rowsOf(server, second.rid).rooms === 0, 'the retry');
      assert.equal(rowsOf(server, first.rid).rooms, 0);
      assert.equal(rowsOf(server, visitor.rid).rooms, 1);
    } finally {
      await server.close();
    }
  });
});
