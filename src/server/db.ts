import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';

/** The better-sqlite3 handle the livechat stores share. */
export type Db = Database.Database;

/** Name of the SQLite file inside the data folder. */
export const DB_FILE_NAME = 'live-chat.sqlite';

/**
 * Full-text search over visitor messages and visitor names and emails. The index keeps its own
 * copy of the text, keyed through \`search_keys\` (an INTEGER PRIMARY KEY, which VACUUM and
 * \`VACUUM INTO\` never renumber, unlike the implicit rowid of \`messages\`); triggers keep it in
 * step with every write, and the last statements index what an older database already held.
 */
const SEARCH_SCHEMA = `
  CREATE TABLE search_keys (
    n INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    UNIQUE (kind, ref)
  );
  CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
  CREATE TRIGGER messages_search_insert AFTER INSERT ON messages WHEN new.t IS NULL BEGIN
    INSERT INTO search_keys (kind, ref) VALUES ('m', new.id);
    INSERT INTO search_fts (rowid, body) VALUES (last_insert_rowid(), new.msg);
  END;
  CREATE TRIGGER messages_search_update AFTER UPDATE OF msg ON messages WHEN new.t IS NULL BEGIN
    UPDATE search_fts SET body = new.msg
      WHERE rowid = (SELECT n FROM search_keys WHERE kind = 'm' AND ref = new.id);
  END;
  CREATE TRIGGER messages_search_delete AFTER DELETE ON messages WHEN old.t IS NULL BEGIN
    DELETE FROM search_fts
      WHERE rowid = (SELECT n FROM search_keys WHERE kind = 'm' AND ref = old.id);
    DELETE FROM search_keys WHERE kind = 'm' AND ref = old.id;
  END;
  CREATE TRIGGER visitors_search_insert AFTER INSERT ON visitors BEGIN
    INSERT INTO search_keys (kind, ref) VALUES ('v', new.id);
    INSERT INTO search_fts (rowid, body)
      VALUES (last_insert_rowid(), trim(COALESCE(new.name, '') || ' ' || COALESCE(new.email, '')));
  END;
  CREATE TRIGGER visitors_search_update AFTER UPDATE OF name, email ON visitors BEGIN
    UPDATE search_fts SET body = trim(COALESCE(new.name, '') || ' ' || COALESCE(new.email, ''))
      WHERE rowid = (SELECT n FROM search_keys WHERE kind = 'v' AND ref = new.id);
  END;
  CREATE TRIGGER visitors_search_delete AFTER DELETE ON visitors BEGIN
    DELETE FROM search_fts
      WHERE rowid = (SELECT n FROM search_keys WHERE kind = 'v' AND ref = old.id);
    DELETE FROM search_keys WHERE kind = 'v' AND ref = old.id;
  END;
  INSERT INTO search_keys (kind, ref) SELECT 'm', id FROM messages WHERE t IS NULL ORDER BY ts;
  INSERT INTO search_keys (kind, ref) SELECT 'v', id FROM visitors ORDER BY created_at;
  INSERT INTO search_fts (rowid, body) SELECT k.n, m.msg
    FROM search_keys AS k JOIN messages AS m ON k.kind = 'm' AND m.id = k.ref;
  INSERT INTO search_fts (rowid, body)
    SELECT k.n, trim(COALESCE(v.name, '') || ' ' || COALESCE(v.email, ''))
    FROM search_keys AS k JOIN visitors AS v ON k.kind = 'v' AND v.id = k.ref;
`;

