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

/** Where a room stood in line when it left it: enough to tell those behind their new spot. */
export interface QueuePlace {
  rid: string;
  department?: string;
  /** ms since the epoch; with `order` (the row's rowid) its place in line. */
  queuedAt: number;
  order: number;
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
  private readonly behindRows;
  private readonly aheadOfPlace;
  private readonly departmentRows;
  private readonly pageRows;
  private readonly pageCount;

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
    this.deleteByRid = db.prepare<
      [string],
      {department: string | null; queued_at: number; n: number}
    >('DELETE FROM inquiries WHERE rid = ? RETURNING department, queued_at, rowid AS n');
    // A line is a department's waiting rooms, in (queued_at, rowid) order, as `queued` lists them.
    const line = `status = 'queued' AND coalesce(department, '') = @department`;
    this.behindRows = db.prepare<[Record<string, unknown>], {rid: string}>(
      `SELECT rid FROM inquiries WHERE ${line}
         AND (queued_at > @queuedAt OR (queued_at = @queuedAt AND rowid > @order))
       ORDER BY queued_at, rowid`,
    );
    this.aheadOfPlace = db.prepare<[Record<string, unknown>], {n: number}>(
      `SELECT COUNT(*) AS n FROM inquiries WHERE ${line}
         AND (queued_at < @queuedAt OR (queued_at = @queuedAt AND rowid < @order))`,
    );
    this.departmentRows = db.prepare<[], {department: string}>(
      "SELECT DISTINCT coalesce(department, '') AS department FROM inquiries WHERE status = 'queued'",
    );
    const mine = `status = 'queued' AND coalesce(department, '') IN (SELECT value FROM json_each(@departments))`;
    this.pageRows = db.prepare<[Record<string, unknown>], InquiryRow>(
      `SELECT * FROM inquiries WHERE ${mine} ORDER BY queued_at, rowid LIMIT @count OFFSET @offset`,
    );
    this.pageCount = db.prepare<[Record<string, unknown>], {n: number}>(
      `SELECT COUNT(*) AS n FROM inquiries WHERE ${mine}`,
    );
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

  /** The departments with a room waiting (`''`: none), for `pageQueued`. */
  queuedDepartments(): string[] {
    return this.departmentRows.all().map((row) => row.department);
  }

  /**
   * A page of the rooms waiting in these departments (`''`: without one), oldest first, and
   * how many wait there: filtered and counted in SQLite, not by reading the whole queue.
   */
  pageQueued(departments: readonly string[], offset: number, count: number) {
    const mine = {departments: JSON.stringify(departments)};
    const limit = Number.isFinite(count) ? count : -1;
    const inquiries = this.pageRows.all({...mine, offset, count: limit});
    return {inquiries: inquiries.map(toRecord), total: this.pageCount.get(mine)!.n};
  }

  /** The rooms behind a place its room left, in line order, and how many are ahead of it. */
  behind(place: QueuePlace): {rids: string[]; ahead: number} {
    const params = {...place, department: place.department ?? ''};
    const rids = this.behindRows.all(params).map((row) => row.rid);
    return {rids, ahead: this.aheadOfPlace.get(params)!.n};
  }

  /** How many rooms wait. */
  countQueued(): number {
    return this.countRow.get()!.n;
  }

  /** Marks an inquiry taken; false when someone else took it first. */
  take(id: string, agentId: string): boolean {
    return this.takeRow.run({id, agentId, now: Date.now()}).changes === 1;
  }

  /** Drops a room's inquiry (room closed, taken or removed); answers where it stood, if it did. */
  removeRoom(rid: string): QueuePlace | null {
    const row = this.deleteByRid.get(rid);
    if (!row) return null;
    const department = row.department ?? undefined;
    return {rid, ...(department ? {department} : {}), queuedAt: row.queued_at, order: row.n};
  }
}
