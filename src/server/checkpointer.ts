import {createRequire} from 'node:module';
import {Worker} from 'node:worker_threads';
import type {Db} from './db.js';

/** How often the worker folds the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 500;
/**
 * The request thread checkpoints by itself only past this many WAL pages (~40 MiB): a safety
 * net for a stalled worker. SQLite's default, 1000 pages, ran about once a second under load
 * and blocked every request for its fsyncs (20–70 ms each).
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

// Plain CommonJS so that the worker needs no TypeScript loader. PASSIVE never waits for, nor
// blocks, the request thread's readers and writers; a busy checkpoint is simply tried again.
const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, {fileMustExist: true});
  db.pragma('synchronous = NORMAL');
} catch (error) {
  // SqliteError loses its message on the way to the parent thread; a plain Error keeps it.
  throw new Error(error.code + ': ' + error.message);
}
parentPort.postMessage('ready');
let reported = 0;
const timer = setInterval(() => {
  try {
    const [{checkpointed}] = db.pragma('wal_checkpoint(PASSIVE)');
    if (workerData.report && checkpointed > 0 && checkpointed !== reported) {
      parentPort.postMessage(checkpointed);
    }
    reported = checkpointed;
  } catch {}
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** The running checkpoint worker. */
export interface Checkpointer {
  /** Stops the worker after its current checkpoint; call before closing the database. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints (and their fsyncs) of `db` to a worker thread, so that they never
 * stall the event loop. If the worker fails, SQLite's own checkpoints take over again.
 * `onCheckpoint` hears, after each pass that moved pages, how many of the WAL's are now in the
 * database file.
 */
export function startCheckpointer(
  db: Db,
  onError: (error: unknown) => void,
  onCheckpoint?: (pages: number) => void,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      file: db.name,
      intervalMs: CHECKPOINT_INTERVAL_MS,
      report: onCheckpoint !== undefined,
    },
  });
  let stopping: Promise<void> | undefined;
  // Held until the worker has its connection, so that a failure to open it is still reported.
  worker.on('message', (message: 'ready' | number) => {
    if (message !== 'ready') onCheckpoint?.(message);
    else if (!stopping) worker.unref();
  });
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', (error) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
    onError(error);
  });
  return {
    stop() {
      stopping ??= (async () => {
        // Held while it winds down: an unref'd worker would let the process end mid-close.
        worker.ref();
        worker.postMessage('stop');
        await exited;
      })();
      return stopping;
    },
  };
}
