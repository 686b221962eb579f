import type {Db} from '../db.js';
import {parseJsonColumn} from '../db.js';
import {parseTags} from './history.js';
import type {MessageStore} from './messages.js';
import type {AgentRecord, RoomDoc, VisitorDoc} from './types.js';

interface RoomRow {
  id: string;
  visitor_id: string;
  visitor_token: string;
  fname: string;
  open: number;
  served_by: string | null;
  served_at: number | null;
  department_id: string | null;
  source_type: string;
  msgs: number;
  last_message_id: string | null;
  lm: number | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  closer: string | null;
  closed_by: string | null;
  tags: string;
  data: string;
  v_username: string;
  v_status: string;
  agent_username: string | null;
  closer_username: string | null;
}

const SELECT_ROOM = `SELECT rooms.*, visitors.username AS v_username, visitors.status AS v_status,
    agent.username AS agent_username, closer.username AS closer_username
  FROM rooms JOIN visitors ON visitors.id = rooms.visitor_id
  LEFT JOIN users AS agent ON agent.id = rooms.served_by
  LEFT JOIN users AS closer ON closer.id = rooms.closed_by`;

/** What a new room needs; without an agent it waits in the queue. */
export interface NewRoom {
  id: string;
  visitor: VisitorDoc;
  agent: AgentRecord | null;
  sourceType: string;
  department?: string;
  /** The client address key it was opened from (`clientKey`), counted while it is open. */
  openedFrom?: string;
}

/** Livechat rooms (Rocket.Chat's `rocketchat_room` with `t:'l'`). */
export class RoomStore {
  private readonly byId;
  private readonly openByToken;
  private readonly insertRow;
  private readonly closeRow;
  private readonly renameOpen;
  private readonly servedBy;
  private readonly countServedBy;
  private readonly openIdsServedBy;
  private readonly assignRow;
  private readonly departmentRow;
  private readonly dataRow;
  private readonly writeData;
  private readonly idsByVisitor;
  private readonly deleteByVisitorRow;
  private readonly countOpenFromRow;