/** Each entry upgrades the schema by one version (PRAGMA user_version); append, never edit. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    livechat_status TEXT NOT NULL DEFAULT 'not-available',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE visitors (
    id TEXT PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL UNIQUE,
    name TEXT,
    email TEXT,
    phone TEXT,
    department TEXT,
    status TEXT NOT NULL DEFAULT 'online',
    data TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    visitor_id TEXT NOT NULL REFERENCES visitors(id),
    visitor_token TEXT NOT NULL,
    fname TEXT NOT NULL,
    open INTEGER NOT NULL DEFAULT 1,
    served_by TEXT REFERENCES users(id),
    served_at INTEGER,
    department_id TEXT,
    source_type TEXT NOT NULL DEFAULT 'api',
    msgs INTEGER NOT NULL DEFAULT 0,
    last_seq INTEGER NOT NULL DEFAULT 0,
    last_message_id TEXT,
    lm INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at INTEGER,
    closer TEXT,
    closed_by TEXT,
    close_comment TEXT,
    data TEXT NOT NULL DEFAULT '{}'
  );
  -- One open room per visitor token, even if two requests race (Rocket.Chat PR #39087).
  CREATE UNIQUE INDEX rooms_one_open_per_token ON rooms(visitor_token) WHERE open = 1;
  CREATE INDEX rooms_served_open ON rooms(served_by, open);
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    rid TEXT NOT NULL REFERENCES rooms(id),
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    t TEXT,
    msg TEXT NOT NULL,
    u_id TEXT NOT NULL,
    u_username TEXT NOT NULL,
    u_name TEXT,
    token TEXT,
    alias TEXT,
    data TEXT NOT NULL DEFAULT '{}',
    UNIQUE (rid, seq)
  );
  CREATE INDEX messages_rid_ts ON messages(rid, ts);
  `,
  `
  CREATE TABLE offline_messages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    message TEXT NOT NULL,
    department TEXT,
    host TEXT,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    read_by TEXT
  );
  CREATE INDEX offline_messages_created ON offline_messages(created_at);
  CREATE TABLE transcript_requests (
    id TEXT PRIMARY KEY,
    rid TEXT NOT NULL,
    email TEXT NOT NULL,
    subject TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX transcript_requests_rid ON transcript_requests(rid);
  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    rid TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX uploads_rid ON uploads(rid);
  -- Rooms waiting for an agent (Rocket.Chat's livechat_inquiry); at most one per room.
  CREATE TABLE inquiries (
    id TEXT PRIMARY KEY,
    rid TEXT NOT NULL UNIQUE,
    department TEXT,
    status TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    taken_at INTEGER,
    taken_by TEXT
  );
  CREATE INDEX inquiries_status ON inquiries(status, queued_at);
  CREATE TABLE page_views (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL,
    rid TEXT,
    title TEXT NOT NULL,
    href TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX page_views_token ON page_views(token, created_at);
  `,
  `
  -- Each stay of a room in the queue, for the wait estimate: where it entered the line, how
  -- many agents could take it then, and when one did (NULL while it waits).
  CREATE TABLE queue_waits (
    rid TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    spot INTEGER NOT NULL,
    agents INTEGER NOT NULL,
    served_at INTEGER,
    PRIMARY KEY (rid, queued_at)
  );
  CREATE INDEX queue_waits_served ON queue_waits(department, served_at);
  -- Agent pictures (users.setAvatar), at most 1 MiB each.
  CREATE TABLE avatars (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    data BLOB NOT NULL,
    etag TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- Routing asks each agent's latest served_at; without this it read every room they ever had.
  CREATE INDEX rooms_served_at ON rooms(served_by, served_at);
  `,
  `
  -- Admins see every chat in History; removed agents keep their name on past chats.
  ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
  -- Tags the closing agent gave the chat (a JSON array of strings).
  ALTER TABLE rooms ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  CREATE INDEX rooms_closed ON rooms(open, closed_at);
  -- Search hits on a visitor's name or email lead to their rooms.
  CREATE INDEX rooms_visitor ON rooms(visitor_id);
  ${SEARCH_SCHEMA}
  `,
  `
  -- What agents wrote down about a visitor, shared by every agent who serves them.
  CREATE TABLE visitor_notes (
    visitor_id TEXT PRIMARY KEY REFERENCES visitors(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- Each agent's saved replies (Rocket.Chat's canned responses of scope 'user').
  CREATE TABLE canned_responses (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    shortcut TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, shortcut)
  );
  -- Settings saved from the console's Settings screen: they win over the config file and flags.
  CREATE TABLE settings_overrides (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- Mail waiting for delivery (or delivered): retried with backoff until the server takes it.
  CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT,
    mail TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    sent_at INTEGER
  );
  CREATE INDEX mail_outbox_pending ON mail_outbox(sent_at, next_attempt_at);
  CREATE INDEX mail_outbox_ref ON mail_outbox(kind, ref);
  `,
  // A mail the SMTP server refused for good is no longer retried; `last_error` says why.
  `
  ALTER TABLE mail_outbox ADD COLUMN failed_at INTEGER;
  `,
  // Files of chats closed longer than the retention are deleted; the record stays, so that a
  // link to one answers 410 Gone instead of 404, and no longer counts in the quotas.
  `
  ALTER TABLE uploads ADD COLUMN deleted_at INTEGER;
  `,
  // The sweep of abandoned visitors (livechat/visitor-sweep.ts) walks visitors idle the longest.
  `
  CREATE INDEX visitors_updated ON visitors(updated_at, id);
  `,
  // Open chats are counted per client address (livechat/routing.ts); the key is cleared when the
  // chat closes, so a closed chat keeps no address.
  `
  ALTER TABLE rooms ADD COLUMN opened_from TEXT;
  CREATE INDEX rooms_open_from ON rooms(opened_from) WHERE open = 1 AND opened_from IS NOT NULL;
  `,
  // The closing of abandoned chats (livechat/inactivity-close.ts) walks the open chats quiet the
  // longest, every minute; without this it read every room ever kept.
  `
  CREATE INDEX rooms_open_lm ON rooms(lm, id) WHERE open = 1;
  `,
];

/**
 * The size the WAL file is cut back to each time it starts over. Without a limit it kept its
 * largest size for good: under a steady stream of writes the checkpoint worker never catches up
 * (checkpointer.ts), so the WAL grew to its fallback checkpoint, ~40 MiB, and stayed that big
 * (`bench/chat-bytes.ts`); each chat's writes add some 35 pages of 4 KiB to it meanwhile.
 */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** Opens (and creates or upgrades) `<dataDir>/live-chat.sqlite` in WAL mode. */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, {recursive: true});
  const db = new Database(join(dataDir, DB_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', {simple: true}) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Parses a JSON column; a damaged value reads as an empty object instead of failing a request. */
export function parseJsonColumn(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
