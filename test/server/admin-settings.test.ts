import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {openDatabase} from '../../src/server/db.js';
import {AgentAccounts} from '../../src/server/livechat/agent-accounts.js';
import {isOpen} from '../../src/server/livechat/business-hours.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
  type AgentLogin,
  type TestServer,
} from '../helpers/node/server-fixture.js';

const ADMIN = {username: 'boss', password: 'boss-password'};
const BASE = '/api/v1/livechat/admin';

/** Adds an account to the server's data folder, as `agent add` does. */
function addAccount(server: TestServer, username: string, password: string, admin = false) {
  const db = openDatabase(server.dataDir);
  try {
    new AgentAccounts(db).add(username, password, {admin});
  } finally {
    db.close();
  }
}

describe('admin routes', () => {
  let server: TestServer;
  let admin: AgentLogin;
  let agent: AgentLogin;

  before(async () => {
    server = await startTestServer({settings: {title: 'From the file'}});
    addAccount(server, ADMIN.username, ADMIN.password, true);
    admin = await agentLogin(server.url, ADMIN.username, ADMIN.password);
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  it('refuses every admin route to a non-admin agent (403) and to nobody (401)', async () => {
    const calls: [string, unknown][] = [
      ['settings', undefined],
      ['settings', {settings: {title: 'Hijacked'}}],
      ['agents', undefined],
      ['agents', {username: 'eve', password: 'eve-password'}],
      ['agents.remove', {username: 'boss'}],
      ['agents.password', {username: 'boss', password: 'new-password'}],
    ];
    for (const [path, body] of calls) {
      const denied = await api(server.url, `${BASE}/${path}`, {headers: agent.headers, body});
      assert.equal(denied.status, 403, path);
      assert.deepEqual(denied.body, {success: false, error: 'error-not-allowed'});
      assert.equal((await api(server.url, `${BASE}/${path}`, {body})).status, 401, path);
    }
    const config = await api(server.url, '/api/v1/livechat/config');
    assert.equal(config.body.config.theme.title, 'From the file');
    await agentLogin(server.url, ADMIN.username, ADMIN.password);
  });

  it('saves widget texts: config shows them at once and after a restart', async () => {
    const saved = await api(server.url, `${BASE}/settings`, {
      headers: admin.headers,
      body: {settings: {title: 'Bike shop', color: '#aa3300', offlineMessage: 'Back at nine.'}},
    });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.settings.title, 'Bike shop');
    const config = async () => (await api(server.url, '/api/v1/livechat/config')).body.config;
    assert.equal((await config()).theme.title, 'Bike shop');
    assert.equal((await config()).theme.color, '#aa3300');
    assert.equal((await config()).messages.offlineMessage, 'Back at nine.');
    // The file still says "From the file": what was saved wins at the next start.
    await server.restart();
    assert.equal((await config()).theme.title, 'Bike shop');
    admin = await agentLogin(server.url, ADMIN.username, ADMIN.password);
    agent = await agentLogin(server.url);
  });

  it('refuses a bad value naming its field, and changes nothing', async () => {
    const bad = await api(server.url, `${BASE}/settings`, {
      headers: admin.headers,
      body: {settings: {title: 'Kept?', color: 'red'}},
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errorType, 'invalid-params');
    assert.equal(bad.body.details.field, 'color');
    const zone = await api(server.url, `${BASE}/settings`, {
      headers: admin.headers,
      body: {settings: {businessHours: {enabled: true, timeZone: 'Mars/Base', days: {}}}},
    });
    assert.equal(zone.status, 400);
    assert.match(zone.body.error, /time zone/);
    const {body} = await api(server.url, `${BASE}/settings`, {headers: admin.headers});
    assert.equal(body.settings.title, 'Bike shop');
  });

  it('adds, lists, re-passwords and removes agents; refuses one who serves open chats', async () => {
    const added = await api(server.url, `${BASE}/agents`, {
      headers: admin.headers,
      body: {username: 'carla', name: 'Carla', password: 'carla-password', admin: false},
    });
    assert.equal(added.status, 200);
    const again = await api(server.url, `${BASE}/agents`, {
      headers: admin.headers,
      body: {username: 'carla', password: 'carla-password'},
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.details.field, 'username');
    const carla = await agentLogin(server.url, 'carla', 'carla-password');

    // Carla is the only one available: the next chat is hers.
    for (const other of [agent, admin]) {
      await api(server.url, '/api/v1/livechat/agent.status', {
        headers: other.headers,
        body: {status: 'not-available'},
      });
    }
    const visitor = await createVisitorWithRoom(server.url, {name: 'Vic'});
    assert.equal(visitor.room.servedBy?.username, 'carla');
    const list = await api(server.url, `${BASE}/agents`, {headers: admin.headers});
    const row = list.body.agents.find((a: {username: string}) => a.username === 'carla');
    assert.deepEqual(row, {
      username: 'carla',
      name: 'Carla',
      isAdmin: false,
      status: 'available',
      openChats: 1,
    });
    const busy = await api(server.url, `${BASE}/agents.remove`, {
      headers: admin.headers,
      body: {username: 'carla'},
    });
    assert.equal(busy.status, 400);
    assert.match(busy.body.error, /carla still serves open chats: transfer or close them first/);

    const reset = await api(server.url, `${BASE}/agents.password`, {
      headers: admin.headers,
      body: {username: 'carla', password: 'another-password'},
    });
    assert.equal(reset.status, 200);
    assert.equal((await api(server.url, '/api/v1/me', {headers: carla.headers})).status, 401);
    await assert.rejects(agentLogin(server.url, 'carla', 'carla-password'));
    const again2 = await agentLogin(server.url, 'carla', 'another-password');
    await api(server.url, '/api/v1/livechat/room.closeByUser', {
      headers: again2.headers,
      body: {rid: visitor.rid},
    });
    const removed = await api(server.url, `${BASE}/agents.remove`, {
      headers: admin.headers,
      body: {username: 'carla'},
    });
    assert.equal(removed.status, 200);
    await assert.rejects(agentLogin(server.url, 'carla', 'another-password'));
    const self = await api(server.url, `${BASE}/agents.remove`, {
      headers: admin.headers,
      body: {username: ADMIN.username},
    });
    assert.equal(self.status, 400);
  });

  it("an admin's own new password ends their other sessions, not the one they set it from", async () => {
    const here = admin;
    const elsewhere = await agentLogin(server.url, ADMIN.username, ADMIN.password);
    const reset = await api(server.url, `${BASE}/agents.password`, {
      headers: here.headers,
      body: {username: ADMIN.username, password: ADMIN.password},
    });
    assert.equal(reset.status, 200);
    assert.equal((await api(server.url, `${BASE}/agents`, {headers: here.headers})).status, 200);
    assert.equal((await api(server.url, '/api/v1/me', {headers: elsewhere.headers})).status, 401);
  });

  it('edits departments: visitors see the new name, agent lists stay on the server', async () => {
    const saved = await api(server.url, `${BASE}/settings`, {
      headers: admin.headers,
      body: {
        settings: {
          departments: [
            {_id: 'repairs', name: 'Workshop repairs', agents: ['agent']},
            {_id: 'sales', name: 'Sales', showOnRegistration: false, agents: []},
          ],
        },
      },
    });
    assert.equal(saved.status, 200);
    const {body} = await api(server.url, '/api/v1/livechat/config');
    assert.deepEqual(
      body.config.departments.map((d: Record<string, unknown>) => d),
      [
        {
          _id: 'repairs',
          name: 'Workshop repairs',
          showOnRegistration: true,
          showOnOfflineForm: true,
        },
        {_id: 'sales', name: 'Sales', showOnRegistration: false, showOnOfflineForm: true},
      ],
    );
  });
});

describe('business hours', () => {
  const monday = (utc: string) => new Date(`2026-12-07T${utc}:00Z`);

  it('opens by the local time of the zone, weekday included', () => {
    const hours = {
      enabled: true,
      timeZone: 'America/New_York',
      days: {monday: {open: '09:00', close: '17:00'}},
    };
    assert.equal(isOpen(hours, monday('15:00')), true); // 10:00 in New York
    assert.equal(isOpen(hours, monday('22:30')), false); // 17:30
    assert.equal(isOpen(hours, monday('13:59')), false); // 08:59
    // 01:00 UTC on Monday is still Sunday evening in New York: closed.
    assert.equal(isOpen(hours, monday('01:00')), false);
    const tokyo = {...hours, timeZone: 'Asia/Tokyo'};
    assert.equal(isOpen(tokyo, monday('01:00')), true); // Monday 10:00 in Tokyo
    assert.equal(isOpen({...hours, enabled: false}, monday('01:00')), true);
  });

  it('puts config.online to false outside them and refuses new chats; inside, chats start', async () => {
    let now = monday('15:00');
    const server = await startTestServer({
      clock: () => now,
      settings: {
        businessHours: {
          enabled: true,
          timeZone: 'Europe/Berlin',
          days: {monday: {open: '09:00', close: '17:00'}},
        },
      },
    });
    try {
      const online = async () =>
        (await api(server.url, '/api/v1/livechat/config')).body.config.online;
      assert.equal(await online(), true); // 16:00 in Berlin
      now = monday('16:30'); // 17:30 in Berlin
      assert.equal(await online(), false);
      await assert.rejects(createVisitorWithRoom(server.url), /no-agent-online/);
      now = monday('08:15'); // 09:15
      assert.equal(await online(), true);
      const visitor = await createVisitorWithRoom(server.url);
      assert.ok(visitor.rid);
    } finally {
      await server.close();
    }
  });
});
