import type {Db} from '../db.js';
import {randomId} from '../ids.js';

/** A message left through the offline form, as the agent console lists it. */
export interface OfflineMessageDoc {
  _id: string;
  name: string;
  email: string;
  message: string;
  department?: string;
  host?: string;
  ts: Date;
  /** When an agent marked it read; absent while unread. */
  readAt?: Date;
}

/** What `POST livechat/offline.message` stores. */
export interface OfflineMessageInput {
  name: string;
  email: string;
  message: string;
  department?: string;
  host?: string;
}

interface OfflineRow {
  id: string;
  name: string;
  email: string;
  message: string;
  department: string | null;
  host: string | null;
  created_at: number;
  read_at: number | null;
}

const toOffline = (row: OfflineRow): OfflineMessageDoc => ({
  _id: row.id,
  name: row.name,
  email: row.email,
  message: row.message,
  ...(row.department ? {department: row.department} : {}),
  ...(row.host ? {host: row.host} : {}),
  ts: new Date(row.created_at),
  ...(row.read_at !== null ? {readAt: new Date(row.read_at)} : {}),
});

/** Offline-form messages (Rocket.Chat mails them; the reference server keeps them). */
export class OfflineMessageStore {
  private readonly insertRow;
  private readonly list;
  private readonly counts;
  private readonly markRow;

