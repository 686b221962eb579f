import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm, utimes, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {openDatabase} from '../../src/server/db.js';
import {AgentAccounts} from '../../src/server/livechat/agent-accounts.js';
import type {RetentionSweep} from '../../src/server/livechat/upload-retention.js';
import {UploadStore} from '../../src/server/livechat/upload-store.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  postOk,
  startTestServer,
  until,
  type TestServer,
  type TestVisitor,
} from '../helpers/node/server-fixture.js';
import {upload} from '../helpers/node/uploads.js';

const KIB = 1024;
const DAY_MS = 24 * 60 * 60_000;
const NOTES = Buffer.alloc(40 * KIB, 'a');

/** A retention whose clock a test moves, and the runs it made. */
function movableRetention(batchSize?: number) {
  const sweeps: RetentionSweep[] = [];
  const clock = {offsetMs: 0};
  return {
    sweeps,
    clock,
    options: {
      intervalMs: 50,
      batchSize,
      now: () => Date.now() + clock.offsetMs,
      onSweep: (sweep: RetentionSweep) => sweeps.push(sweep),
    },
  };
}

/** Uploads a 40 KiB text file to the visitor's room; resolves the answer. */
const sendNotes = (server: TestServer, visitor: TestVisitor) =>
  upload(server.url, visitor.rid, NOTES, {token: visitor.token, filename: 'notes.txt'});

/** The signed link of a file message, as the widget asks for it. */
async function linkOf(server: TestServer, visitor: TestVisitor, messageId: string) {
  const read = await api(server.url, `/api/v1/livechat/message/${messageId}`, {
    query: {token: visitor.token, rid: visitor.rid},
  });
  return read.body.message.fileUpload.publicFilePath as string;
}

const closeRoom = (server: TestServer, visitor: TestVisitor) =>
  postOk(server.url, '/api/v1/livechat/room.close', {token: visitor.token, rid: visitor.rid});

/** Names of the stored files (the partial folder left out). */
const storedNames = async (server: TestServer) =>
  (await readdir(join(server.dataDir, 'uploads'))).filter((name) => name !== 'partial');

