import {channels} from '../ddp/streams.js';
import type {LivechatContext} from './context.js';
import {publishQueue} from './queue.js';
import {repeatJob} from './repeat-job.js';
import {publishRoomChange} from './room-events.js';
import {routeQueue} from './routing.js';
import type {RoomDoc} from './types.js';

const HOUR_MS = 60 * 60_000;

/** The longest `abandonedVisitorHours` (10 years): a typo must not overflow the date math. */
export const MAX_ABANDONED_VISITOR_HOURS = 87_600;

/** What one sweep deleted, and how many old visitors it looked at and kept. */
export interface VisitorSweep {
  visitors: number;
  rooms: number;
  kept: number;
}

/** When the sweep runs; tests shorten the interval and move the clock. */
export interface VisitorSweepOptions {
  /** Time between runs (default 1 h; one also runs at start). */
  intervalMs?: number;
  /** Visitors looked at per step before the event loop gets a turn (default 50). */
  batchSize?: number;
  /** The time idleness is measured against (default: the real time). */
  now?: () => number;
  /** Called after each run with what it did (nothing while the setting is 0). */
  onSweep?: (sweep: VisitorSweep) => void;
  /** Called when a run fails; the next one tries again. */
  onError?: (error: unknown) => void;
}

export const VISITOR_SWEEP_DEFAULTS = {intervalMs: 60 * 60_000, batchSize: 50, hours: 24};

interface Candidate {
  id: string;
  token: string;
  updated_at: number;
  abandoned: number;
}

/**
 * One step of the scan: the next `limit` visitors untouched since `cutoff` (in `updated_at`, id
 * order, after the cursor), each with whether it is abandoned. Abandoned: no room that is closed
 * (it is in History), touched since the cutoff, or holds a message anyone wrote (`t IS NULL`:
 * visitor or agent text, files), an upload or a transcript request; no page seen since the
 * cutoff; no agent's note on them. Offline-form messages hang on no visitor and are never touched.
 */
const SCAN = `
  SELECT v.id, v.token, v.updated_at,
    NOT EXISTS (
      SELECT 1 FROM rooms AS r WHERE r.visitor_id = v.id AND (
        r.open = 0 OR r.updated_at >= @cutoff
        OR EXISTS (SELECT 1 FROM messages AS m WHERE m.rid = r.id AND m.t IS NULL)
        OR EXISTS (SELECT 1 FROM uploads AS u WHERE u.rid = r.id)
        OR EXISTS (SELECT 1 FROM transcript_requests AS t WHERE t.rid = r.id)))
    AND NOT EXISTS (
      SELECT 1 FROM page_views AS p WHERE p.token = v.token AND p.created_at >= @cutoff)
    AND NOT EXISTS (SELECT 1 FROM visitor_notes AS n WHERE n.visitor_id = v.id) AS abandoned
  FROM visitors AS v
  WHERE v.updated_at < @cutoff AND (v.updated_at, v.id) > (@afterTs, @afterId)
  ORDER BY v.updated_at, v.id LIMIT @limit`;

/**
 * Deletes visitors who never wrote (bots, scripts, a pre-chat form left unsent) once they have
 * been idle `hours()` hours (0: never), with their empty rooms, inquiries and pages visited, at
 * start and then every `intervalMs`. Without it each took about 1.5 KiB for ever
 * (`bench/abandoned-visitors.ts`), and one address may make 72,000 a day. A visitor with a page open (`isPresent`) is kept; one who comes back later is a new
 * visitor to the server (an unknown token registers again). Steps of `batchSize` visitors with a
 * turn of the event loop between them, each step one transaction that checks and deletes.
 */
export function startVisitorSweep(
  ctx: LivechatContext,
  hours: () => number,
  isPresent: (token: string) => boolean,
  options: VisitorSweepOptions = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? VISITOR_SWEEP_DEFAULTS.intervalMs;
  const batchSize = options.batchSize ?? VISITOR_SWEEP_DEFAULTS.batchSize;
  const now = options.now ?? Date.now;
  const scan = ctx.db.prepare<[Record<string, unknown>], Candidate>(SCAN);

  /** Deletes the abandoned visitors of one step; answers the cursor's next position. */
  const step = (cutoff: number, after: {ts: number; id: string}, sweep: VisitorSweep) =>
    ctx.db.transaction(() => {
      const rows = scan.all({cutoff, afterTs: after.ts, afterId: after.id, limit: batchSize});
      const gone: string[] = [];
      const served: RoomDoc[] = [];
      let queued = false;
      for (const row of rows) {
        if (!row.abandoned || isPresent(row.token)) {
          sweep.kept += 1;
          continue;
        }
        const rids = ctx.rooms.idsOfVisitor(row.id);
        for (const rid of rids) {
          const room = ctx.rooms.findById(rid);
          if (room?.servedBy) served.push({...room, open: false});
          if (ctx.inquiries.findByRoom(rid)?.status === 'queued') queued = true;
          ctx.messages.deleteRoom(rid);
          ctx.inquiries.removeRoom(rid);
        }
        ctx.rooms.deleteByVisitor(row.id);
        ctx.pageViews.deleteToken(row.token);
        ctx.visitors.delete(row.id);
        gone.push(row.token);
        sweep.visitors += 1;
        sweep.rooms += rids.length;
      }
      const last = rows.at(-1);
      const next = last && {ts: last.updated_at, id: last.id};
      return {gone, served, queued, done: rows.length < batchSize, next};
    })();

  const run = async (isStopped: () => boolean) => {
    const sweep: VisitorSweep = {visitors: 0, rooms: 0, kept: 0};
    const idleHours = hours();
    if (idleHours > 0) {
      const cutoff = now() - idleHours * HOUR_MS;
      let after = {ts: -1, id: ''};
      for (;;) {
        if (isStopped()) return;
        const {gone, served, queued, done, next} = step(cutoff, after, sweep);
        // Live subscriptions of a deleted visitor end, as when a visitor removes themselves, and
        // an agent's console that still lists the empty chat drops it.
        for (const token of gone) ctx.streams.publish(channels.visitorAccess(token), [{}]);
        for (const room of served) publishRoomChange(ctx, 'removed', room);
        if (queued) publishQueue(ctx);
        // An agent at `maxChatsPerAgent` whose empty chat went may take a waiting one now.
        if (served.length > 0) routeQueue(ctx);
        if (done || !next) break;
        after = next;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    options.onSweep?.(sweep);
  };
  return repeatJob(run, intervalMs, options.onError);
}
