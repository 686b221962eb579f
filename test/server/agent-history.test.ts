import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {DB_FILE_NAME, MIGRATIONS, openDatabase} from '../../src/server/db.js';
import {AgentAccounts} from '../../src/server/livechat/agent-accounts.js';
import {ftsQuery} from '../../src/server/livechat/history.js';
import {
  TEST_AGENT,
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';

const SALES = {username: 'sam', password: 'sam-password', name: 'Sam Sales'};
const WORKSHOP = {username: 'wes', password: 'wes-password', name: 'Wes Workshop'};
const DEPARTMENTS = [
  {
    _id: 'sales',
    name: 'Sales',
    enabled: true,
    showOnRegistration: true,
    showOnOfflineForm: true,
    agents: ['sam', 'agent'],
  },
  {
    _id: 'workshop',
    name: 'Workshop',
    enabled: true,
    showOnRegistration: true,
    showOnOfflineForm: true,
    agents: ['wes'],
  },
];

describe('agent History: closed chats and full-text search', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let sam: AgentLogin;
  let wes: AgentLogin;
  const rids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const as = (who: AgentLogin, query: Record<string, string | number> = {}) =>
    api(server.url, '/api/v1/livechat/history', {query, headers: who.headers});

  /** A chat of `department` with the visitor's messages, served by `by` and closed with tags. */
  async function closedChat(
    key: string,
    visitor: {name: string; email: string; department: string},
    messages: string[],
    by: AgentLogin,
    tags: string[] = [],
  ) {
    const v = await createVisitorWithRoom(server.url, visitor);
    for (const msg of messages) {
      const sent = await api(server.url, '/api/v1/livechat/message', {
        body: {token: v.token, rid: v.rid, msg},
      });
      assert.equal(sent.status, 200);
    }
    const closed = await api(server.url, '/api/v1/livechat/room.closeByUser', {
      body: {rid: v.rid, comment: `done with ${key}`, tags},
      headers: by.headers,
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    rids[key] = v.rid;
    tokens[key] = v.token;
  }

  before(async () => {
    server = await startTestServer({
      agents: [TEST_AGENT, SALES, WORKSHOP],
      settings: {departments: DEPARTMENTS},
    });
    [agent, sam, wes] = [
      await agentLogin(server.url),
      await agentLogin(server.url, SALES.username, SALES.password),
      await agentLogin(server.url, WORKSHOP.username, WORKSHOP.password),
    ];
    // Sales chats go to `agent` or `sam` (least busy first), workshop chats to `wes`.
    await closedChat(
      'bell',
      {name: 'Fay Fischer', email: 'fay@example.com', department: 'sales'},
      ['Do you sell a brass bell?', 'Thanks!'],
      agent,
      ['bells', ' accessories ', 'bells'],
    );
    await api(server.url, '/api/v1/livechat/agent.status', {
      body: {status: 'not-available'},
      headers: agent.headers,
    });
    await closedChat(
      'brakes',
      {name: 'Gus Grün', email: 'gus@bikes.test', department: 'workshop'},
      ['My disc brakes squeal when wet', 'Can you look at them?'],
      wes,
    );
    await closedChat(
      'tyre',
      {name: 'Hana Ito', email: 'hana@example.org', department: 'sales'},
      ['Looking for a gravel tyre', 'brakes too maybe'],
      sam,
    );
  });
  after(() => server.close());

  it('lists closed chats newest first with visitor, email, agent, count and tags', async () => {
    const {status, body} = await as(wes);
    assert.equal(status, 200);
    // Wes belongs to Workshop only: the sales chats stay hidden from him.
    assert.deepEqual(
      body.chats.map((c: {_id: string}) => c._id),
      [rids.brakes],
    );
    const mine = await as(agent);
    // `agent` is in Sales and served the bell chat; the workshop chat is not theirs.
    assert.deepEqual(
      mine.body.chats.map((c: {_id: string}) => c._id),
      [rids.tyre, rids.bell],
    );
    const bell = mine.body.chats[1];
    assert.equal(bell.visitor.name, 'Fay Fischer');
    assert.equal(bell.visitor.email, 'fay@example.com');
    assert.equal(bell.agent.username, TEST_AGENT.username);
    assert.equal(bell.msgs, 2);
    assert.deepEqual(bell.tags, ['bells', 'accessories']);
    assert.equal(bell.closeComment, 'done with bell');
    assert.ok(Date.parse(mine.body.chats[0].closedAt) >= Date.parse(bell.closedAt));
    assert.equal(mine.body.total, 2);
  });

  it('shows an admin every chat', async () => {
    const db = openDatabase(server.dataDir);
    try {
      assert.equal(new AgentAccounts(db).add('boss', 'boss-password', {admin: true}), true);
    } finally {
      db.close();
    }
    const boss = await agentLogin(server.url, 'boss', 'boss-password');
    const {body} = await as(boss);
    assert.deepEqual(
      body.chats.map((c: {_id: string}) => c._id),
      [rids.tyre, rids.brakes, rids.bell],
    );
    const me = await api(server.url, '/api/v1/me', {headers: boss.headers});
    assert.ok(me.body.roles.includes('admin'));
  });

  it('pages with offset and count, and refuses a page larger than 50', async () => {
    const first = await as(sam, {count: 1});
    const second = await as(sam, {count: 1, offset: 1});
    assert.deepEqual([first.body.chats[0]._id, second.body.chats[0]._id], [rids.tyre, rids.bell]);
    assert.equal(first.body.total, 2);
    assert.equal((await as(sam, {count: 51})).status, 400);
  });

  it('finds message text with a snippet, by word prefix, and without accents', async () => {
    const found = await as(wes, {q: 'squea'});
    assert.deepEqual(
      found.body.chats.map((c: {_id: string}) => c._id),
      [rids.brakes],
    );
    assert.match(found.body.chats[0].snippet, /\uE000squeal\uE001 when wet/);
    const gruen = await as(wes, {q: 'grun'});
    assert.deepEqual(
      gruen.body.chats.map((c: {_id: string}) => c._id),
      [rids.brakes],
    );
  });

  it('finds visitor names and emails, and only in chats the agent may see', async () => {
    const byEmail = await as(sam, {q: 'hana@example.org'});
    assert.deepEqual(
      byEmail.body.chats.map((c: {_id: string}) => c._id),
      [rids.tyre],
    );
    const byName = await as(sam, {q: 'fay fisch'});
    assert.deepEqual(
      byName.body.chats.map((c: {_id: string}) => c._id),
      [rids.bell],
    );
    // "brakes" is in a workshop chat and a sales chat: each agent finds only theirs.
    const samBrakes = await as(sam, {q: 'brakes'});
    assert.deepEqual(
      samBrakes.body.chats.map((c: {_id: string}) => c._id),
      [rids.tyre],
    );
    const wesBrakes = await as(wes, {q: 'brakes'});
    assert.deepEqual(
      wesBrakes.body.chats.map((c: {_id: string}) => c._id),
      [rids.brakes],
    );
  });

  it('treats FTS syntax in the search box as text, never as a 500', async () => {
    for (const q of [
      '"',
      '*',
      'NEAR(',
      'brass"',
      '"bell',
      'bell AND',
      'OR',
      '(',
      ')',
      '^bell',
      'col:bell',
      '-',
      'bell*',
      "'; DROP TABLE rooms; --",
      'NEAR(bell brass, 2)',
    ]) {
      const {status, body} = await as(agent, {q});
      assert.equal(status, 200, `${q}: ${JSON.stringify(body)}`);
      assert.ok(Array.isArray(body.chats), q);
    }
    const quoted = await as(agent, {q: '"brass bell"'});
    assert.deepEqual(
      quoted.body.chats.map((c: {_id: string}) => c._id),
      [rids.bell],
    );
    assert.equal((await as(agent, {q: 'x'.repeat(201)})).status, 400);
  });

  it('opens one chat read-only with its messages, and refuses a chat not visible', async () => {
    const rated = await api(server.url, '/api/v1/livechat/room.survey', {
      body: {
        token: tokens.bell,
        rid: rids.bell,
        data: [{name: 'satisfaction', value: '5'}],
      },
    });
    assert.equal(rated.status, 200, JSON.stringify(rated.body));
    const transcript = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: tokens.bell, rid: rids.bell, email: 'fay@example.com'},
    });
    assert.equal(transcript.status, 200, JSON.stringify(transcript.body));
    const {status, body} = await api(server.url, '/api/v1/livechat/history.chat', {
      query: {rid: rids.bell},
      headers: sam.headers,
    });
    assert.equal(status, 200);
    assert.equal(body.chat._id, rids.bell);
    const texts = body.messages.filter((m: {t?: string}) => !m.t).map((m: {msg: string}) => m.msg);
    assert.deepEqual(texts, ['Do you sell a brass bell?', 'Thanks!']);
    assert.equal(body.surveyFeedback.satisfaction, '5');
    assert.deepEqual(
      body.transcriptRequests.map((t: {email: string}) => t.email),
      ['fay@example.com'],
    );
    const hidden = await api(server.url, '/api/v1/livechat/history.chat', {
      query: {rid: rids.brakes},
      headers: sam.headers,
    });
    assert.equal(hidden.status, 400);
    const anonymous = await api(server.url, '/api/v1/livechat/history', {query: {q: 'bell'}});
    assert.equal(anonymous.status, 401);
  });

  it('escapes every word into a quoted phrase with a prefix on the last', () => {
    assert.equal(ftsQuery('brass bell'), '"brass" "bell"*');
    assert.equal(ftsQuery('say "hi"'), '"say" """hi"""*');
    assert.equal(ftsQuery('* ( ) "'), null);
  });
});

