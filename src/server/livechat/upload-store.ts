import {randomBytes} from 'node:crypto';
import {mkdirSync, rmSync} from 'node:fs';
import {readdir, rename, rm, stat} from 'node:fs/promises';
import {join} from 'node:path';
import type {Db} from '../db.js';

/** A stored upload. */
export interface UploadRecord {
  _id: string;
  rid: string;
  name: string;
  type: string;
  size: number;
  uploadedBy: string;
  createdAt: Date;
  /** Set once the retention deleted the bytes (`fileUploadRetentionDays`); the link is gone. */
  deletedAt?: Date;
}

/** A file the retention may delete: its id and size. */
export interface ExpiredUpload {
  id: string;
  size: number;
}

interface UploadRow {
  id: string;
  rid: string;
  name: string;
  type: string;
  size: number;
  uploaded_by: string;
  created_at: number;
  deleted_at: number | null;
}

/** What one garbage collection removed (file names, relative to the uploads folder). */
export interface UploadSweep {
  removed: string[];
}

const toRecord = (row: UploadRow): UploadRecord => ({
  _id: row.id,
  rid: row.rid,
  name: row.name,
  type: row.type,
  size: row.size,
  uploadedBy: row.uploaded_by,
  createdAt: new Date(row.created_at),
  ...(row.deleted_at === null ? {} : {deletedAt: new Date(row.deleted_at)}),
});

// 128 random bits: ids cannot be guessed or enumerated (CVE-2026-48616 had sequential ones).
const newFileId = (): string => randomBytes(16).toString('base64url');
const FILE_ID = /^[A-Za-z0-9_-]{22}$/;
const PARTIAL_FOLDER = 'partial';

/**
 * Uploaded files: metadata in SQLite, bytes in `<dataDir>/uploads/<id>`. An upload streams into
 * `uploads/partial/` first and moves into place only once complete, so a file under its id is
 * always whole; `collectGarbage()` removes what a crash or a lost client left behind.
 */
export class UploadStore {
  readonly folder: string;
  /** Where uploads in progress are written. */
  readonly partialFolder: string;
  private readonly insertRow;
  private readonly byId;
  private readonly byRoom;
  private readonly deleteById;
  private readonly deleteByRoom;
  private readonly sumByRoom;
  private readonly sumAll;
  private readonly expiredBatch;
  private readonly markDeleted;

  constructor(db: Db, dataDir: string) {
    this.folder = join(dataDir, 'uploads');
    this.partialFolder = join(this.folder, PARTIAL_FOLDER);
    mkdirSync(this.partialFolder, {recursive: true});
    this.insertRow = db.prepare(
      `INSERT INTO uploads (id, rid, name, type, size, uploaded_by, created_at)
       VALUES (@id, @rid, @name, @type, @size, @uploadedBy, @now)`,
    );
    this.byId = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
    this.byRoom = db.prepare<[string], {id: string}>('SELECT id FROM uploads WHERE rid = ?');
    this.deleteById = db.prepare('DELETE FROM uploads WHERE id = ?');
    this.deleteByRoom = db.prepare('DELETE FROM uploads WHERE rid = ?');
    this.sumByRoom = db.prepare<[string], {bytes: number}>(
      'SELECT COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE rid = ? AND deleted_at IS NULL',
    );
    this.sumAll = db.prepare<[], {bytes: number}>(
      'SELECT COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE deleted_at IS NULL',
    );
    // Closed rooms by `rooms_closed`, then their files by `uploads_rid`.
    this.expiredBatch = db.prepare<[number, number], ExpiredUpload>(
      `SELECT u.id AS id, u.size AS size FROM rooms AS r JOIN uploads AS u ON u.rid = r.id
       WHERE r.open = 0 AND r.closed_at < ? AND u.deleted_at IS NULL
       ORDER BY r.closed_at LIMIT ?`,
    );
    this.markDeleted = db.prepare(
      'UPDATE uploads SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
    );
  }