  constructor(db: Db) {
    this.insertRow = db.prepare(
      `INSERT INTO offline_messages (id, name, email, message, department, host, created_at)
       VALUES (@id, @name, @email, @message, @department, @host, @now)`,
    );
    this.list = db.prepare<[Record<string, unknown>], OfflineRow>(
      `SELECT * FROM offline_messages WHERE (@unread = 0 OR read_at IS NULL)
       ORDER BY created_at DESC, rowid DESC LIMIT @count OFFSET @offset`,
    );
    this.counts = db.prepare<[], {total: number; unread: number}>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(read_at IS NULL), 0) AS unread
       FROM offline_messages`,
    );
    this.markRow = db.prepare(
      'UPDATE offline_messages SET read_at = @readAt, read_by = @readBy WHERE id = @id',
    );
  }

  /** Stores a message and returns it. */
  insert(input: OfflineMessageInput): OfflineMessageDoc {
    const now = Date.now();
    const id = randomId();
    this.insertRow.run({
      id,
      now,
      name: input.name,
      email: input.email,
      message: input.message,
      department: input.department ?? null,
      host: input.host ?? null,
    });
    return toOffline({
      id,
      name: input.name,
      email: input.email,
      message: input.message,
      department: input.department ?? null,
      host: input.host ?? null,
      created_at: now,
      read_at: null,
    });
  }

  /** A page, newest first, with the totals. */
  page(offset: number, count: number, unreadOnly: boolean) {
    const messages = this.list.all({offset, count, unread: unreadOnly ? 1 : 0}).map(toOffline);
    return {messages, ...this.counts.get()!};
  }

  /** Marks a message read (by an agent) or unread again; false when the id is unknown. */
  mark(id: string, read: boolean, agentId: string): boolean {
    const readAt = read ? Date.now() : null;
    return this.markRow.run({id, readAt, readBy: read ? agentId : null}).changes === 1;
  }
}

/** A transcript the visitor asked for, as the agent console lists it. */
export interface TranscriptRequestDoc {
  _id: string;
  rid: string;
  email: string;
  subject: string;
  requestedAt: Date;
  /** Set once the mail was delivered (SMTP accepted it, or it was written to `<data>/mail`). */
  sentAt?: Date;
}

interface TranscriptRow {
  id: string;
  rid: string;
  email: string;
  subject: string;
  requested_at: number;
  sent_at: number | null;
}

const toTranscript = (row: TranscriptRow): TranscriptRequestDoc => ({
  _id: row.id,
  rid: row.rid,
  email: row.email,
  subject: row.subject,
  requestedAt: new Date(row.requested_at),
  ...(row.sent_at !== null ? {sentAt: new Date(row.sent_at)} : {}),
});

/** Transcript requests (`POST livechat/transcript`), kept per room. */
export class TranscriptStore {
  private readonly insertRow;
  private readonly byRoom;
  private readonly deleteByRoom;
  private readonly markSentRow;

  constructor(db: Db) {
    this.insertRow = db.prepare(
      `INSERT INTO transcript_requests (id, rid, email, subject, requested_by, requested_at)
       VALUES (@id, @rid, @email, @subject, @requestedBy, @now)`,
    );
    this.byRoom = db.prepare<[string], TranscriptRow>(
      'SELECT * FROM transcript_requests WHERE rid = ? ORDER BY requested_at, rowid',
    );
    this.deleteByRoom = db.prepare('DELETE FROM transcript_requests WHERE rid = ?');
    this.markSentRow = db.prepare<[number, string], {rid: string}>(
      'UPDATE transcript_requests SET sent_at = ? WHERE id = ? RETURNING rid',
    );
  }

  /** Records a request; returns its id. */
  insert(rid: string, email: string, subject: string, requestedBy: string): string {
    const id = randomId();
    this.insertRow.run({id, rid, email, subject, requestedBy, now: Date.now()});
    return id;
  }

  /** The transcript's mail was delivered; answers the request's room. */
  markSent(id: string): string | undefined {
    return this.markSentRow.get(Date.now(), id)?.rid;
  }

  /** Every request of a room, oldest first. */
  forRoom(rid: string): TranscriptRequestDoc[] {
    return this.byRoom.all(rid).map(toTranscript);
  }

  /** Forgets a room's requests (visitor removal). */
  deleteRoom(rid: string): void {
    this.deleteByRoom.run(rid);
  }
}

interface PageViewRow {
  id: number;
  title: string;
  href: string;
  created_at: number;
}

/** One page a visitor opened, as the agent console lists it. */
export interface PageView {
  _id: string;
  title: string;
  href: string;
  ts: Date;
}

/**
 * Pages kept per visitor: what the console's visitor panel lists. Older ones were kept for good
 * and read by nothing, while one token may report 30 pages a minute within the rate limits.
 */
export const PAGE_VIEWS_KEPT = 50;

/** Pages a visitor reported (`POST livechat/page.visited`), the newest `PAGE_VIEWS_KEPT`. */
export class PageViewStore {
  private readonly insertRow;
  private readonly trimRows;
  private readonly deleteByToken;
  private readonly byToken;

  constructor(private readonly db: Db) {
    this.byToken = db.prepare<[string, number], PageViewRow>(
      `SELECT id, title, href, created_at FROM page_views WHERE token = ?
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO page_views (token, rid, title, href, created_at)
       VALUES (@token, @rid, @title, @href, @now)`,
    );
    this.trimRows = db.prepare<[string]>(
      `DELETE FROM page_views WHERE id IN (SELECT id FROM page_views WHERE token = ?
         ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ${PAGE_VIEWS_KEPT})`,
    );
    this.deleteByToken = db.prepare('DELETE FROM page_views WHERE token = ?');
  }

  /** Records one page view, forgetting the visitor's pages older than the newest kept. */
  insert(token: string, rid: string | undefined, title: string, href: string): void {
    this.db.transaction(() => {
      this.insertRow.run({token, rid: rid ?? null, title, href, now: Date.now()});
      this.trimRows.run(token);
    })();
  }

  /** The visitor's latest `limit` pages, newest first. */
  forToken(token: string, limit: number): PageView[] {
    return this.byToken.all(token, limit).map((row) => ({
      _id: String(row.id),
      title: row.title,
      href: row.href,
      ts: new Date(row.created_at),
    }));
  }

  /** Forgets a visitor's navigation (visitor removal). */
  deleteToken(token: string): void {
    this.deleteByToken.run(token);
  }
}