describe('History search on a database from before the search index', () => {
  it('indexes the messages and visitors it already held when it upgrades', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-chat-fts-'));
    try {
      const old = new Database(join(dir, DB_FILE_NAME));
      for (const [i, sql] of MIGRATIONS.slice(0, 4).entries()) {
        old.exec(sql);
        old.pragma(`user_version = ${i + 1}`);
      }
      old
        .prepare(
          `INSERT INTO users (id, username, name, password_hash, created_at, updated_at)
        VALUES ('u1', 'old', 'Old Agent', 'x', 1, 1)`,
        )
        .run();
      old
        .prepare(
          `INSERT INTO visitors (id, token, username, name, email, created_at, updated_at)
        VALUES ('v1', 't1', 'guest-1', 'Ida Old', 'ida@old.test', 1, 1)`,
        )
        .run();
      old
        .prepare(
          `INSERT INTO rooms (id, visitor_id, visitor_token, fname, open, served_by,
          msgs, created_at, updated_at, closed_at)
        VALUES ('r1', 'v1', 't1', 'Ida Old', 0, 'u1', 1, 1, 1, 2)`,
        )
        .run();
      old
        .prepare(
          `INSERT INTO messages (id, rid, seq, ts, updated_at, msg, u_id, u_username)
        VALUES ('m1', 'r1', 1, 1, 1, 'A tandem for two, please', 'v1', 'guest-1')`,
        )
        .run();
      old.close();
      const server = await startTestServer({dataDir: dir});
      try {
        const agent = await agentLogin(server.url);
        for (const q of ['tandem', 'ida@old.test']) {
          const {body} = await api(server.url, '/api/v1/livechat/history', {
            query: {q},
            headers: agent.headers,
          });
          assert.deepEqual(
            body.chats.map((c: {_id: string}) => c._id),
            ['r1'],
            q,
          );
        }
      } finally {
        await server.close();
      }
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });
});

