import {createHash} from 'node:crypto';
import type {Db} from '../db.js';
import {meteorError} from '../errors.js';
import {detectFileKind} from './file-types.js';

/** The largest picture an agent may upload. */
export const AVATAR_MAX_BYTES = 1024 * 1024;

const AVATAR_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** What `/avatar/:username` serves for a user. */
export interface AvatarLookup {
  /** The user's display name, or `null` for an unknown username. */
  name: string | null;
  /** The uploaded picture, if any. */
  picture: {type: string; data: Buffer; etag: string; updatedAt: number} | null;
}

interface LookupRow {
  name: string;
  type: string | null;
  data: Buffer | null;
  etag: string | null;
  updated_at: number | null;
}

/** Agents' uploaded pictures (Rocket.Chat's `Avatars` store), one per user, in SQLite. */
export class AvatarStore {
  private readonly lookupRow;
  private readonly upsertRow;
  private readonly deleteRow;

  constructor(db: Db) {
    this.lookupRow = db.prepare<[string], LookupRow>(
      `SELECT users.name, avatars.type, avatars.data, avatars.etag, avatars.updated_at
       FROM users LEFT JOIN avatars ON avatars.user_id = users.id WHERE users.username = ?`,
    );
    this.upsertRow = db.prepare(
      `INSERT INTO avatars (user_id, type, data, etag, updated_at)
       VALUES (@userId, @type, @data, @etag, @now)
       ON CONFLICT (user_id) DO UPDATE SET type = @type, data = @data, etag = @etag,
         updated_at = @now`,
    );
    this.deleteRow = db.prepare('DELETE FROM avatars WHERE user_id = ?');
  }

  /** The user of this username and their picture. */
  lookup(username: string): AvatarLookup {
    const row = this.lookupRow.get(username);
    if (!row) return {name: null, picture: null};
    const picture =
      row.data && row.type && row.etag
        ? {type: row.type, data: row.data, etag: row.etag, updatedAt: row.updated_at ?? 0}
        : null;
    return {name: row.name, picture};
  }

  /**
   * Stores a user's new picture after checking it by content: PNG, JPEG or WebP, at most 1 MiB;
   * anything else is `error-avatar-invalid-content-type` and keeps the old picture.
   */
  set(userId: string, bytes: Buffer): void {
    const kind = detectFileKind(bytes);
    if (!kind || !AVATAR_TYPES.has(kind.type) || bytes.length > AVATAR_MAX_BYTES) {
      throw meteorError('error-avatar-invalid-content-type', 'Invalid avatar content type');
    }
    const etag = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
    this.upsertRow.run({userId, type: kind.type, data: bytes, etag, now: Date.now()});
  }

  /** Removes a user's picture (back to initials); false when there was none. */
  remove(userId: string): boolean {
    return this.deleteRow.run(userId).changes === 1;
  }
}