  constructor(
    private readonly db: Db,
    private readonly messages: MessageStore,
  ) {
    this.byId = db.prepare<[string], RoomRow>(`${SELECT_ROOM} WHERE rooms.id = ?`);
    this.openByToken = db.prepare<[string], RoomRow>(
      `${SELECT_ROOM} WHERE rooms.visitor_token = ? AND rooms.open = 1`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO rooms (id, visitor_id, visitor_token, fname, served_by, served_at,
         department_id, source_type, opened_from, created_at, updated_at)
       VALUES (@id, @visitorId, @token, @fname, @agentId, @now, @department, @source, @openedFrom,
         @now, @now)`,
    );
    this.closeRow = db.prepare(
      `UPDATE rooms SET open = 0, opened_from = NULL, closed_at = @now, closer = @closer, closed_by = @closedBy,
         close_comment = @comment, tags = @tags, updated_at = @now WHERE id = @id AND open = 1`,
    );
    this.renameOpen = db.prepare('UPDATE rooms SET fname = ? WHERE visitor_token = ? AND open = 1');
    const filter = `rooms.served_by = @userId AND (@open IS NULL OR rooms.open = @open)`;
    this.servedBy = db.prepare<[Record<string, unknown>], RoomRow>(
      `${SELECT_ROOM} WHERE ${filter}
       ORDER BY COALESCE(rooms.lm, rooms.created_at) DESC LIMIT @count OFFSET @offset`,
    );
    this.countServedBy = db.prepare<[Record<string, unknown>], {n: number}>(
      `SELECT COUNT(*) AS n FROM rooms WHERE ${filter}`,
    );
    this.openIdsServedBy = db.prepare<[string], {id: string}>(
      'SELECT id FROM rooms WHERE served_by = ? AND open = 1',
    );
    this.assignRow = db.prepare(
      `UPDATE rooms SET served_by = @agentId, served_at = @now, updated_at = @now
       WHERE id = @id AND open = 1`,
    );
    this.departmentRow = db.prepare(
      'UPDATE rooms SET department_id = ?, updated_at = ? WHERE id = ?',
    );
    this.dataRow = db.prepare<[string], {data: string}>('SELECT data FROM rooms WHERE id = ?');
    this.writeData = db.prepare('UPDATE rooms SET data = ?, updated_at = ? WHERE id = ?');
    this.idsByVisitor = db.prepare<[string], {id: string}>(
      'SELECT id FROM rooms WHERE visitor_id = ?',
    );
    this.deleteByVisitorRow = db.prepare('DELETE FROM rooms WHERE visitor_id = ?');
    this.countOpenFromRow = db.prepare<[string], {n: number}>(
      'SELECT COUNT(*) AS n FROM rooms WHERE opened_from = ? AND open = 1',
    );
  }

  /** The room with this id, or `null`. */
  findById(rid: string, withLastMessage = false): RoomDoc | null {
    const row = this.byId.get(rid);
    return row ? this.toDoc(row, withLastMessage) : null;
  }

  /** The room if it belongs to this token (open or not); `null` for foreign and unknown ids. */
  findByIdAndToken(rid: string, token: string): RoomDoc | null {
    const row = this.byId.get(rid);
    return row && row.visitor_token === token ? this.toDoc(row, false) : null;
  }

  /** The visitor's open room, or `null`. */
  findOpenByToken(token: string): RoomDoc | null {
    const row = this.openByToken.get(token);
    return row ? this.toDoc(row, false) : null;
  }

  /** Inserts an open room; the unique index refuses a second open room for one token. */
  insert(room: NewRoom): void {
    this.insertRow.run({
      id: room.id,
      visitorId: room.visitor._id,
      token: room.visitor.token,
      fname: room.visitor.name || room.visitor.username,
      agentId: room.agent?.id ?? null,
      now: Date.now(),
      department: room.department ?? room.visitor.department ?? null,
      source: room.sourceType,
      openedFrom: room.openedFrom ?? null,
    });
  }

  /** How many open rooms were opened from this client address key. */
  countOpenFrom(key: string): number {
    return this.countOpenFromRow.get(key)!.n;
  }

  /** Marks the room closed (with the closing agent's tags); false if it was not open. */
  close(
    rid: string,
    closer: 'visitor' | 'user',
    closedBy: string,
    comment: string,
    tags: readonly string[] = [],
  ): boolean {
    const result = this.closeRow.run({
      id: rid,
      now: Date.now(),
      closer,
      closedBy,
      comment,
      tags: JSON.stringify(tags),
    });
    return result.changes === 1;
  }

  /** Keeps the open room's `fname` in step with the visitor's name. */
  renameOpenRoom(token: string, fname: string): void {
    this.renameOpen.run(fname, token);
  }

  /** The rooms an agent serves, most recently active first. */
  listServedBy(
    userId: string,
    open: boolean | undefined,
    offset: number,
    count: number,
  ): {rooms: RoomDoc[]; total: number} {
    const params = {userId, open: open === undefined ? null : Number(open), offset, count};
    const rooms = this.servedBy.all(params).map((row) => this.toDoc(row, true));
    return {rooms, total: this.countServedBy.get(params)!.n};
  }

  /** Gives an open room to an agent (queue take, transfer, routing); `null` leaves it waiting. */
  assign(rid: string, agentId: string | null): boolean {
    return this.assignRow.run({id: rid, agentId, now: Date.now()}).changes === 1;
  }

  /** Moves a room to another department. */
  setDepartment(rid: string, department: string): void {
    this.departmentRow.run(department, Date.now(), rid);
  }

  /** Changes the room's JSON data (survey answers, room-scoped custom fields) in place. */
  updateData(rid: string, change: (data: Record<string, unknown>) => void): void {
    this.db.transaction(() => {
      const row = this.dataRow.get(rid);
      if (!row) return;
      const data = parseJsonColumn(row.data);
      change(data);
      this.writeData.run(JSON.stringify(data), Date.now(), rid);
    })();
  }

  /** Ids of every room of a visitor, open or closed. */
  idsOfVisitor(visitorId: string): string[] {
    return this.idsByVisitor.all(visitorId).map((row) => row.id);
  }

  /** Deletes every room of a visitor (their messages must be gone first). */
  deleteByVisitor(visitorId: string): void {
    this.deleteByVisitorRow.run(visitorId);
  }

  /** Ids of the open rooms an agent serves. */
  openRoomIdsServedBy(userId: string): string[] {
    return this.openIdsServedBy.all(userId).map((row) => row.id);
  }

  private toDoc(row: RoomRow, withLastMessage: boolean): RoomDoc {
    const doc: RoomDoc = {
      _id: row.id,
      t: 'l',
      fname: row.fname,
      msgs: row.msgs,
      ts: new Date(row.created_at),
      _updatedAt: new Date(row.updated_at),
      open: row.open === 1,
      v: {
        _id: row.visitor_id,
        username: row.v_username,
        token: row.visitor_token,
        status: row.v_status,
      },
      source: {type: row.source_type},
    };
    if (row.lm !== null) doc.lm = new Date(row.lm);
    if (row.served_by && row.agent_username) {
      doc.servedBy = {
        _id: row.served_by,
        username: row.agent_username,
        ts: new Date(row.served_at ?? row.created_at),
      };
    }
    if (row.department_id) doc.departmentId = row.department_id;
    const data = parseJsonColumn(row.data);
    if (isRecord(data.surveyFeedback)) doc.surveyFeedback = data.surveyFeedback;
    if (isRecord(data.livechatData)) doc.livechatData = data.livechatData;
    if (typeof data.visitorReadUntil === 'number') {
      doc.visitorReadUntil = new Date(data.visitorReadUntil);
    }
    if (typeof data.agentReadUntil === 'number') doc.agentReadUntil = new Date(data.agentReadUntil);
    if (row.closed_at !== null) {
      doc.closedAt = new Date(row.closed_at);
      doc.closer = row.closer ?? undefined;
      const tags = parseTags(row.tags);
      if (tags.length > 0) doc.tags = tags;
      if (row.closed_by) {
        // The bot (livechat/inactivity-close.ts) is no account: its id is its username.
        const username = row.closer === 'visitor' ? row.v_username : row.closed_by;
        doc.closedBy = {_id: row.closed_by, username: row.closer_username ?? username};
      }
    }
    if (withLastMessage && row.last_message_id) {
      doc.lastMessage = this.messages.findById(row.last_message_id) ?? undefined;
    }
    return doc;
  }
}

function isRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}
