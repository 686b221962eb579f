import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {describe, it} from 'node:test';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import type {VisitorSweep} from '../../src/server/livechat/visitor-sweep.js';
import {
  agentLogin,
  agentPosts,
  api,
  connectDdp,
  createVisitorWithRoom,
  postOk,
  startTestServer,
  until,
  visitorSays,
  type TestServer,
} from '../helpers/node/server-fixture.js';

const HOUR_MS = 60 * 60_000;

/** A sweep whose clock a test moves, and the runs it made. */
function movableSweep(batchSize?: number) {
  const sweeps: VisitorSweep[] = [];
  const clock = {offsetMs: 0};
  return {
    sweeps,
    clock,
    options: {
      intervalMs: 50,
      batchSize,
      now: () => Date.now() + clock.offsetMs,
      onSweep: (sweep: VisitorSweep) => sweeps.push(sweep),
    },
    /** Moves the clock `hours` on and resolves after a whole run at that time. */
    async passHours(hours: number) {
      clock.offsetMs = hours * HOUR_MS;
      const seen = sweeps.length;
      // A run under way may have read the old time: wait for one that started after the move.
      await until(() => sweeps.length >= seen + 2, 'two sweeps after the clock moved');
    },
  };
}

const known = async (server: TestServer, token: string) =>
  (await api(server.url, `/api/v1/livechat/visitor/${token}`)).status === 200;

const registerOnly = async (server: TestServer) => {
  const token = randomBytes(16).toString('hex');
  await postOk(server.url, '/api/v1/livechat/visitor', {visitor: {token, name: 'Bot'}});
  return token;
};

