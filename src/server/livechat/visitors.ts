import type {Db} from '../db.js';
import {parseJsonColumn} from '../db.js';
import {randomId} from '../ids.js';
import {isWellFormed} from './text.js';
import type {VisitorDoc} from './types.js';

interface VisitorRow {
  id: string;
  token: string;
  username: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  department: string | null;
  status: string;
  data: string;
  created_at: number;
  updated_at: number;
}

/** A custom field value as `POST livechat/visitor` carries it. */
export interface CustomFieldInput {
  key: string;
  value: string;
  overwrite?: boolean;
}

/** The fields `POST livechat/visitor` may set. */
export interface VisitorInput {
  token: string;
  name?: string;
  email?: string;
  phone?: string;
  department?: string;
  username?: string;
  customFields?: CustomFieldInput[];
  /** The browser's language and IANA time zone, as this project's widget reports them. */
  language?: string;
  timezone?: string;
}

function toDoc(row: VisitorRow): VisitorDoc {
  const data = parseJsonColumn(row.data);
  const livechatData = data.livechatData as Record<string, string> | undefined;
  return {
    _id: row.id,
    token: row.token,
    username: row.username,
    ...(row.name ? {name: row.name} : {}),
    ...(row.email ? {visitorEmails: [{address: row.email}]} : {}),
    ...(row.phone ? {phone: [{phoneNumber: row.phone}]} : {}),
    ...(row.department ? {department: row.department} : {}),
    status: row.status,
    ...(livechatData && Object.keys(livechatData).length > 0 ? {livechatData} : {}),
    ts: new Date(row.created_at),
    _updatedAt: new Date(row.updated_at),
  };
}

/** Visitors (Rocket.Chat's `livechat_visitor` collection), keyed by their token. */
export class VisitorStore {
  private readonly byToken;
  private readonly byId;
  private readonly usernameTaken;
  private readonly insertRow;
  private readonly updateRow;
  private readonly updateStatus;
  private readonly nextGuestNumber;
  private readonly writeData;
  private readonly departmentRow;
  private readonly deleteRow;

  constructor(private readonly db: Db) {
    this.byToken = db.prepare<[string], VisitorRow>('SELECT * FROM visitors WHERE token = ?');
    this.byId = db.prepare<[string], VisitorRow>('SELECT * FROM visitors WHERE id = ?');
    this.usernameTaken = db.prepare<[string], {id: string}>(
      'SELECT id FROM visitors WHERE username = ?',
    );
    this.insertRow = db.prepare(
      `INSERT INTO visitors (id, token, username, name, email, phone, department, data,
         created_at, updated_at)
       VALUES (@id, @token, @username, @name, @email, @phone, @department, @data, @now, @now)`,
    );
    this.updateRow = db.prepare(
      `UPDATE visitors SET name = @name, email = @email, phone = @phone, department = @department,
         data = @data, updated_at = @now WHERE id = @id`,
    );
    this.updateStatus = db.prepare('UPDATE visitors SET status = ? WHERE token = ?');
    this.nextGuestNumber = db.prepare<[], {value: string}>(
      `INSERT INTO meta (key, value) VALUES ('guest_counter', '1')
       ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value`,
    );
    this.writeData = db.prepare('UPDATE visitors SET data = ?, updated_at = ? WHERE id = ?');
    this.departmentRow = db.prepare(
      'UPDATE visitors SET department = ?, updated_at = ? WHERE token = ?',
    );
    this.deleteRow = db.prepare('DELETE FROM visitors WHERE id = ?');
  }

  /** The visitor owning this token, or `null`. */
  findByToken(token: string): VisitorDoc | null {
    // SQLite would match a lone surrogate against a stored U+FFFD.
    const row = isWellFormed(token) ? this.byToken.get(token) : undefined;
    return row ? toDoc(row) : null;
  }

  /** The visitor with this id, or `null`. */
  findById(id: string): VisitorDoc | null {
    const row = this.byId.get(id);
    return row ? toDoc(row) : null;
  }

  /**
   * Creates the visitor for `input.token`, or updates the fields given. Custom fields are kept
   * only for the keys in `allowedKeys` (the server's visitor-scoped custom fields).
   */
  upsert(input: VisitorInput, allowedKeys: ReadonlySet<string>): VisitorDoc {
    return this.db.transaction(() => {
      const now = Date.now();
      const existing = this.byToken.get(input.token);
      const data = parseJsonColumn(existing?.data);
      data.livechatData = mergeCustomFields(
        (data.livechatData as Record<string, string> | undefined) ?? {},
        input.customFields ?? [],
        allowedKeys,
      );
      if (input.language) data.language = input.language;
      if (input.timezone) data.timezone = input.timezone;
      const fields = {
        name: input.name ?? existing?.name ?? null,
        email: input.email ?? existing?.email ?? null,
        phone: input.phone ?? existing?.phone ?? null,
        department: input.department ?? existing?.department ?? null,
        data: JSON.stringify(data),
        now,
      };
      if (existing) {
        this.updateRow.run({...fields, id: existing.id});
        return toDoc(this.byId.get(existing.id)!);
      }
      const id = randomId();
      const username =
        input.username && !this.usernameTaken.get(input.username)
          ? input.username
          : `guest-${this.nextGuestNumber.get()!.value}`;
      this.insertRow.run({...fields, id, token: input.token, username});
      return toDoc(this.byId.get(id)!);
    })();
  }

  /**
   * Sets one visitor-scoped custom field (`livechatData`); with `overwrite` false an existing
   * value stays. False when the token is unknown.
   */
  setCustomField(token: string, key: string, value: string, overwrite: boolean): boolean {
    return this.db.transaction(() => {
      const row = this.byToken.get(token);
      if (!row) return false;
      const data = parseJsonColumn(row.data);
      const current = (data.livechatData as Record<string, string> | undefined) ?? {};
      data.livechatData = mergeCustomFields(current, [{key, value, overwrite}], new Set([key]));
      this.writeData.run(JSON.stringify(data), Date.now(), row.id);
      return true;
    })();
  }

  /** The browser's language and time zone the widget reported, where it did. */
  locale(id: string): {language?: string; timezone?: string} {
    const data = parseJsonColumn(this.byId.get(id)?.data);
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    return {language: text(data.language), timezone: text(data.timezone)};
  }

  /** Records the visitor's department (a switch by the visitor). */
  setDepartment(token: string, department: string): void {
    this.departmentRow.run(department, Date.now(), token);
  }

  /** Deletes the visitor row (rooms and messages must be gone first). */
  delete(id: string): void {
    this.deleteRow.run(id);
  }

  /** Marks every visitor counted online as gone (at start, before any socket is bound). */
  markOnlineOffline(): void {
    this.db.prepare("UPDATE visitors SET status = 'offline' WHERE status = 'online'").run();
  }

  /** Records presence (`online`/`offline`/`away`) as `livechat:setUpConnection` reports it. */
  setStatus(token: string, status: string): void {
    this.updateStatus.run(status, token);
  }
}

function mergeCustomFields(
  current: Record<string, string>,
  input: CustomFieldInput[],
  allowedKeys: ReadonlySet<string>,
): Record<string, string> {
  const merged = {...current};
  for (const {key, value, overwrite = true} of input) {
    if (!allowedKeys.has(key)) continue;
    if (!overwrite && merged[key] !== undefined) continue;
    merged[key] = value;
  }
  return merged;
}