  /** Up to `limit` stored files of rooms closed before `closedBefore` (ms), oldest first. */
  expiredFiles(closedBefore: number, limit: number): ExpiredUpload[] {
    return this.expiredBatch.all(closedBefore, limit);
  }

  /**
   * Deletes a file's bytes and keeps its record as deleted (a link to it answers 410), so its
   * bytes leave the quotas. The record is marked first: were the process to stop before the
   * bytes go, the sweep removes a file whose record is deleted as it removes unrecorded ones.
   * Resolves false when the file was already deleted.
   */
  async expire(id: string, now = Date.now()): Promise<boolean> {
    if (this.markDeleted.run(now, id).changes === 0) return false;
    await rm(this.pathOf(id), {force: true});
    return true;
  }

  /** Bytes of the files a room holds (its upload quota counts these). */
  roomBytes(rid: string): number {
    return this.sumByRoom.get(rid)!.bytes;
  }

  /**
   * Bytes of every stored file (deleted ones not): summed from the records each time, so that no count can drift
   * from them. Leftovers of broken uploads are not counted; the sweep removes them.
   */
  totalBytes(): number {
    return this.sumAll.get()!.bytes;
  }

  /** A fresh path in the partial folder for an upload that is starting. */
  partialPath(): string {
    return join(this.partialFolder, `${newFileId()}.part`);
  }

  /** Moves a complete partial file into place under a new id (not recorded yet). */
  async place(partial: string): Promise<string> {
    const id = newFileId();
    await rename(partial, this.pathOf(id));
    return id;
  }

  /** Records a placed file. */
  record(
    id: string,
    file: {rid: string; name: string; type: string; size: number; uploadedBy: string},
  ): UploadRecord {
    this.insertRow.run({id, ...file, now: Date.now()});
    return toRecord(this.byId.get(id)!);
  }

  /** Deletes one file, bytes and record (an upload whose message could not be stored). */
  discard(id: string): void {
    this.deleteById.run(id);
    rmSync(this.pathOf(id), {force: true});
  }

  /** The file with this id, or `null` (also for ids that are not ours in shape). */
  find(id: string): UploadRecord | null {
    if (!FILE_ID.test(id)) return null;
    const row = this.byId.get(id);
    return row ? toRecord(row) : null;
  }

  /** Where the bytes of a file live. */
  pathOf(id: string): string {
    return join(this.folder, id);
  }

  /** Deletes a room's files, bytes included (visitor removal). */
  deleteRoom(rid: string): void {
    for (const {id} of this.byRoom.all(rid)) rmSync(this.pathOf(id), {force: true});
    this.deleteByRoom.run(rid);
  }

  /**
   * Removes partial files untouched for `staleAfterMs` (an upload whose client or server went
   * away mid-transfer) and files of the same age that no record names (a crash between moving
   * a file into place and recording it). Younger files may still be in use and stay.
   */
  async collectGarbage(staleAfterMs: number, now = Date.now()): Promise<UploadSweep> {
    const removed: string[] = [];
    const isStale = async (path: string) => {
      const info = await stat(path).catch(() => null);
      return info !== null && info.isFile() && now - info.mtimeMs >= staleAfterMs;
    };
    for (const name of await readdir(this.partialFolder)) {
      const path = join(this.partialFolder, name);
      if (!(await isStale(path))) continue;
      await rm(path, {force: true});
      removed.push(`${PARTIAL_FOLDER}/${name}`);
    }
    for (const name of await readdir(this.folder)) {
      if (name === PARTIAL_FOLDER || !(await isStale(this.pathOf(name)))) continue;
      // Checked again right before the removal, in the same tick: a file recorded meanwhile stays.
      const row = FILE_ID.test(name) ? this.byId.get(name) : undefined;
      if (row && row.deleted_at === null) continue;
      rmSync(this.pathOf(name), {force: true});
      removed.push(name);
    }
    return {removed};
  }
}