describe('abandoned visitors (abandonedVisitorHours)', () => {
  it('deletes visitors who never wrote once idle, and keeps anyone with a chat', async () => {
    const sweep = movableSweep(2);
    const server = await startTestServer({
      abandonedVisitorHours: 24,
      visitorSweep: sweep.options,
      visitorOfflineGraceMs: 0,
    });
    try {
      const agent = await agentLogin(server.url);
      const bare = await registerOnly(server);
      const empty = await createVisitorWithRoom(server.url);
      const wrote = await createVisitorWithRoom(server.url);
      await visitorSays(server.url, wrote, 'Do you ship to Norway?');
      const greeted = await createVisitorWithRoom(server.url);
      assert.equal((await agentPosts(server.url, agent, greeted.rid, 'Hello!')).status, 200);
      const closed = await createVisitorWithRoom(server.url);
      await postOk(server.url, '/api/v1/livechat/room.close', {
        token: closed.token,
        rid: closed.rid,
      });
      const present = await registerOnly(server);
      const socket = await connectDdp(server.url);
      const bound = await socket.call('livechat:setUpConnection', [{token: present}]);
      assert.equal(bound.error, undefined);
      const offline = await api(server.url, '/api/v1/livechat/offline.message', {
        body: {name: 'Olga', email: 'olga@example.com', message: 'Call me back'},
      });
      assert.equal(offline.status, 200);
      const openRooms = async () =>
        (
          await api(server.url, '/api/v1/livechat/rooms', {
            headers: agent.headers,
            query: {open: 'true'},
          })
        ).body.rooms.map((room: {_id: string}) => room._id) as string[];
      assert.ok((await openRooms()).includes(empty.rid));

      await sweep.passHours(23);
      assert.ok(await known(server, bare), 'idle 23 h: still there');

      await sweep.passHours(25);
      assert.equal(await known(server, bare), false, 'registered only: deleted');
      assert.equal(await known(server, empty.token), false, 'empty room: deleted');
      assert.ok(!(await openRooms()).includes(empty.rid), "gone from the agent's chats");
      for (const [token, what] of [
        [wrote.token, 'wrote a message'],
        [greeted.token, 'an agent wrote'],
        [closed.token, 'a chat in History'],
        [present, 'a page open'],
      ]) {
        assert.ok(await known(server, token), `kept: ${what}`);
      }
      const history = await api(server.url, '/api/v1/livechat/messages.history/' + wrote.rid, {
        query: {token: wrote.token},
      });
      const texts = history.body.messages.map((m: {msg: string}) => m.msg);
      assert.ok(texts.includes('Do you ship to Norway?'));
      const inbox = await api(server.url, '/api/v1/livechat/offline.messages', {
        headers: agent.headers,
      });
      assert.equal(inbox.body.total, 1, 'the offline message stays');
      assert.ok(sweep.sweeps.some((s) => s.visitors === 2 && s.rooms === 1));
      socket.close();
    } finally {
      await server.close();
    }
  });

  it('takes a deleted waiting chat out of the queue: the chat behind moves up', async () => {
    const sweep = movableSweep();
    const server = await startTestServer({
      abandonedVisitorHours: 1,
      visitorSweep: sweep.options,
      visitorOfflineGraceMs: 0,
      settings: {routing: 'manual'},
    });
    try {
      const agent = await agentLogin(server.url);
      const empty = await createVisitorWithRoom(server.url);
      const waiting = await createVisitorWithRoom(server.url);
      await visitorSays(server.url, waiting, 'Is anyone there?');
      const spot = async () =>
        (await api(server.url, '/api/v1/livechat/config', {query: {token: waiting.token}})).body
          .config.queueInfo?.spot;
      assert.equal(await spot(), 2);
      await sweep.passHours(2);
      assert.equal(await known(server, empty.token), false);
      assert.equal(await spot(), 1);
      const queued = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
      });
      assert.deepEqual(
        queued.body.inquiries.map((i: {rid: string}) => i.rid),
        [waiting.rid],
      );
    } finally {
      await server.close();
    }
  });

  it('frees the agent of a deleted empty chat for the next waiting one', async () => {
    const sweep = movableSweep();
    const server = await startTestServer({
      abandonedVisitorHours: 1,
      visitorSweep: sweep.options,
      visitorOfflineGraceMs: 0,
      settings: {maxChatsPerAgent: 1},
    });
    try {
      const empty = await createVisitorWithRoom(server.url);
      assert.ok(empty.room.servedBy, 'the only agent serves the empty chat');
      const waiting = await createVisitorWithRoom(server.url);
      assert.equal(waiting.room.servedBy, undefined, 'the next one waits');
      await visitorSays(server.url, waiting, 'Hello?');
      await sweep.passHours(2);
      const room = await api(server.url, '/api/v1/livechat/room', {
        query: {token: waiting.token},
      });
      assert.equal(room.body.room.servedBy?.username, 'agent');
    } finally {
      await server.close();
    }
  });

  it('lets a deleted visitor come back with the same token as a new one', async () => {
    const sweep = movableSweep();
    const server = await startTestServer({
      abandonedVisitorHours: 24,
      visitorSweep: sweep.options,
      visitorOfflineGraceMs: 0,
    });
    try {
      const first = await createVisitorWithRoom(server.url, {name: 'Ann'});
      await sweep.passHours(25);
      // What the widget asks first on a page load: no guest, no room, no error.
      const config = await api(server.url, '/api/v1/livechat/config', {
        query: {token: first.token},
      });
      assert.equal(config.status, 200);
      assert.equal(config.body.config.guest, undefined);
      assert.equal(config.body.config.room, undefined);
      const again = await createVisitorWithRoom(server.url, {token: first.token, name: 'Ann'});
      assert.notEqual(again.visitor._id, first.visitor._id);
      assert.notEqual(again.rid, first.rid);
      await visitorSays(server.url, again, 'Back again');
      const old = await api(server.url, '/api/v1/livechat/messages.history/' + first.rid, {
        query: {token: first.token},
      });
      assert.notEqual(old.status, 200, 'the deleted room is unknown');
    } finally {
      await server.close();
    }
  });

  it('keeps everyone with 0, and reads the flag and the config file', async () => {
    const sweep = movableSweep();
    const server = await startTestServer({
      abandonedVisitorHours: 0,
      visitorSweep: sweep.options,
      visitorOfflineGraceMs: 0,
    });
    try {
      const bare = await registerOnly(server);
      await sweep.passHours(24 * 365);
      assert.ok(await known(server, bare));
    } finally {
      await server.close();
    }
    const parsed = parseCliArgs(['--abandoned-visitor-hours', '48']);
    assert.equal(parsed.kind === 'run' && parsed.options.abandonedVisitorHours, 48);
    const refused = parseCliArgs(['--abandoned-visitor-hours', '1.5']);
    assert.equal(refused.kind, 'error');
    const file = parseConfigFile('{"abandonedVisitorHours": 72}');
    assert.equal(typeof file === 'object' && file.abandonedVisitorHours, 72);
    assert.equal(typeof parseConfigFile('{"abandonedVisitorHours": -1}'), 'string');
  });
});
