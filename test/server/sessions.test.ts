import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import {LoginGuard} from '../../src/server/rest/login-guard.js';

const STREAM_OPTIONS = {useCollection: false, args: [{}]};
const TOO_MANY = new RegExp(
  '^Error, too many requests\\. Please slow down\\. You must wait ' +
    '(\\d+) seconds before trying this endpoint again\\. \\[error-too-many-requests\\]$',
);

describe('logout ends the live DDP sessions of its token', () => {
  it('stops the agent subscriptions with nosub, closes the socket, and refuses the token', async () => {
    const server = await startTestServer();
    try {
      const agent = await agentLogin(server.url);
      const other = await agentLogin(server.url);
      const visitor = await createVisitorWithRoom(server.url);
      const ddp = await connectDdp(server.url);
      const kept = await connectDdp(server.url);
      try {
        assert.equal(
          (await ddp.call('login', [{resume: agent.authToken}])).result.id,
          agent.userId,
        );
        await kept.call('login', [{resume: other.authToken}]);
        const subs = [
          ['stream-room-messages', ['__agent__', STREAM_OPTIONS]],
          ['stream-notify-user', [`${agent.userId}/rooms-changed`, STREAM_OPTIONS]],
          ['stream-notify-room', [`${visitor.rid}/user-activity`, STREAM_OPTIONS]],
        ] as const;
        for (const [name, params] of subs) {
          assert.equal((await ddp.subscribe(name, [...params])).msg, 'ready');
        }
        assert.equal(
          (await kept.subscribe('stream-room-messages', ['__agent__', STREAM_OPTIONS])).msg,
          'ready',
        );

        const out = await api(server.url, '/api/v1/logout', {
          method: 'POST',
          headers: agent.headers,
        });
        assert.equal(out.status, 200);
        const ended = await Promise.all(subs.map(() => ddp.next((f) => f.msg === 'nosub')));
        for (const frame of ended) assert.equal(frame.error.error, 403);
        assert.deepEqual(await ddp.closed, {code: 4401, reason: 'logged out'});

        // What the console does next: it reconnects, logs in again and is refused.
        const again = await connectDdp(server.url);
        try {
          const refused = await again.call('login', [{resume: agent.authToken}]);
          assert.equal(refused.error.error, 403);
          const write = await again.call('stream-notify-room', [
            `${visitor.rid}/user-activity`,
            TEST_AGENT.username,
            ['user-typing'],
            {},
          ]);
          assert.equal(write.error.error, 'not-allowed');
        } finally {
          again.close();
        }
        // The agent's other session goes on.
        const reply = await api(server.url, '/api/v1/chat.sendMessage', {
          headers: other.headers,
          body: {message: {rid: visitor.rid, msg: 'Still here'}},
        });
        assert.equal(reply.status, 200);
        const feed = await kept.nextEvent('stream-room-messages', '__agent__');
        assert.equal(feed.fields.args[0].msg, 'Still here');
      } finally {
        ddp.close();
        kept.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('agent login counts failures, per account and address, with backoff', () => {
  const ALICE = {username: 'alice', password: 'alice-pw', name: 'Alice'};
  const BOB = {username: 'bob', password: 'bob-pw', name: 'Bob'};
  const loginFrom = (url: string, ip: string, user: string, password: string) =>
    api(url, '/api/v1/login', {body: {user, password}, headers: {'x-forwarded-for': ip}});

  it('locks a pair after 5 failures; others and other addresses keep logging in', async () => {
    const server = await startTestServer({
      rateLimit: true,
      trustProxy: ['127.0.0.1'],
      agents: [ALICE, BOB],
    });
    try {
      for (let i = 0; i < 12; i++) {
        assert.equal(
          (await loginFrom(server.url, '10.0.0.1', 'alice', ALICE.password)).status,
          200,
          'successes are not counted',
        );
      }
      const failures = [];
      for (let i = 0; i < 5; i++) {
        failures.push((await loginFrom(server.url, '10.0.0.1', 'bob', 'wrong')).status);
      }
      assert.deepEqual(failures, [401, 401, 401, 401, 401]);
      const locked = await loginFrom(server.url, '10.0.0.1', 'bob', BOB.password);
      assert.equal(locked.status, 429);
      const seconds = Number(TOO_MANY.exec(locked.body.error)?.[1]);
      assert.equal(locked.headers.get('retry-after'), String(seconds));
      assert.equal((await loginFrom(server.url, '10.0.0.2', 'bob', BOB.password)).status, 200);
      assert.equal((await loginFrom(server.url, '10.0.0.1', 'alice', ALICE.password)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('an address that fails on many accounts is locked, but not for agents who work from it', async () => {
    const server = await startTestServer({
      rateLimit: true,
      trustProxy: ['127.0.0.1'],
      agents: [ALICE, BOB],
    });
    try {
      assert.equal((await loginFrom(server.url, '10.0.0.3', 'alice', ALICE.password)).status, 200);
      for (let i = 0; i < 20; i++) {
        const sprayed = await loginFrom(server.url, '10.0.0.3', `user${i}`, 'guess');
        assert.equal(sprayed.status, 401);
      }
      assert.equal((await loginFrom(server.url, '10.0.0.3', 'bob', BOB.password)).status, 429);
      assert.equal((await loginFrom(server.url, '10.0.0.3', 'alice', ALICE.password)).status, 200);
      assert.equal((await loginFrom(server.url, '10.0.0.4', 'bob', BOB.password)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('backs off 1 s, 2 s, 4 s… up to 15 min, and a success starts the pair afresh', () => {
    const guard = new LoginGuard();
    const at = 1_000_000;
    for (let i = 0; i < 4; i++) guard.fail('bob', '10.0.0.1', at);
    assert.equal(guard.waitMs('bob', '10.0.0.1', at), 0, 'four failures are free');
    const locks = [];
    let now = at;
    for (let i = 0; i < 14; i++) {
      guard.fail('bob', '10.0.0.1', now);
      locks.push(guard.waitMs('bob', '10.0.0.1', now));
      now += locks.at(-1)!;
      assert.equal(guard.waitMs('bob', '10.0.0.1', now), 0, 'free again once the lock is over');
    }
    assert.deepEqual(locks.slice(0, 5), [1000, 2000, 4000, 8000, 16000]);
    assert.equal(Math.max(...locks), 15 * 60_000);
    guard.succeed('bob', '10.0.0.1');
    guard.fail('bob', '10.0.0.1', now);
    assert.equal(guard.waitMs('bob', '10.0.0.1', now), 0);
  });
});
