import {randomBytes, scrypt, scryptSync, timingSafeEqual} from 'node:crypto';
import {promisify} from 'node:util';
import type {Db} from '../db.js';
import {hashToken, randomId, randomToken} from '../ids.js';
import type {AgentInfo, AgentRecord, AgentStatus} from './types.js';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;

const KEY_LENGTH = 64;
/** Rocket.Chat's default login token lifetime (`Accounts_LoginExpiration`): 90 days. */
export const SESSION_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

interface UserRow {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  livechat_status: AgentStatus;
  admin: number;
  removed: number;
}

/** An agent account the server creates or updates at start. */
export interface AgentAccount {
  username: string;
  password: string;
  name?: string;
  /**
   * Availability set at each start, so that a configured server takes chats before anyone has
   * opened the console. Default: true.
   */
  available?: boolean;
}

/** Which agents may take a chat: a department's agents, a preferred one, a chat limit. */
export interface AgentFilter {
  /** Only this agent (`GET livechat/room?agentId=`). */
  preferredId?: string;
  /** Only these usernames (a department's agents); undefined: everyone. */
  usernames?: readonly string[];
  /** Skip agents with this many open chats or more; 0: no limit. */
  maxChats?: number;
  /** Never this agent (a transfer away from them). */
  excludeId?: string;
}

/** A login: the plain token goes to the client once; only its hash is stored. */
export interface AgentSession {
  userId: string;
  authToken: string;
  expiresAt: number;
}

