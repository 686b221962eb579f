import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {DB_FILE_NAME} from '../../src/server/db.js';
import {
  TEST_AGENT,
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer, TestVisitor} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';

const SECOND = {username: 'bea', password: 'bea-password', name: 'Bea'};
const ORDER_FIELD = {_id: 'orderNumber', label: 'Order number', scope: 'visitor' as const};
const LOGGED_OUT = 'You must be logged in to do this.';

describe('agent console: visitor panel, notes and saved replies', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let bea: AgentLogin;
  let visitor: TestVisitor;

  const as = (who: AgentLogin | null, path: string, options: Parameters<typeof api>[2] = {}) =>
    api(server.url, path, {...options, headers: who?.headers ?? {}});
  const visit = (title: string, href: string) =>
    api(server.url, '/api/v1/livechat/page.visited', {
      body: {
        token: visitor.token,
        rid: visitor.rid,
        pageInfo: {change: 'url', title, location: {href}},
      },
    });

  before(async () => {
    server = await startTestServer({
      agents: [TEST_AGENT, {...SECOND, available: false}],
      settings: {customFields: [ORDER_FIELD]},
    });
    agent = await agentLogin(server.url);
    bea = await agentLogin(server.url, SECOND.username, SECOND.password);
    // Logging in makes an agent available; Bea only ever serves nobody here.
    await as(bea, '/api/v1/livechat/agent.status', {body: {status: 'not-available'}});
    visitor = await createVisitorWithRoom(server.url, {name: 'Vera', email: 'vera@example.com'});
    assert.equal(visitor.room.servedBy._id, agent.userId);
  });
  after(() => server.close());

  it('shows the serving agent the visitor, custom fields, pages newest first and past chats', async () => {
    const earlier = await api(server.url, '/api/v1/livechat/custom.field', {
      body: {token: visitor.token, key: 'orderNumber', value: '4711', overwrite: true},
    });
    assert.equal(earlier.status, 200);
    const badZone = await api(server.url, '/api/v1/livechat/visitor', {
      body: {visitor: {token: visitor.token, timezone: 'Europe/Berlin; drop'}},
    });
    assert.equal(badZone.status, 400);
    const locale = await api(server.url, '/api/v1/livechat/visitor', {
      body: {visitor: {token: visitor.token, language: 'de-DE', timezone: 'Europe/Berlin'}},
    });
    assert.equal(locale.status, 200);
    assert.equal(
      locale.body.visitor.timezone,
      undefined,
      "the visitor's own view keeps RC's shape",
    );
    assert.equal((await visit('Bikes', 'https://shop.example/bikes')).status, 200);
    assert.equal((await visit('Helmets', 'https://shop.example/helmets')).status, 200);
    const closed = await as(agent, '/api/v1/livechat/room.closeByUser', {
      body: {rid: visitor.rid, comment: 'sold a helmet'},
    });
    assert.equal(closed.status, 200);
    const first = visitor.rid;
    const again = await api(server.url, '/api/v1/livechat/room', {query: {token: visitor.token}});
    visitor = {...visitor, rid: again.body.room._id, room: again.body.room};
    assert.equal(again.body.room.servedBy?._id, agent.userId, JSON.stringify(again.body));

    const panel = await as(agent, '/api/v1/livechat/visitor.panel', {query: {rid: visitor.rid}});
    assert.equal(panel.status, 200, JSON.stringify(panel.body));
    assert.equal(panel.body.visitor.name, 'Vera');
    assert.deepEqual(panel.body.visitor.visitorEmails, [{address: 'vera@example.com'}]);
    assert.deepEqual(panel.body.visitor.livechatData, {orderNumber: '4711'});
    assert.equal(panel.body.visitor.language, 'de-DE');
    assert.equal(panel.body.visitor.timezone, 'Europe/Berlin');
    assert.deepEqual(panel.body.customFields, [{_id: 'orderNumber', label: 'Order number'}]);
    assert.deepEqual(
      panel.body.pages.map((p: {title: string; href: string}) => [p.title, p.href]),
      [
        ['Helmets', 'https://shop.example/helmets'],
        ['Bikes', 'https://shop.example/bikes'],
      ],
    );
    assert.ok(Date.parse(panel.body.pages[0].ts) > 0);
    assert.deepEqual(
      panel.body.chats.map((c: {_id: string}) => c._id),
      [first],
      'the open chat itself is not among the earlier ones',
    );
    assert.equal(panel.body.chats[0].closeComment, 'sold a helmet');
    assert.deepEqual(panel.body.notes, {text: ''});
  });

  it('keeps the newest 50 pages of a visitor, and no more rows than that', async () => {
    for (let i = 1; i <= 60; i++) {
      assert.equal((await visit(`Page ${i}`, `https://shop.example/p/${i}`)).status, 200);
    }
    const panel = await as(agent, '/api/v1/livechat/visitor.panel', {query: {rid: visitor.rid}});
    const titles = panel.body.pages.map((p: {title: string}) => p.title);
    assert.equal(titles.length, 50);
    assert.equal(titles[0], 'Page 60');
    assert.equal(titles[49], 'Page 11');
    const db = new Database(join(server.dataDir, DB_FILE_NAME), {readonly: true});
    const {n} = db
      .prepare('SELECT COUNT(*) AS n FROM page_views WHERE token = ?')
      .get(visitor.token) as {n: number};
    db.close();
    assert.equal(n, 50);
  });

  it('keeps notes per visitor across chats; only an agent serving them may read or write', async () => {
    const saved = await as(agent, '/api/v1/livechat/visitor.notes', {
      method: 'PUT',
      body: {rid: visitor.rid, text: 'Prefers e-mail.\nOrdered a helmet.'},
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.notes.text, 'Prefers e-mail.\nOrdered a helmet.');
    assert.equal(saved.body.notes.updatedBy, TEST_AGENT.username);
    const read = await as(agent, '/api/v1/livechat/visitor.notes', {query: {rid: visitor.rid}});
    assert.equal(read.body.notes.text, 'Prefers e-mail.\nOrdered a helmet.');

    for (const denied of [
      await as(bea, '/api/v1/livechat/visitor.notes', {query: {rid: visitor.rid}}),
      await as(bea, '/api/v1/livechat/visitor.notes', {
        method: 'PUT',
        body: {rid: visitor.rid, text: 'overwritten'},
      }),
      await as(bea, '/api/v1/livechat/visitor.panel', {query: {rid: visitor.rid}}),
    ]) {
      assert.equal(denied.status, 400);
      assert.equal(denied.body.errorType, 'error-not-allowed');
    }
    const tooLong = await as(agent, '/api/v1/livechat/visitor.notes', {
      method: 'PUT',
      body: {rid: visitor.rid, text: 'x'.repeat(10_001)},
    });
    assert.equal(tooLong.status, 400);
    const still = await as(agent, '/api/v1/livechat/visitor.notes', {query: {rid: visitor.rid}});
    assert.equal(
      still.body.notes.text,
      'Prefers e-mail.\nOrdered a helmet.',
      'a refused write loses nothing',
    );
    const cleared = await as(agent, '/api/v1/livechat/visitor.notes', {
      method: 'PUT',
      body: {rid: visitor.rid, text: '  '},
    });
    assert.deepEqual(cleared.body.notes, {text: ''});
  });

  it('keeps saved replies per agent: add, list, edit, delete; nobody else sees or edits them', async () => {
    const path = '/api/v1/canned-responses';
    const added = await as(agent, path, {
      body: {shortcut: 'shipping', text: 'We ship within 2 days.', scope: 'user'},
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const id = added.body.cannedResponse._id as string;
    await as(agent, path, {body: {shortcut: 'hello', text: 'Hi! How can I help?'}});
    const clash = await as(agent, path, {body: {shortcut: 'hello', text: 'Another'}});
    assert.equal(clash.status, 400);
    assert.equal(clash.body.errorType, 'error-invalid-shortcut');
    const spaced = await as(agent, path, {body: {shortcut: 'two words', text: 'x'}});
    assert.equal(spaced.status, 400);

    const list = await as(agent, path);
    assert.deepEqual(
      list.body.cannedResponses.map((c: {shortcut: string; text: string; scope: string}) => [
        c.shortcut,
        c.text,
        c.scope,
      ]),
      [
        ['hello', 'Hi! How can I help?', 'user'],
        ['shipping', 'We ship within 2 days.', 'user'],
      ],
    );
    assert.equal(list.body.total, 2);

    assert.deepEqual((await as(bea, path)).body.cannedResponses, [], 'Bea sees none of them');
    const steal = await as(bea, path, {body: {_id: id, shortcut: 'shipping', text: 'Mine now'}});
    assert.equal(steal.status, 400);
    const remove = await as(bea, path, {method: 'DELETE', body: {_id: id}});
    assert.equal(remove.status, 400);
    const beaOwn = await as(bea, path, {body: {shortcut: 'shipping', text: 'Bea ships'}});
    assert.equal(beaOwn.status, 200, 'the same shortcut is free for another agent');

    const edited = await as(agent, path, {
      body: {_id: id, shortcut: 'ship', text: 'We ship within 3 days.'},
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.cannedResponse.text, 'We ship within 3 days.');
    const deleted = await as(agent, path, {method: 'DELETE', body: {_id: id}});
    assert.equal(deleted.status, 200);
    const after = await as(agent, path);
    assert.deepEqual(
      after.body.cannedResponses.map((c: {shortcut: string}) => c.shortcut),
      ['hello'],
    );
    assert.deepEqual(
      (await as(bea, path)).body.cannedResponses.map((c: {text: string}) => c.text),
      ['Bea ships'],
    );
  });

  it("gives the agent signed file links that load without the agent's headers", async () => {
    const sent = await upload(server.url, visitor.rid, PNG_BYTES, {
      token: visitor.token,
      filename: 'part.png',
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const page = await as(agent, '/api/v1/livechat/room.messages', {query: {rid: visitor.rid}});
    const file = (
      page.body.messages as {file?: unknown; fileUpload?: {publicFilePath: string}}[]
    ).find((m) => m.file);
    const link = file?.fileUpload?.publicFilePath ?? '';
    assert.match(link, /\/file-upload\/[^/]+\/part\.png\?token=/);
    assert.doesNotMatch(link, new RegExp(agent.authToken), 'never the auth token in a URL');
    const image = await fetch(link);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    const unsigned = await fetch(link.replace(/\?token=.*$/, ''));
    assert.equal(unsigned.status, 404);
  });

  it('refuses every new route without a token', async () => {
    for (const [method, path, body] of [
      ['GET', `/api/v1/livechat/visitor.panel?rid=${visitor.rid}`],
      ['GET', `/api/v1/livechat/visitor.notes?rid=${visitor.rid}`],
      ['PUT', '/api/v1/livechat/visitor.notes', {rid: visitor.rid, text: 'x'}],
      ['GET', '/api/v1/canned-responses'],
      ['POST', '/api/v1/canned-responses', {shortcut: 'x', text: 'y'}],
      ['DELETE', '/api/v1/canned-responses', {_id: 'x'}],
    ] as const) {
      const res = await as(null, path, {method, body});
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.body.error, LOGGED_OUT);
    }
  });
});
