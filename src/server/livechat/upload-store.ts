import {randomBytes} from 'node:crypto';
import {mkdirSync, rmSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
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
}

interface UploadRow {
  id: string;
  rid: string;
  name: string;
  type: string;
  size: number;
  uploaded_by: string;
  created_at: number;
}

const toRecord = (row: UploadRow): UploadRecord => ({
  _id: row.id,
  rid: row.rid,
  name: row.name,
  type: row.type,
  size: row.size,
  uploadedBy: row.uploaded_by,
  createdAt: new Date(row.created_at),
});

// 128 random bits: ids cannot be guessed or enumerated (CVE-2026-48616 had sequential ones).
const newFileId = (): string => randomBytes(16).toString('base64url');
const FILE_ID = /^[A-Za-z0-9_-]{22}$/;

/** Uploaded files: metadata in SQLite, bytes in `<dataDir>/uploads/<id>`. */
export class UploadStore {
  readonly folder: string;
  private readonly insertRow;
  private readonly byId;
  private readonly byRoom;
  private readonly deleteByRoom;

  constructor(db: Db, dataDir: string) {
    this.folder = join(dataDir, 'uploads');
    mkdirSync(this.folder, {recursive: true});
    this.insertRow = db.prepare(
      `INSERT INTO uploads (id, rid, name, type, size, uploaded_by, created_at)
       VALUES (@id, @rid, @name, @type, @size, @uploadedBy, @now)`,
    );
    this.byId = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
    this.byRoom = db.prepare<[string], {id: string}>('SELECT id FROM uploads WHERE rid = ?');
    this.deleteByRoom = db.prepare('DELETE FROM uploads WHERE rid = ?');
  }

  /** Writes the bytes, then records the file; returns the record. */
  async save(
    rid: string, name: string, type: string, bytes: Buffer, uploadedBy: string,
  ): Promise<UploadRecord> {
    const id = newFileId();
    await writeFile(this.pathOf(id), bytes, {flag: 'wx'});
    const now = Date.now();
    this.insertRow.run({id, rid, name, type, size: bytes.length, uploadedBy, now});
    return toRecord(this.byId.get(id)!);
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
}
