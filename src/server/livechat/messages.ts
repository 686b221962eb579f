import type {Db} from '../db.js';
import {parseJsonColumn} from '../db.js';
import type {MessageDoc, UserRef} from './types.js';

interface MessageRow {
  id: string;
  rid: string;
  seq: number;
  ts: number;
  updated_at: number;
  t: string | null;
  msg: string;
  u_id: string;
  u_username: string;
  u_name: string | null;
  token: string | null;
  alias: string | null;
  data: string;
}

/** A message to store; the store stamps `ts`, `_updatedAt` and the room sequence number. */
export interface NewMessage {
  _id: string;
  rid: string;
  msg: string;
  u: UserRef;
  t?: string;
  token?: string;
  alias?: string;
  /** Extra Rocket.Chat fields kept as they are (`groupable`, `transcriptRequested`, …). */
  extra?: Record<string, unknown>;
}

/** Paging of `messages.history`: ISO bounds are exclusive. */
export interface HistoryQuery {
  after?: number;
  before?: number;
  limit: number;
  offset: number;
  oldestFirst?: boolean;
}

function toDoc(row: MessageRow): MessageDoc {
  const u: UserRef = {_id: row.u_id, username: row.u_username};
  if (row.u_name) u.name = row.u_name;
  const data = parseJsonColumn(row.data);
  // JSON keeps dates as numbers; EJSON must see a Date to write {$date}.
  if (typeof data.editedAt === 'number') data.editedAt = new Date(data.editedAt);
  const transfer = data.transferData as {ts?: unknown} | undefined;
  if (typeof transfer?.ts === 'string') transfer.ts = new Date(transfer.ts);
  return {
    ...data,
    _id: row.id,
    rid: row.rid,
    msg: row.msg,
    ts: new Date(row.ts),
    u,
    _updatedAt: new Date(row.updated_at),
    ...(row.t ? {t: row.t} : {}),
    ...(row.token ? {token: row.token} : {}),
    ...(row.alias ? {alias: row.alias} : {}),
  };
}

/** Messages, ordered inside a room by a gap-free sequence number the server assigns. */
export class MessageStore {
  private readonly byId;
  private readonly idTaken;
  private readonly bump;
  private readonly insertRow;
  private readonly newestFirst;
  private readonly oldestFirst;
  private readonly editRow;
  private readonly deleteRow;
  private readonly deleteInRoom;
  private readonly countRange;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
    this.idTaken = db.prepare<[string], {taken: number}>(
      'SELECT 1 AS taken FROM messages WHERE id = ?',
    );
    // ts strictly grows inside a room (1 ms past the last one if the clock is not ahead), so
    // ordering by ts and by seq agree and `ls=<ts of my last message>` skips nothing.
    this.bump = db.prepare<
      [{rid: string; now: number; id: string; counts: number}],
      {
        seq: number;
        ts: number;
      }
    >(
      `UPDATE rooms SET last_seq = last_seq + 1, msgs = msgs + @counts, last_message_id = @id,
         lm = MAX(@now, COALESCE(lm, 0) + 1), updated_at = @now
       WHERE id = @rid RETURNING last_seq AS seq, lm AS ts`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO messages (id, rid, seq, ts, updated_at, t, msg, u_id, u_username, u_name,
         token, alias, data)
       VALUES (@id, @rid, @seq, @ts, @updated_at, @t, @msg, @u_id, @u_username, @u_name, @token,
         @alias, @data)`,
    );
    // Ordered by ts (the same order as seq, see above) so that the (rid, ts) index serves the
    // page; `ORDER BY seq` sorted every message of the range, a whole history per page.
    const page = `SELECT * FROM messages WHERE rid = @rid AND ts > @after AND ts < @before`;
    this.newestFirst = db.prepare<[Record<string, unknown>], MessageRow>(
      `${page} ORDER BY ts DESC LIMIT @limit OFFSET @offset`,
    );
    this.oldestFirst = db.prepare<[Record<string, unknown>], MessageRow>(
      `${page} ORDER BY ts ASC LIMIT @limit OFFSET @offset`,
    );
    this.editRow = db.prepare(
      'UPDATE messages SET msg = @msg, data = @data, updated_at = @now WHERE id = @id',
    );
    this.deleteRow = db.prepare('DELETE FROM messages WHERE id = ?');
    this.deleteInRoom = db.prepare('DELETE FROM messages WHERE rid = ?');
    this.countRange = db.prepare<[Record<string, unknown>], {n: number}>(
      'SELECT COUNT(*) AS n FROM messages WHERE rid = @rid AND ts > @after AND ts < @before',
    );
  }

  /** Replaces a message's text and records who edited it and when (`editedAt`, `editedBy`). */
  edit(id: string, msg: string, editedBy: UserRef): MessageDoc | null {
    const row = this.byId.get(id);
    if (!row) return null;
    const now = Date.now();
    const data = {...parseJsonColumn(row.data), editedAt: now, editedBy};
    this.editRow.run({id, msg, data: JSON.stringify(data), now});
    return toDoc(this.byId.get(id)!);
  }

  /** Deletes one message. */
  delete(id: string): void {
    this.deleteRow.run(id);
  }

  /** Deletes every message of a room (visitor removal). */
  deleteRoom(rid: string): void {
    this.deleteInRoom.run(rid);
  }

  /** How many messages lie strictly between two times. */
  countBetween(rid: string, after: number, before: number): number {
    return this.countRange.get({rid, after, before})!.n;
  }

  /**
   * Stores a message, or returns `null` when its `_id` is already taken (Rocket.Chat's
   * `sendMessage` returns nothing then). Call inside a transaction with the room update.
   */
  insert(message: NewMessage): MessageDoc | null {
    if (this.idTaken.get(message._id)) return null;
    const counts = message.t ? 0 : 1;
    const stamp = this.bump.get({rid: message.rid, now: Date.now(), id: message._id, counts});
    if (!stamp) throw new Error(`room ${message.rid} does not exist`);
    const row: MessageRow = {
      id: message._id,
      rid: message.rid,
      seq: stamp.seq,
      ts: stamp.ts,
      updated_at: stamp.ts,
      t: message.t ?? null,
      msg: message.msg,
      u_id: message.u._id,
      u_username: message.u.username,
      u_name: message.u.name ?? null,
      token: message.token ?? null,
      alias: message.alias ?? null,
      data: JSON.stringify(message.extra ?? {}),
    };
    this.insertRow.run(row);
    // The row as written: reading it back would return the same values.
    return toDoc(row);
  }

  /** Inserts in its own transaction. */
  insertOne(message: NewMessage): MessageDoc | null {
    return this.db.transaction(() => this.insert(message))();
  }

  /** The message with this id, or `null`. */
  findById(id: string): MessageDoc | null {
    const row = this.byId.get(id);
    return row ? toDoc(row) : null;
  }

  /** The message with this id if it belongs to `rid`, else `null`. */
  findInRoom(id: string, rid: string): MessageDoc | null {
    const row = this.byId.get(id);
    return row && row.rid === rid ? toDoc(row) : null;
  }

  /** A page of a room's messages, newest first unless `oldestFirst`. */
  page(rid: string, query: HistoryQuery): MessageDoc[] {
    const params = {
      rid,
      after: query.after ?? -1,
      before: query.before ?? Number.MAX_SAFE_INTEGER,
      limit: query.limit,
      offset: query.offset,
    };
    const statement = query.oldestFirst ? this.oldestFirst : this.newestFirst;
    return statement.all(params).map(toDoc);
  }
}
