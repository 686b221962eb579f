import type {Db} from '../db.js';
import {randomId} from '../ids.js';

/** A waiting room in the queue, as Rocket.Chat's `livechat_inquiry` describes it. */
export interface InquiryRecord {
  _id: string;
  rid: string;
  department?: string;
  status: 'queued' | 'taken';
  queuedAt: Date;
}

interface InquiryRow {
  id: string;
  rid: string;
  department: string | null;
  status: 'queued' | 'taken';
  queued_at: number;
}

const toRecord = (row: InquiryRow): InquiryRecord => ({
  _id: row.id,
  rid: row.rid,
  ...(row.department ? {department: row.department} : {}),
  status: row.status,
  queuedAt: new Date(row.queued_at),
});

/** The manual queue: rooms that wait for an agent, oldest first. */
export class InquiryStore {
  private readonly insertRow;
  private readonly byId;
  private readonly byRid;
  private readonly queued;
  private readonly takeRow;
  private readonly deleteByRid;
  private readonly requeueRow;
  private readonly aheadRow;
  private readonly countRow;

  constructor(db: Db) {
    this.insertRow = db.prepare(
      `INSERT INTO inquiries (id, rid, department, status, queued_at)
       VALUES (@id, @rid, @department, 'queued', @now)`,
    );
    this.byId = db.prepare<[string], InquiryRow>('SELECT * FROM inquiries WHERE id = ?');
    this.byRid = db.prepare<[string], InquiryRow>('SELECT * FROM inquiries WHERE rid = ?');
    this.queued = db.prepare<[], InquiryRow>(
      "SELECT * FROM inquiries WHERE status = 'queued' ORDER BY queued_at, rowid",
    );
    this.takeRow = db.prepare(
      `UPDATE inquiries SET status = 'taken', taken_at = @now, taken_by = @agentId
       WHERE id = @id AND status = 'queued'`,
    );
    this.deleteByRid = db.prepare('DELETE FROM inquiries WHERE rid = ?');
    // Rowid breaks ties of one millisecond, as the queue's order does.
    this.aheadRow = db.prepare<[{department: string; queuedAt: number; rid: string}], {n: number}>(
      `SELECT COUNT(*) AS n FROM inquiries WHERE status = 'queued' AND coalesce(department, '') = @department
         AND (queued_at < @queuedAt OR (queued_at = @queuedAt
           AND rowid <= (SELECT rowid FROM inquiries WHERE rid = @rid)))`,
    );
    this.countRow = db.prepare<[], {n: number}>(
      "SELECT COUNT(*) AS n FROM inquiries WHERE status = 'queued'",
    );
    this.requeueRow = db.prepare(
      `UPDATE inquiries SET status = 'queued', department = @department, queued_at = @now,
         taken_at = NULL, taken_by = NULL WHERE rid = @rid`,
    );
  }

  /** Puts a room in the queue (again, if it was taken before, at the end of the line). */
  enqueue(rid: string, department: string | undefined): InquiryRecord {
    const now = Date.now();
    const params = {rid, department: department ?? null, now};
    if (this.byRid.get(rid)) this.requeueRow.run(params);
    else this.insertRow.run({...params, id: randomId()});
    return toRecord(this.byRid.get(rid)!);
  }

  /** The inquiry with this id, or `null`. */
  findById(id: string): InquiryRecord | null {
    const row = this.byId.get(id);
    return row ? toRecord(row) : null;
  }

  /** The inquiry of a room, or `null`. */
  findByRoom(rid: string): InquiryRecord | null {
    const row = this.byRid.get(rid);
    return row ? toRecord(row) : null;
  }

  /** Every waiting inquiry, oldest first. */
  listQueued(): InquiryRecord[] {
    return this.queued.all().map(toRecord);
  }

  /** The spot of a waiting inquiry in its department's line (1 = next), counted in SQLite. */
  spotOf(inquiry: InquiryRecord): number {
    const department = inquiry.department ?? '';
    return this.aheadRow.get({department, queuedAt: +inquiry.queuedAt, rid: inquiry.rid})!.n;
  }

  /** How many rooms wait. */
  countQueued(): number {
    return this.countRow.get()!.n;
  }

  /** Marks an inquiry taken; false when someone else took it first. */
  take(id: string, agentId: string): boolean {
    return this.takeRow.run({id, agentId, now: Date.now()}).changes === 1;
  }

  /** Drops a room's inquiry (room closed or removed). */
  removeRoom(rid: string): void {
    this.deleteByRid.run(rid);
  }
}
