import type {Db} from '../db.js';
import type {LivechatSettings} from './settings.js';
import type {AgentRecord} from './types.js';

/** Highlight marks around the matched words of a search snippet (private-use characters). */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
/** At most this many words of a search count; more only slow the query down. */
const QUERY_WORDS_MAX = 12;

/** One closed chat as the console's History lists it (this server's own shape). */
export interface HistoryChat {
  _id: string;
  fname: string;
  visitor: {username: string; name?: string; email?: string};
  ts: Date;
  closedAt: Date;
  closer?: string;
  agent?: {_id: string; username: string; name: string};
  departmentId?: string;
  /** Visitor and agent messages, system lines not counted. */
  msgs: number;
  tags: string[];
  closeComment?: string;
  /** The best matching text of a search, with `MARK_START`/`MARK_END` around matched words. */
  snippet?: string;
}

interface HistoryRow {
  id: string;
  fname: string;
  msgs: number;
  created_at: number;
  closed_at: number;
  closer: string | null;
  close_comment: string | null;
  tags: string;
  department_id: string | null;
  served_by: string | null;
  v_username: string;
  v_name: string | null;
  v_email: string | null;
  agent_username: string | null;
  agent_name: string | null;
  snippet?: string | null;
}

const COLUMNS = `rooms.id, rooms.fname, rooms.msgs, rooms.created_at, rooms.closed_at,
  rooms.closer, rooms.close_comment, rooms.tags, rooms.department_id, rooms.served_by,
  visitors.username AS v_username, visitors.name AS v_name, visitors.email AS v_email,
  agent.username AS agent_username, agent.name AS agent_name`;
const FROM = `FROM rooms JOIN visitors ON visitors.id = rooms.visitor_id
  LEFT JOIN users AS agent ON agent.id = rooms.served_by`;
// An admin sees every chat; an agent the chats they served and those of their departments
// (a department without an agent list, or a chat without a department, belongs to everyone).
const VISIBLE = `rooms.open = 0 AND (@admin = 1 OR rooms.served_by = @agentId
  OR rooms.department_id IS NULL
  OR rooms.department_id NOT IN (SELECT value FROM json_each(@hidden)))`;
// Messages match by their text, visitors by name and email; each hit names its room.
const HITS = `WITH matched AS MATERIALIZED (
    SELECT search_keys.kind AS kind, search_keys.ref AS ref,
      snippet(search_fts, 0, '${MARK_START}', '${MARK_END}', '…', 12) AS snip
    FROM search_fts JOIN search_keys ON search_keys.n = search_fts.rowid
    WHERE search_fts MATCH @query
  ), hits AS MATERIALIZED (
    SELECT messages.rid AS rid, matched.snip AS snip, messages.ts AS ts
      FROM matched JOIN messages ON matched.kind = 'm' AND messages.id = matched.ref
    UNION ALL
    SELECT rooms.id, matched.snip, 0
      FROM matched JOIN rooms ON matched.kind = 'v' AND rooms.visitor_id = matched.ref
  )`;

