import {rmSync} from 'node:fs';
import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import {repeatJob} from './repeat-job.js';

const DAY_MS = 24 * 60 * 60_000;

/** What one retention run deleted. */
export interface ChatRetentionSweep {
  rooms: number;
  messages: number;
  files: number;
  visitors: number;
}

/** When the chat retention runs; tests shorten the interval and move the clock. */
export interface ChatRetentionOptions {
  /** Time between runs (default 1 h; one also runs at start). */
  intervalMs?: number;
  /** Chats deleted per step before the event loop gets a turn (default 20). */
  batchSize?: number;
  /** A step also ends once it has deleted this many messages (default 2,000). */
  stepMessages?: number;
  /** The time chats' closing times are compared with (default: the real time). */
  now?: () => number;
  /** Called after each run with what it deleted (nothing while the setting is 0). */
  onSweep?: (sweep: ChatRetentionSweep) => void;
  /** Called when a step fails (a full disk, a write refused); the next run tries again. */
  onError?: (error: unknown) => void;
}

export const CHAT_RETENTION_DEFAULTS = {intervalMs: 60 * 60_000, batchSize: 20, stepMessages: 2000};

interface ExpiredRoom {
  id: string;
  visitor_id: string;
}

/** The statements of one deletion, prepared once. */
function prepare(ctx: LivechatContext) {
  const {db} = ctx;
  const run = (sql: string) => db.prepare<[string]>(sql);
  return {
    // Closed rooms by `rooms_closed`, oldest first.
    expired: db.prepare<[number, number], ExpiredRoom>(
      `SELECT id, visitor_id FROM rooms WHERE open = 0 AND closed_at < ?
       ORDER BY closed_at LIMIT ?`,
    ),
    files: db.prepare<[string], {id: string}>('SELECT id FROM uploads WHERE rid = ?'),
    // Messages go first (rooms are their foreign key); the search index follows by trigger.
    messages: run('DELETE FROM messages WHERE rid = ?'),
    // A transcript mail holds the whole conversation.
    transcriptMail: run(
      `DELETE FROM mail_outbox WHERE kind = 'transcript'
       AND ref IN (SELECT id FROM transcript_requests WHERE rid = ?)`,
    ),
    transcripts: run('DELETE FROM transcript_requests WHERE rid = ?'),
    uploads: run('DELETE FROM uploads WHERE rid = ?'),
    inquiry: run('DELETE FROM inquiries WHERE rid = ?'),
    waits: run('DELETE FROM queue_waits WHERE rid = ?'),
    pages: run('DELETE FROM page_views WHERE rid = ?'),
    room: run('DELETE FROM rooms WHERE id = ?'),
    // The visitor goes with their last chat, unless they came back since the cutoff.
    lone: db.prepare<[string, number], {token: string}>(
      `SELECT token FROM visitors AS v WHERE id = ? AND updated_at < ?
       AND NOT EXISTS (SELECT 1 FROM rooms WHERE visitor_id = v.id)`,
    ),
    visitorPages: run('DELETE FROM page_views WHERE token = ?'),
    // Agents' notes on the visitor go by ON DELETE CASCADE.
    visitor: run('DELETE FROM visitors WHERE id = ?'),
  };
}

/**
 * Deletes chats closed more than `chatRetentionDays` ago (0: never), at start and then every
 * `intervalMs`: the room, its messages (and their search entries), inquiry, queue stays,
 * transcript requests and their mail, pages and files; the visitor goes with their last chat,
 * unless they are on the site now (`isPresent`) or registered again since the cutoff. Without
 * it every chat stays for good: a script opening chats grows the database without bound. Steps
 * of `batchSize` chats (fewer when they hold many messages), each one transaction, with a turn
 * of the event loop between them; a failed step (a full disk) rolls back whole and the run
 * stops, the next one tries again. The setting is read at each run.
 */
export function startChatRetention(
  ctx: LivechatContext,
  days: () => number,
  isPresent: (token: string) => boolean,
  options: ChatRetentionOptions = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? CHAT_RETENTION_DEFAULTS.intervalMs;
  const batchSize = options.batchSize ?? CHAT_RETENTION_DEFAULTS.batchSize;
  const stepMessages = options.stepMessages ?? CHAT_RETENTION_DEFAULTS.stepMessages;
  const now = options.now ?? Date.now;
  const sql = prepare(ctx);

  /** Deletes one step's chats; answers the files to remove and whether more are due. */
  const step = (cutoff: number, sweep: ChatRetentionSweep) =>
    ctx.db.transaction(() => {
      const rooms = sql.expired.all(cutoff, batchSize);
      const files: string[] = [];
      const gone: string[] = [];
      let messages = 0;
      let done = 0;
      for (const room of rooms) {
        files.push(...sql.files.all(room.id).map((file) => file.id));
        messages += sql.messages.run(room.id).changes;
        sql.transcriptMail.run(room.id);
        for (const statement of [sql.transcripts, sql.uploads, sql.inquiry, sql.waits, sql.pages]) {
          statement.run(room.id);
        }
        sql.room.run(room.id);
        done += 1;
        const visitor = sql.lone.get(room.visitor_id, cutoff);
        if (visitor && !isPresent(visitor.token)) {
          sql.visitorPages.run(visitor.token);
          sql.visitor.run(room.visitor_id);
          gone.push(visitor.token);
        }
        if (messages >= stepMessages) break;
      }
      sweep.rooms += done;
      sweep.messages += messages;
      sweep.files += files.length;
      sweep.visitors += gone.length;
      return {files, gone, more: done === rooms.length ? rooms.length === batchSize : true};
    })();

  const run = async (isStopped: () => boolean) => {
    const sweep: ChatRetentionSweep = {rooms: 0, messages: 0, files: 0, visitors: 0};
    const retentionDays = days();
    if (retentionDays > 0) {
      const cutoff = now() - retentionDays * DAY_MS;
      for (;;) {
        if (isStopped()) return;
        const {files, gone, more} = step(cutoff, sweep);
        // After the commit. A file left behind (a crash before this, a removal refused) is
        // named by no record now, and the upload sweep (upload-gc.ts) removes it after an hour.
        for (const id of files) {
          try {
            rmSync(ctx.uploads.pathOf(id), {force: true});
          } catch {
            // Left to the upload sweep.
          }
        }
        // A deleted visitor's live subscriptions end; their next call is `invalid-token`, on
        // which the widget registers again.
        for (const token of gone) ctx.streams.publish(channels.visitorAccess(token), [{}]);
        if (!more) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    options.onSweep?.(sweep);
  };
  return repeatJob(run, intervalMs, options.onError);
}
