import assert from 'node:assert/strict';
import {mkdtemp, rm, stat, unlink} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {startCheckpointer} from '../../src/server/checkpointer.js';
import {DB_FILE_NAME, openDatabase} from '../../src/server/db.js';

async function withDataDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'live-chat-checkpoint-'));
  // The worker never holds the process open (the server's sockets do); here nothing else would.
  const hold = setInterval(() => undefined, 60_000);
  try {
    await run(dir);
  } finally {
    clearInterval(hold);
    await rm(dir, {recursive: true, force: true});
  }
}

describe('WAL checkpoints off the request thread', () => {
  it('folds what the server writes into the database file from a worker', async () => {
    await withDataDir(async (dir) => {
      const db = openDatabase(dir);
      const walPages = 1000;
      let folded!: () => void;
      const allFolded = new Promise<void>((resolve) => (folded = resolve));
      const checkpointer = startCheckpointer(
        db,
        (error) => assert.fail(String(error)),
        (pages) => pages >= walPages && folded(),
      );
      try {
        const file = join(dir, DB_FILE_NAME);
        const before = (await stat(file)).size;
        db.exec('CREATE TABLE filler (data BLOB NOT NULL)');
        const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
        const chunk = Buffer.alloc(64 * 1024, 7);
        // 4 MiB (1000+ pages) in the WAL, below the request thread's own threshold: only the
        // worker can move it.
        for (let i = 0; i < 64; i++) insert.run(chunk);
        assert.equal(db.pragma('wal_autocheckpoint', {simple: true}), 10_000);
        await allFolded;
        assert.ok((await stat(file)).size >= before + 4 * 1024 * 1024);
      } finally {
        await checkpointer.stop();
        db.close();
      }
    });
  });

  it('hands checkpoints back to SQLite when the worker cannot run', async () => {
    await withDataDir(async (dir) => {
      const db = openDatabase(dir);
      // The worker opens the file by name: without it, it fails at once.
      await unlink(join(dir, DB_FILE_NAME));
      let reportError!: (error: unknown) => void;
      const failed = new Promise<unknown>((resolve) => (reportError = resolve));
      const checkpointer = startCheckpointer(db, reportError);
      const error = await failed;
      await checkpointer.stop();
      assert.match((error as Error).message, /^SQLITE_CANTOPEN: /);
      assert.equal(db.pragma('wal_autocheckpoint', {simple: true}), 1000);
      db.close();
    });
  });
});