describe('file retention (fileUploadRetentionDays)', () => {
  it('deletes the files of chats closed too long ago, answers 410 for them, frees the quota', async () => {
    const retention = movableRetention();
    const warnings: string[] = [];
    const server = await startTestServer({
      settings: {
        fileUploadRetentionDays: 2,
        fileUploadMaxBytes: 64 * KIB,
        fileUploadTotalQuotaBytes: 100 * KIB,
      },
      uploadRetention: retention.options,
      onWarning: (message) => warnings.push(message),
    });
    try {
      const closed = await createVisitorWithRoom(server.url);
      const sent = await sendNotes(server, closed);
      assert.equal(sent.status, 200);
      const oldLink = await linkOf(server, closed, sent.body._id);
      await closeRoom(server, closed);
      const open = await createVisitorWithRoom(server.url);
      const kept = await sendNotes(server, open);
      assert.equal(kept.status, 200);
      const keptLink = await linkOf(server, open, kept.body._id);

      // Full: refused, and the operator is told once, with what to do.
      for (let i = 0; i < 2; i++) {
        const full = await sendNotes(server, open);
        assert.equal(full.body.reason, 'error-upload-storage-full');
      }
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^uploads refused: stored files take 80 KB of the 100 KB total/);
      assert.match(warnings[0], /--upload-retention-days/);

      // Runs before the chat is two days closed delete nothing.
      await until(() => retention.sweeps.length >= 2, 'two retention runs');
      assert.deepEqual(retention.sweeps[0], {files: 0, bytes: 0});
      assert.equal((await storedNames(server)).length, 2);

      retention.clock.offsetMs = 3 * DAY_MS;
      await until(() => retention.sweeps.some((s) => s.files > 0), 'a run that deletes');
      assert.deepEqual(
        retention.sweeps.find((s) => s.files > 0),
        {files: 1, bytes: 40 * KIB},
        'only the closed chat’s file',
      );
      const fileId = (path: string) => new URL(path).pathname.split('/')[2];
      assert.deepEqual(await storedNames(server), [fileId(keptLink)]);

      const gone = await fetch(oldLink);
      assert.equal(gone.status, 410);
      const body = await gone.json();
      assert.equal(body.success, false);
      assert.equal(body.errorType, 'error-file-deleted');
      assert.match(body.error, /deleted/);
      assert.ok(!Number.isNaN(Date.parse(body.deletedAt)));
      // Without the right to read it, a deleted file is as unknown as any other.
      const unsigned = await fetch(oldLink.split('?')[0]);
      assert.equal(unsigned.status, 404);
      assert.equal((await fetch(keptLink)).status, 200);

      // Its bytes left the quota: the next upload fits again.
      assert.equal((await sendNotes(server, open)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('keeps every file by default, however old the chat', async () => {
    const retention = movableRetention();
    retention.clock.offsetMs = 3650 * DAY_MS;
    const server = await startTestServer({uploadRetention: retention.options});
    try {
      const visitor = await createVisitorWithRoom(server.url);
      assert.equal((await sendNotes(server, visitor)).status, 200);
      await closeRoom(server, visitor);
      const runs = retention.sweeps.length;
      await until(() => retention.sweeps.length >= runs + 2, 'two more retention runs');
      assert.ok(retention.sweeps.every((s) => s.files === 0));
      assert.equal((await storedNames(server)).length, 1);
    } finally {
      await server.close();
    }
  });

  it('deletes in small batches: all of them in one run, open chats untouched', async () => {
    const retention = movableRetention(2);
    const server = await startTestServer({
      settings: {fileUploadRetentionDays: 1},
      uploadRetention: retention.options,
    });
    try {
      for (let i = 0; i < 5; i++) {
        const visitor = await createVisitorWithRoom(server.url);
        assert.equal((await sendNotes(server, visitor)).status, 200);
        await closeRoom(server, visitor);
      }
      const open = await createVisitorWithRoom(server.url);
      assert.equal((await sendNotes(server, open)).status, 200);
      retention.clock.offsetMs = 2 * DAY_MS;
      await until(() => retention.sweeps.some((s) => s.files > 0), 'a run that deletes');
      assert.deepEqual(
        retention.sweeps.find((s) => s.files > 0),
        {files: 5, bytes: 5 * 40 * KIB},
      );
      assert.equal((await storedNames(server)).length, 1);
    } finally {
      await server.close();
    }
  });

  it('leaves no bytes behind when the process stopped between the record and the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-chat-retention-'));
    const db = openDatabase(dir);
    try {
      const store = new UploadStore(db, dir);
      const partial = store.partialPath();
      await writeFile(partial, NOTES);
      const id = await store.place(partial);
      store.record(id, {
        rid: 'r1',
        name: 'notes.txt',
        type: 'text/plain',
        size: NOTES.length,
        uploadedBy: 'v',
      });
      db.prepare('UPDATE uploads SET deleted_at = ? WHERE id = ?').run(Date.now(), id);
      const hourAgo = new Date(Date.now() - 2 * 60 * 60_000);
      await utimes(store.pathOf(id), hourAgo, hourAgo);
      assert.equal(store.totalBytes(), 0, 'a deleted file no longer counts');
      assert.deepEqual((await store.collectGarbage(60 * 60_000)).removed, [id]);
      assert.ok(store.find(id)?.deletedAt, 'the record stays, for the 410');
    } finally {
      db.close();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('is set by flag, config file or the admin settings route, 0 to 36500 days', async () => {
    const flag = parseCliArgs(['--upload-retention-days', '30']);
    assert.equal(flag.kind === 'run' && flag.options.settings.fileUploadRetentionDays, 30);
    assert.deepEqual(parseCliArgs(['--upload-retention-days', '7d']), {
      kind: 'error',
      message: "--upload-retention-days expects days from 0 to 36500, got '7d'",
    });
    const file = parseConfigFile('{"fileUploadRetentionDays": 90}');
    assert.equal(typeof file === 'object' && file.settings.fileUploadRetentionDays, 90);
    assert.equal(typeof parseConfigFile('{"fileUploadRetentionDays": 1.5}'), 'string');

    const server = await startTestServer();
    try {
      const db = openDatabase(server.dataDir);
      new AgentAccounts(db).add('boss', 'boss-password', {admin: true});
      db.close();
      const admin = await agentLogin(server.url, 'boss', 'boss-password');
      const path = '/api/v1/livechat/admin/settings';
      const saved = await api(server.url, path, {
        headers: admin.headers,
        body: {settings: {fileUploadRetentionDays: 30}},
      });
      assert.equal(saved.body.settings.fileUploadRetentionDays, 30);
      const refused = await api(server.url, path, {
        headers: admin.headers,
        body: {settings: {fileUploadRetentionDays: -5}},
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.details?.field, 'fileUploadRetentionDays');
    } finally {
      await server.close();
    }
  });
});
