import type {Db} from '../db.js';
import {hashToken, randomId} from '../ids.js';
import {hashPassword} from './agents.js';
import type {AgentStatus} from './types.js';

/** One account as `agent list` prints it. */
export interface AgentListing {
  username: string;
  name: string;
  isAdmin: boolean;
  status: AgentStatus;
}

/** A stored hash no password matches: a removed agent cannot log in. */
const NO_LOGIN = '!';

interface AccountRow {
  id: string;
  username: string;
  name: string;
  livechat_status: AgentStatus;
  admin: number;
  removed: number;
}

/**
 * The accounts as the `agent` sub-commands manage them, straight in the data folder's database
 * (a running server on the same file sees each change at its next request).
 */
export class AgentAccounts {
  constructor(private readonly db: Db) {}

  private byUsername(username: string): AccountRow | undefined {
    return this.db
      .prepare<[string], AccountRow>('SELECT * FROM users WHERE username = ?')
      .get(username);
  }

  /**
   * `agent add`: a new account, or a removed one brought back; false when the username is taken
   * by an account that was not removed.
   */
  add(username: string, password: string, options: {name?: string; admin?: boolean} = {}): boolean {
    const now = Date.now();
    const existing = this.byUsername(username);
    if (existing && existing.removed === 0) return false;
    const name = options.name ?? existing?.name ?? username;
    const admin = options.admin ? 1 : 0;
    if (existing) {
      this.db
        .prepare(
          `UPDATE users SET name = ?, password_hash = ?, admin = ?, removed = 0,
           livechat_status = 'not-available', updated_at = ? WHERE id = ?`,
        )
        .run(name, hashPassword(password), admin, now, existing.id);
    } else {
      this.db
        .prepare(
          `INSERT INTO users (id, username, name, password_hash, livechat_status, admin,
           created_at, updated_at) VALUES (?, ?, ?, ?, 'not-available', ?, ?, ?)`,
        )
        .run(randomId(), username, name, hashPassword(password), admin, now, now);
    }
    return true;
  }

  /** `agent list`: every account not removed, by username. */
  list(): AgentListing[] {
    return this.db
      .prepare<[], AccountRow>('SELECT * FROM users WHERE removed = 0 ORDER BY username')
      .all()
      .map((row) => ({
        username: row.username,
        name: row.name,
        isAdmin: row.admin === 1,
        status: row.livechat_status,
      }));
  }

  /**
   * `agent passwd`: a new password, which also ends every session but the one of `keepToken`
   * (an admin setting their own keeps the console they set it from); false for an unknown name.
   */
  setPassword(username: string, password: string, keepToken = ''): boolean {
    const row = this.byUsername(username);
    if (!row || row.removed === 1) return false;
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?')
        .run(hashPassword(password), Date.now(), row.id);
      this.db
        .prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?')
        .run(row.id, keepToken ? hashToken(keepToken) : '');
    })();
    return true;
  }

  /**
   * `agent remove`: the account can no longer log in or take chats and its sessions end. An
   * agent with past chats stays as a name on them (History); one without any is deleted.
   * `unknown` for a name never added, `busy` while they still serve open chats.
   */
  remove(username: string): 'removed' | 'unknown' | 'busy' {
    const row = this.byUsername(username);
    if (!row || row.removed === 1) return 'unknown';
    return this.db.transaction(() => {
      const rooms = this.db
        .prepare<[{id: string}], {open: number; all: number}>(
          `SELECT COALESCE(SUM(open), 0) AS open, COUNT(*) AS "all" FROM rooms
         WHERE served_by = @id OR closed_by = @id`,
        )
        .get({id: row.id});
      if ((rooms?.open ?? 0) > 0) return 'busy' as const;
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(row.id);
      if ((rooms?.all ?? 0) === 0) {
        this.db.prepare('DELETE FROM users WHERE id = ?').run(row.id);
      } else {
        this.db
          .prepare(
            `UPDATE users SET password_hash = ?, livechat_status = 'not-available', removed = 1,
             updated_at = ? WHERE id = ?`,
          )
          .run(NO_LOGIN, Date.now(), row.id);
      }
      return 'removed' as const;
    })();
  }
}
