import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {DB_FILE_NAME} from '../../src/server/db.js';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';
import {absent, assertShape} from '../helpers/node/shape.js';

const SECOND_AGENT = {username: 'bo', password: 'bo-password', name: 'Bo'};

async function waitingVisitor(server: TestServer, name: string) {
  const token = randomBytes(16).toString('hex');
  await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token, name}}});
  const opened = await api(server.url, '/api/v1/livechat/room', {query: {token}});
  assert.equal(opened.status, 200);
  return {token, rid: opened.body.room._id as string};
}

async function queueInfoOf(server: TestServer, token: string) {
  const config = await api(server.url, '/api/v1/livechat/config', {query: {token}});
  return config.body.config.queueInfo;
}

describe('estimated queue wait (estimatedWaitTimeSeconds)', () => {
  it('counts the default per place in line until a wait has been measured', async () => {
    const server = await startTestServer({
      settings: {routing: 'manual', queueWaitDefaultSeconds: 90},
    });
    const ddp = await connectDdp(server.url);
    try {
      const first = await waitingVisitor(server, 'First');
      const second = await waitingVisitor(server, 'Second');
      assertShape(await queueInfoOf(server, first.token), {spot: 1, estimatedWaitTimeSeconds: 90});
      assertShape(await queueInfoOf(server, second.token), {
        spot: 2,
        estimatedWaitTimeSeconds: 180,
      });
      await ddp.subscribe('stream-livechat-room', [second.rid, visitorSubArgs(second.token)]);
      const told = await ddp.nextEvent('stream-livechat-room', second.rid);
      assertShape(told.fields.args[0], {data: {spot: 2, estimatedWaitTimeSeconds: 180}});
      const moved = ddp.nextEvent('stream-livechat-room', second.rid);
      await api(server.url, '/api/v1/livechat/room.close', {
        body: {token: first.token, rid: first.rid},
      });
      assertShape((await moved).fields.args[0], {
        type: 'queueData',
        data: {spot: 1, estimatedWaitTimeSeconds: 90, message: {text: ''}},
      });
    } finally {
      ddp.close();
      await server.close();
    }
  });

  it('sends no estimate without a default or measurements, or with nobody available', async () => {
    const server = await startTestServer({
      settings: {routing: 'manual', queueWaitDefaultSeconds: 0},
    });
    try {
      const visitor = await waitingVisitor(server, 'Waiting');
      assertShape(await queueInfoOf(server, visitor.token), {
        spot: 1,
        estimatedWaitTimeSeconds: absent,
      });
      await server.restart();
      const agent = await agentLogin(server.url);
      await api(server.url, '/api/v1/livechat/agent.status', {
        headers: agent.headers,
        body: {status: 'not-available'},
      });
      assertShape(await queueInfoOf(server, visitor.token), {
        spot: 1,
        estimatedWaitTimeSeconds: absent,
      });
    } finally {
      await server.close();
    }
  });

  it('estimates from measured waits, scaled by the agents available, across a restart', async () => {
    const server = await startTestServer({
      agents: [TEST_AGENT, SECOND_AGENT],
      settings: {routing: 'manual', queueWaitDefaultSeconds: 5},
    });
    try {
      const agent = await agentLogin(server.url);
      const served = await waitingVisitor(server, 'Served');
      const queued = await api(server.url, '/api/v1/livechat/inquiries.queued', {
        headers: agent.headers,
      });
      const taken = await api(server.url, '/api/v1/livechat/inquiries.take', {
        headers: agent.headers,
        body: {inquiryId: queued.body.inquiries[0]._id},
      });
      assert.equal(taken.status, 200);
      // The wait took milliseconds here; the stored one, kept across the restart, is
      // stretched to two minutes. Two agents were available at spot 1: 240 agent-s per spot.
      await server.restart();
      const db = new Database(join(server.dataDir, DB_FILE_NAME));
      const moved = db
        .prepare(
          `UPDATE queue_waits SET queued_at = served_at - 120000
          WHERE rid = ? AND served_at IS NOT NULL`,
        )
        .run(served.rid).changes;
      db.close();
      assert.equal(moved, 1, 'the served wait was stored');

      const ahead = await waitingVisitor(server, 'Ahead');
      const behind = await waitingVisitor(server, 'Behind');
      assertShape(await queueInfoOf(server, ahead.token), {spot: 1, estimatedWaitTimeSeconds: 120});
      assertShape(await queueInfoOf(server, behind.token), {
        spot: 2,
        estimatedWaitTimeSeconds: 240,
      });
      const bo = await agentLogin(server.url, SECOND_AGENT.username, SECOND_AGENT.password);
      await api(server.url, '/api/v1/livechat/agent.status', {
        headers: bo.headers,
        body: {status: 'not-available'},
      });
      assertShape(await queueInfoOf(server, behind.token), {
        spot: 2,
        estimatedWaitTimeSeconds: 480,
      });
    } finally {
      await server.close();
    }
  });
});
