import type {Db} from '../db.js';
import {randomId} from '../ids.js';

/** What agents wrote about a visitor, with who saved it last and when. */
export interface VisitorNote {
  text: string;
  updatedBy?: string;
  updatedAt?: Date;
}

/** Notes per visitor; every agent who serves the visitor reads and edits the same text. */
export class VisitorNoteStore {
  private readonly one;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.one = db.prepare<[string], {text: string; updated_by: string; updated_at: number}>(
      'SELECT text, updated_by, updated_at FROM visitor_notes WHERE visitor_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO visitor_notes (visitor_id, text, updated_by, updated_at)
       VALUES (@visitorId, @text, @by, @now)
       ON CONFLICT (visitor_id) DO UPDATE SET text = @text, updated_by = @by, updated_at = @now`,
    );
    this.remove = db.prepare('DELETE FROM visitor_notes WHERE visitor_id = ?');
  }

  /** The visitor's note; empty text when nobody wrote one. */
  get(visitorId: string): VisitorNote {
    const row = this.one.get(visitorId);
    if (!row) return {text: ''};
    return {text: row.text, updatedBy: row.updated_by, updatedAt: new Date(row.updated_at)};
  }

  /** Replaces the note; an empty text removes it. */
  set(visitorId: string, text: string, by: string): VisitorNote {
    if (text.trim() === '') {
      this.remove.run(visitorId);
      return {text: ''};
    }
    this.upsert.run({visitorId, text, by, now: Date.now()});
    return this.get(visitorId);
  }
}

/** One saved reply, in the shape of Rocket.Chat's `GET canned-responses`. */
export interface CannedResponse {
  _id: string;
  shortcut: string;
  text: string;
  scope: 'user';
  userId: string;
  _createdAt: Date;
  _updatedAt: Date;
}

interface CannedRow {
  id: string;
  user_id: string;
  shortcut: string;
  text: string;
  created_at: number;
  updated_at: number;
}

const toCanned = (row: CannedRow): CannedResponse => ({
  _id: row.id,
  shortcut: row.shortcut,
  text: row.text,
  scope: 'user',
  userId: row.user_id,
  _createdAt: new Date(row.created_at),
  _updatedAt: new Date(row.updated_at),
});

/** Each agent's own saved replies; no agent reads or changes another's. */
export class CannedResponseStore {
  private readonly mine;
  private readonly byShortcut;
  private readonly insertRow;
  private readonly updateRow;
  private readonly deleteRow;

  constructor(db: Db) {
    this.mine = db.prepare<[string], CannedRow>(
      'SELECT * FROM canned_responses WHERE user_id = ? ORDER BY shortcut',
    );
    this.byShortcut = db.prepare<[string, string], CannedRow>(
      'SELECT * FROM canned_responses WHERE user_id = ? AND shortcut = ?',
    );
    this.insertRow = db.prepare(
      `INSERT INTO canned_responses (id, user_id, shortcut, text, created_at, updated_at)
       VALUES (@id, @userId, @shortcut, @text, @now, @now)`,
    );
    this.updateRow = db.prepare(
      `UPDATE canned_responses SET shortcut = @shortcut, text = @text, updated_at = @now
       WHERE id = @id AND user_id = @userId`,
    );
    this.deleteRow = db.prepare('DELETE FROM canned_responses WHERE id = ? AND user_id = ?');
  }

  /** The agent's replies, by shortcut. */
  list(userId: string): CannedResponse[] {
    return this.mine.all(userId).map(toCanned);
  }

  /**
   * Adds a reply, or changes the agent's reply `id`. `'taken'` when another of their replies
   * has the shortcut, `'missing'` when `id` is not one of theirs.
   */
  save(
    userId: string,
    input: {id?: string; shortcut: string; text: string},
  ): CannedResponse | 'taken' | 'missing' {
    const clash = this.byShortcut.get(userId, input.shortcut);
    if (clash && clash.id !== input.id) return 'taken';
    const now = Date.now();
    if (input.id) {
      const changed = this.updateRow.run({...input, userId, now}).changes;
      if (changed === 0) return 'missing';
    } else {
      this.insertRow.run({...input, id: randomId(), userId, now});
    }
    return toCanned(this.byShortcut.get(userId, input.shortcut)!);
  }

  /** Deletes one of the agent's replies; false when it is not theirs or not there. */
  delete(userId: string, id: string): boolean {
    return this.deleteRow.run(id, userId).changes > 0;
  }
}