function encodeHash(salt: Buffer, key: Buffer): string {
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

const toRecord = (row: UserRow): AgentRecord => ({
  id: row.id,
  username: row.username,
  name: row.name,
  livechatStatus: row.livechat_status,
  isAdmin: row.admin === 1,
});

/** A new salted scrypt hash of a password, as the users table keeps it. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return encodeHash(salt, scryptSync(password, salt, KEY_LENGTH));
}

/** Agents (Rocket.Chat users with the livechat-agent role), their passwords and sessions. */
export class AgentStore {
  private readonly byId;
  private readonly byUsername;
  private readonly insertUser;
  private readonly updateUser;
  private readonly setStatusRow;
  private readonly insertSession;
  private readonly sessionUser;
  private readonly deleteSession;
  private readonly nextAvailable;
  private readonly anyAvailable;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.insertUser = db.prepare(
      `INSERT INTO users (id, username, name, password_hash, livechat_status, created_at,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateUser = db.prepare(
      `UPDATE users SET name = ?, password_hash = ?, livechat_status = ?, updated_at = ?,
         removed = 0 WHERE id = ?`,
    );
    this.setStatusRow = db.prepare(
      'UPDATE users SET livechat_status = ?, updated_at = ? WHERE id = ?',
    );
    this.insertSession = db.prepare(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.sessionUser = db.prepare<
      [{hash: string; userId: string; now: number}],
      UserRow & {expires_at: number}
    >(
      `SELECT users.*, sessions.expires_at FROM sessions JOIN users ON users.id = sessions.user_id
       WHERE sessions.token_hash = @hash AND (@userId = '' OR users.id = @userId)
         AND sessions.expires_at > @now`,
    );
    this.deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    // Auto-selection: the available agent with the fewest open chats, then the one who waited
    // longest since their last chat.
    this.nextAvailable = db.prepare<[Record<string, unknown>], UserRow>(
      `SELECT * FROM (SELECT users.*,
         (SELECT COUNT(*) FROM rooms WHERE served_by = users.id AND open = 1) AS open_chats,
         (SELECT COALESCE(MAX(served_at), 0) FROM rooms WHERE served_by = users.id) AS last_chat
       FROM users WHERE livechat_status = 'available' AND (@preferred = '' OR id = @preferred)
         AND id <> @exclude
         AND (@usernames IS NULL OR username IN (SELECT value FROM json_each(@usernames))))
       WHERE @max = 0 OR open_chats < @max
       ORDER BY open_chats, last_chat, username LIMIT 1`,
    );
    this.anyAvailable = db.prepare<[{usernames: string | null}], {n: number}>(
      `SELECT COUNT(*) AS n FROM users WHERE livechat_status = 'available'
         AND (@usernames IS NULL OR username IN (SELECT value FROM json_each(@usernames)))`,
    );
  }

  /** Creates each account, or updates its password and name; run once at start. */
  ensureAccounts(accounts: readonly AgentAccount[]): void {
    const now = Date.now();
    for (const account of accounts) {
      const hash = hashPassword(account.password);
      const existing = this.byUsername.get(account.username);
      const name = account.name ?? existing?.name ?? account.username;
      const status: AgentStatus = account.available === false ? 'not-available' : 'available';
      if (existing) {
        this.updateUser.run(name, hash, status, now, existing.id);
      } else {
        this.insertUser.run(randomId(), account.username, name, hash, status, now, now);
      }
    }
  }

  /** The agents of a transfer dialog: every other agent who takes chats now. */
  availableAgents(): AgentRecord[] {
    return this.db
      .prepare<[], UserRow>(
        `SELECT * FROM users WHERE livechat_status = 'available' AND removed = 0
       ORDER BY name, username`,
      )
      .all()
      .map(toRecord);
  }

  /** The agent with this id, or `null`. */
  findById(id: string): AgentRecord | null {
    const row = this.byId.get(id);
    return row ? toRecord(row) : null;
  }

  /** Checks a username (or user id) and password; `null` when they do not match. */
  async verifyPassword(user: string, password: string): Promise<AgentRecord | null> {
    const row = this.byUsername.get(user) ?? this.byId.get(user);
    const [scheme, salt, key] = (row?.password_hash ?? 'scrypt$$').split('$');
    // Hash even for an unknown user so that timing does not reveal which usernames exist.
    const saltBytes = Buffer.from(salt || 'unknown-user', 'base64');
    const derived = await scryptAsync(password, saltBytes, KEY_LENGTH);
    const expected = Buffer.from(key ?? '', 'base64');
    if (!row || scheme !== 'scrypt' || expected.length !== derived.length) return null;
    return timingSafeEqual(derived, expected) ? toRecord(row) : null;
  }

  /** Starts a session for the agent and returns its (only) plain copy of the token. */
  createSession(userId: string): AgentSession {
    const authToken = randomToken();
    const now = Date.now();
    const expiresAt = now + SESSION_LIFETIME_MS;
    this.insertSession.run(hashToken(authToken), userId, now, expiresAt);
    return {userId, authToken, expiresAt};
  }

  /** The agent and expiry of a live session; `userId` (when given) must match it. */
  resolveSession(authToken: string, userId = ''): {agent: AgentRecord; expiresAt: number} | null {
    const row = this.sessionUser.get({hash: hashToken(authToken), userId, now: Date.now()});
    return row ? {agent: toRecord(row), expiresAt: row.expires_at} : null;
  }

  /** Ends a session. */
  endSession(authToken: string): void {
    this.deleteSession.run(hashToken(authToken));
  }

  /** Sets availability; returns whether it changed. */
  setStatus(userId: string, status: AgentStatus): boolean {
    const before = this.byId.get(userId);
    if (!before) return false;
    this.setStatusRow.run(status, Date.now(), userId);
    return before.livechat_status !== status;
  }

  /** The agent a new chat goes to, or `null` when nobody matching the filter is free. */
  pickAgent(filter: AgentFilter = {}): AgentRecord | null {
    const row = this.nextAvailable.get({
      preferred: filter.preferredId ?? '',
      exclude: filter.excludeId ?? '',
      usernames: listParam(filter.usernames),
      max: filter.maxChats ?? 0,
    });
    return row ? toRecord(row) : null;
  }

  /** True iff some agent (of these usernames) is available: what `config.online` reports. */
  isOnline(usernames?: readonly string[]): boolean {
    return this.anyAvailable.get({usernames: listParam(usernames)})!.n > 0;
  }

  /** The public card of an agent (`agent.info`, `agentData`). */
  info(agent: AgentRecord): AgentInfo {
    return {
      _id: agent.id,
      username: agent.username,
      name: agent.name,
      status: agent.livechatStatus === 'available' ? 'online' : 'away',
    };
  }
}

function listParam(usernames: readonly string[] | undefined): string | null {
  return usernames && usernames.length > 0 ? JSON.stringify(usernames) : null;
}
