import type {Db} from '../db.js';

/** A room the queue has seen waiting: the stay it is in, keyed by room and queueing time. */
export interface QueueStay {
  rid: string;
  /** ms since the epoch (the inquiry's `queuedAt`). */
  queuedAt: number;
}

/** What is known when a stay begins. */
export interface NewQueueStay extends QueueStay {
  department?: string;
  /** The spot it entered the line at (1 = next). */
  spot: number;
  /** Agents who could take it then (at least 1). */
  agents: number;
}

/**
 * Measured queue waits in SQLite (so the estimate survives restarts). A served stay yields one
 * sample, the agent-seconds it took to move up one spot: `wait × agents ÷ spot`. A stay that ends
 * without an agent (closed, transferred back into the queue) is dropped.
 */
export class QueueStats {
  private readonly insertRow;
  private readonly pendingRows;
  private readonly servedRow;
  private readonly deleteRow;
  private readonly meanRow;
  private readonly availableRow;

  constructor(db: Db) {
    this.insertRow = db.prepare(
      `INSERT OR IGNORE INTO queue_waits (rid, queued_at, department, spot, agents)
       VALUES (@rid, @queuedAt, @department, @spot, @agents)`,
    );
    this.pendingRows = db.prepare<[], {rid: string; queued_at: number}>(
      'SELECT rid, queued_at FROM queue_waits WHERE served_at IS NULL',
    );
    this.servedRow = db.prepare(
      'UPDATE queue_waits SET served_at = ? WHERE rid = ? AND queued_at = ?',
    );
    this.deleteRow = db.prepare('DELETE FROM queue_waits WHERE rid = ? AND queued_at = ?');
    this.meanRow = db.prepare<[string, number], {mean: number | null}>(
      `SELECT AVG(sample) AS mean FROM (
         SELECT (served_at - queued_at) / 1000.0 * agents / spot AS sample FROM queue_waits
         WHERE department = ? AND served_at IS NOT NULL ORDER BY served_at DESC LIMIT ?)`,
    );
    this.availableRow = db.prepare<[{usernames: string | null}], {n: number}>(
      `SELECT COUNT(*) AS n FROM users WHERE livechat_status = 'available'
         AND (@usernames IS NULL OR username IN (SELECT value FROM json_each(@usernames)))`,
    );
  }

  /** Remembers a stay the first time the queue shows it; later calls change nothing. */
  noteWaiting(stay: NewQueueStay): void {
    this.insertRow.run({...stay, department: stay.department ?? ''});
  }

  /** The stays that have not ended yet. */
  pending(): QueueStay[] {
    return this.pendingRows.all().map((row) => ({rid: row.rid, queuedAt: row.queued_at}));
  }

  /** Ends a stay with an agent taking the room at `servedAt` (ms): it becomes a sample. */
  markServed(stay: QueueStay, servedAt: number): void {
    this.servedRow.run(servedAt, stay.rid, stay.queuedAt);
  }

  /** Drops a stay that ended without an agent. */
  forget(stay: QueueStay): void {
    this.deleteRow.run(stay.rid, stay.queuedAt);
  }

  /** Mean agent-seconds per spot of the latest `count` served stays; `null` without any. */
  agentSecondsPerSpot(department: string | undefined, count: number): number | null {
    return this.meanRow.get(department ?? '', count)?.mean ?? null;
  }

  /** How many agents (of these usernames; none given: of all) are available now. */
  availableAgents(usernames?: readonly string[]): number {
    const list = usernames && usernames.length > 0 ? JSON.stringify(usernames) : null;
    return this.availableRow.get({usernames: list})!.n;
  }
}
