import {closeRoom} from './closing.js';
import type {LivechatContext} from './context.js';
import {repeatJob} from './repeat-job.js';

const MINUTE_MS = 60_000;

/** What one run closed, and how many quiet chats it looked at and kept (the visitor wrote last). */
export interface InactivityCloseSweep {
  rooms: number;
  kept: number;
}

/** When the job runs; tests shorten the interval and move the clock. */
export interface InactivityCloseOptions {
  /** Time between runs (default 1 min, as Rocket.Chat's monitor; one also runs at start). */
  intervalMs?: number;
  /** Quiet chats looked at per step before the event loop gets a turn (default 20). */
  batchSize?: number;
  /** The time the last messages are compared with (default: the real time). */
  now?: () => number;
  /** Called after each run with what it did (nothing while the setting is 0: all zeros). */
  onSweep?: (sweep: InactivityCloseSweep) => void;
  /** Called when a run fails; the next one tries again. */
  onError?: (error: unknown) => void;
}

export const INACTIVITY_CLOSE_DEFAULTS = {intervalMs: MINUTE_MS, batchSize: 20};

/** The closing comment with `{minutes}` filled in. */
export function inactivityComment(template: string, minutes: number): string {
  return template.replaceAll('{minutes}', String(minutes));
}

interface Quiet {
  id: string;
  lm: number;
  /** 1: the newest message anyone wrote (`t IS NULL`: text or a file) is not the visitor's. */
  agent_last: number | null;
}

/**
 * One step of the scan: the next `limit` open chats with nothing at all (no message, no system
 * line such as a transfer) since `cutoff`, in `lm`, id order after the cursor, each with who wrote
 * last. Named: on its own SQLite walked every open chat through `rooms_closed` and sorted them;
 * the partial index `rooms_open_lm` (db.ts) holds the open chats only, in this order.
 */
const SCAN = `
  SELECT r.id, r.lm, (
    SELECT m.u_id <> r.visitor_id FROM messages AS m
    WHERE m.rid = r.id AND m.t IS NULL ORDER BY m.ts DESC LIMIT 1
  ) AS agent_last
  FROM rooms AS r INDEXED BY rooms_open_lm
  WHERE r.open = 1 AND r.lm < @cutoff AND (r.lm, r.id) > (@lm, @id)
  ORDER BY r.lm, r.id LIMIT @limit`;

/**
 * Closes chats the visitor abandoned (Rocket.Chat's `Livechat_abandoned_rooms_action` = close
 * after `Livechat_visitor_inactivity_timeout`): open, the newest message anyone wrote is an
 * agent's, and nothing happened in the chat for `visitorInactivityCloseMinutes` (0: never). As in
 * Rocket.Chat only the visitor's silence counts: a chat where the visitor wrote last waits for an
 * agent and stays open, and so does one where nobody but the visitor wrote. Each is closed as an
 * agent's close (closing.ts), by Rocket.Chat's bot with `visitorInactivityCloseMessage` as the
 * comment, which the widget shows as the closing line. Every `intervalMs`, `batchSize` chats per
 * step with a turn of the event loop between steps; a failure stops the run, the next one tries
 * again. The setting is read at each run.
 */
export function startInactivityClose(
  ctx: LivechatContext,
  options: InactivityCloseOptions = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? INACTIVITY_CLOSE_DEFAULTS.intervalMs;
  const batchSize = options.batchSize ?? INACTIVITY_CLOSE_DEFAULTS.batchSize;
  const now = options.now ?? Date.now;
  const scan = ctx.db.prepare<[Record<string, unknown>], Quiet>(SCAN);

  const run = async (isStopped: () => boolean) => {
    const minutes = ctx.settings.visitorInactivityCloseMinutes;
    const sweep: InactivityCloseSweep = {rooms: 0, kept: 0};
    if (minutes <= 0) return options.onSweep?.(sweep);
    const cutoff = now() - minutes * MINUTE_MS;
    const comment = inactivityComment(ctx.settings.visitorInactivityCloseMessage, minutes);
    let cursor = {lm: -1, id: ''};
    for (;;) {
      if (isStopped()) return;
      const quiet = scan.all({cutoff, limit: batchSize, ...cursor});
      for (const row of quiet) {
        if (row.agent_last !== 1) {
          sweep.kept += 1;
          continue;
        }
        // Taken or closed meanwhile (the scan is no transaction): closeRoom says false.
        const room = ctx.rooms.findById(row.id);
        if (room?.open && closeRoom(ctx, room, {kind: 'bot'}, comment)) sweep.rooms += 1;
      }
      if (quiet.length < batchSize) break;
      const last = quiet[quiet.length - 1];
      cursor = {lm: last.lm, id: last.id};
      await new Promise((resolve) => setImmediate(resolve));
    }
    options.onSweep?.(sweep);
  };
  return repeatJob(run, intervalMs, options.onError);
}