describe('History search follows edits, deletions and renames', () => {
  it('finds edited text, not the old or deleted one, and forgets a removed visitor', async () => {
    const server = await startTestServer();
    try {
      const agent = await agentLogin(server.url);
      const found = async (q: string) =>
        (
          await api(server.url, '/api/v1/livechat/history', {query: {q}, headers: agent.headers})
        ).body.chats.map((c: {_id: string}) => c._id);
      const v = await createVisitorWithRoom(server.url, {name: 'Olly Old'});
      const say = async (_id: string, msg: string) =>
        assert.equal(
          (
            await api(server.url, '/api/v1/livechat/message', {
              body: {token: v.token, rid: v.rid, msg, _id},
            })
          ).status,
          200,
        );
      await say('msg-edit', 'I have a flat tyre');
      await say('msg-gone', 'please forget this sprocket');
      const edited = await api(server.url, '/api/v1/livechat/message/msg-edit', {
        method: 'PUT',
        body: {token: v.token, rid: v.rid, msg: 'I have a broken spoke'},
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      const deleted = await api(server.url, '/api/v1/livechat/message/msg-gone', {
        method: 'DELETE',
        body: {token: v.token, rid: v.rid},
      });
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      await api(server.url, '/api/v1/livechat/visitor', {
        body: {visitor: {token: v.token, name: 'Nora New'}},
      });
      await api(server.url, '/api/v1/livechat/room.closeByUser', {
        body: {rid: v.rid},
        headers: agent.headers,
      });
      assert.deepEqual(await found('spoke'), [v.rid]);
      assert.deepEqual(await found('nora'), [v.rid]);
      for (const gone of ['tyre', 'sprocket', 'olly']) {
        assert.deepEqual(await found(gone), [], gone);
      }
      const removed = await api(server.url, `/api/v1/livechat/visitor/${v.token}`, {
        method: 'DELETE',
      });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.deepEqual(await found('spoke'), []);
      assert.deepEqual(await found(''), []);
    } finally {
      await server.close();
    }
  });
});