/**
 * Turns what an agent typed into an FTS5 query that cannot be a syntax error: each word becomes
 * a quoted phrase (quotes doubled), the last one a prefix, all of them required. Operators
 * (`NEAR(`, `*`, `"`, `AND`) are only text then. `null` when no word has a letter or digit.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, QUERY_WORDS_MAX);
  if (words.length === 0) return null;
  return words
    .map((word, i) => `"${word.replaceAll('"', '""')}"${i === words.length - 1 ? '*' : ''}`)
    .join(' ');
}

/** The room's `tags` column; a damaged value reads as no tags instead of failing a request. */
export function parseTags(text: string | null): string[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function toChat(row: HistoryRow): HistoryChat {
  const tags = parseTags(row.tags);
  return {
    _id: row.id,
    fname: row.fname,
    visitor: {
      username: row.v_username,
      ...(row.v_name ? {name: row.v_name} : {}),
      ...(row.v_email ? {email: row.v_email} : {}),
    },
    ts: new Date(row.created_at),
    closedAt: new Date(row.closed_at),
    ...(row.closer ? {closer: row.closer} : {}),
    ...(row.served_by && row.agent_username
      ? {
          agent: {
            _id: row.served_by,
            username: row.agent_username,
            name: row.agent_name ?? row.agent_username,
          },
        }
      : {}),
    ...(row.department_id ? {departmentId: row.department_id} : {}),
    msgs: row.msgs,
    tags,
    ...(row.close_comment ? {closeComment: row.close_comment} : {}),
    ...(row.snippet ? {snippet: row.snippet} : {}),
  };
}

/** Closed chats for the History section: newest first, or those matching a search. */
export class HistoryStore {
  private readonly list;
  private readonly count;
  private readonly search;
  private readonly searchCount;
  private readonly one;
  private readonly ofVisitorRows;

  constructor(db: Db) {
    const page = 'ORDER BY rooms.closed_at DESC, rooms.id DESC LIMIT @count OFFSET @offset';
    this.list = db.prepare<[Record<string, unknown>], HistoryRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE ${VISIBLE} ${page}`,
    );
    this.count = db.prepare<[Record<string, unknown>], {n: number}>(
      `SELECT COUNT(*) AS n ${FROM} WHERE ${VISIBLE}`,
    );
    const found = `${VISIBLE} AND rooms.id IN (SELECT rid FROM hits)`;
    this.search = db.prepare<[Record<string, unknown>], HistoryRow>(
      `${HITS} SELECT ${COLUMNS}, (SELECT snip FROM hits WHERE hits.rid = rooms.id
         ORDER BY hits.ts DESC LIMIT 1) AS snippet
       ${FROM} WHERE ${found} ${page}`,
    );
    this.searchCount = db.prepare<[Record<string, unknown>], {n: number}>(
      `${HITS} SELECT COUNT(*) AS n ${FROM} WHERE ${found}`,
    );
    this.one = db.prepare<[Record<string, unknown>], HistoryRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE rooms.id = @rid AND ${VISIBLE}`,
    );
    this.ofVisitorRows = db.prepare<[Record<string, unknown>], HistoryRow>(
      `SELECT ${COLUMNS} ${FROM} WHERE rooms.visitor_id = @visitorId AND ${VISIBLE}
       ORDER BY rooms.closed_at DESC, rooms.id DESC LIMIT @count`,
    );
  }

  /** The visitor's latest closed chats this agent may see, newest first. */
  ofVisitor(scope: HistoryScope, visitorId: string, count: number): HistoryChat[] {
    return this.ofVisitorRows.all({...scope, visitorId, count}).map(toChat);
  }

  /** A page of the chats this agent may see, newest closed first; a search narrows them. */
  page(
    scope: HistoryScope,
    search: string,
    offset: number,
    count: number,
  ): {chats: HistoryChat[]; total: number} {
    const query = search.trim() === '' ? '' : ftsQuery(search);
    if (query === null) return {chats: [], total: 0};
    const params = {...scope, offset, count, ...(query ? {query} : {})};
    if (!query) {
      return {chats: this.list.all(params).map(toChat), total: this.count.get(params)!.n};
    }
    return {chats: this.search.all(params).map(toChat), total: this.searchCount.get(params)!.n};
  }

  /** One closed chat this agent may see, or `null`. */
  find(scope: HistoryScope, rid: string): HistoryChat | null {
    const row = this.one.get({...scope, rid});
    return row ? toChat(row) : null;
  }
}

/** Whose History a query reads: the agent, whether an admin, the departments not theirs. */
export interface HistoryScope {
  agentId: string;
  admin: 0 | 1;
  /** JSON array of the department ids whose agent list leaves this agent out. */
  hidden: string;
}

/** The History scope of an agent under the configured departments. */
export function historyScope(settings: LivechatSettings, agent: AgentRecord): HistoryScope {
  const hidden = settings.departments
    .filter((d) => d.agents && d.agents.length > 0 && !d.agents.includes(agent.username))
    .map((d) => d._id);
  return {agentId: agent.id, admin: agent.isAdmin ? 1 : 0, hidden: JSON.stringify(hidden)};
}
