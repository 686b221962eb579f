import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {describe, it} from 'node:test';
import WebSocket from 'ws';
import {newMessageId} from '../../src/core/ids.js';
import {DdpConnection} from '../../src/core/transport/ddp.js';
import {websocketUrl, type SocketLike} from '../../src/core/transport/socket.js';
import {
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  type DdpTestClient,
} from '../helpers/node/server-fixture.js';

const newToken = () => randomBytes(16).toString('hex');
const SLOW_DOWN = 'Error, too many requests\\. Please slow down\\. You must wait (\\d+) seconds ';
const REST_WAIT = new RegExp(
  `^${SLOW_DOWN}before trying this endpoint again\\. ` + '\\[error-too-many-requests\\]$',
);
const DDP_WAIT = new RegExp(`^${SLOW_DOWN}before trying again\\.$`);

/** Opens `count` DDP sockets (each closed by the caller). */
async function sockets(url: string, count: number): Promise<DdpTestClient[]> {
  return Promise.all(Array.from({length: count}, () => connectDdp(url)));
}

describe('limits per visitor token, with a per-address ceiling (one NAT address)', () => {
  it('12 visitors on one address all start a chat; page loads never meet a limit', async () => {
    const server = await startTestServer({rateLimit: true});
    try {
      // Every request comes from 127.0.0.1, as a whole office behind one NAT address would.
      const visitors = [];
      for (let i = 0; i < 12; i++) visitors.push(await createVisitorWithRoom(server.url));
      for (const visitor of visitors) {
        const sent = await api(server.url, '/api/v1/livechat/message', {
          body: {token: visitor.token, rid: visitor.rid, msg: 'Hello'},
        });
        assert.equal(sent.status, 200);
      }
      const loads = await Promise.all(
        Array.from({length: 60}, () => api(server.url, '/api/v1/livechat/config')),
      );
      assert.deepEqual(
        loads.map((r) => r.status),
        loads.map(() => 200),
      );
      // A returning visitor clicking through 20 pages in a minute: each page reads the config
      // and catches up on the conversation.
      const [reader] = visitors;
      for (let page = 0; page < 20; page++) {
        const reads = await Promise.all([
          api(server.url, '/api/v1/livechat/config', {query: {token: reader.token}}),
          api(server.url, `/api/v1/livechat/messages.history/${reader.rid}`, {
            query: {token: reader.token},
          }),
        ]);
        assert.deepEqual(
          reads.map((r) => r.status),
          [200, 200],
          `page ${page + 1}`,
        );
      }
    } finally {
      await server.close();
    }
  });

  it("one visitor's flood is refused with Retry-After while others on the address go on", async () => {
    const server = await startTestServer({rateLimit: true});
    try {
      const [flooder, neighbour] = [
        await createVisitorWithRoom(server.url),
        await createVisitorWithRoom(server.url),
      ];
      const send = (v: typeof flooder, msg: string) =>
        api(server.url, '/api/v1/livechat/message', {body: {token: v.token, rid: v.rid, msg}});
      for (let i = 0; i < 10; i++) assert.equal((await send(flooder, `m${i}`)).status, 200);
      const refused = await send(flooder, 'one too many');
      assert.equal(refused.status, 429);
      const seconds = Number(REST_WAIT.exec(refused.body.error)?.[1]);
      // Held back seconds, not the minute of Rocket.Chat's REST default: a fast typist's wait.
      assert.ok(seconds >= 1 && seconds <= 10, refused.body.error);
      assert.equal(refused.headers.get('retry-after'), String(seconds));
      assert.equal((await send(neighbour, 'still fine')).status, 200);
    } finally {
      await server.close();
    }
  });

  it('the per-address ceiling holds whatever tokens the address makes up', async () => {
    const server = await startTestServer({
      rateLimit: {
        visitor: {max: 5, windowMs: 60_000, perAddress: 4},
        rest: {max: 10, windowMs: 60_000, perAddress: 5},
      },
    });
    try {
      const register = () =>
        api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token: newToken()}}});
      const created = [];
      for (let i = 0; i < 5; i++) created.push((await register()).status);
      assert.deepEqual(created, [200, 200, 200, 200, 429]);
      const nextAgent = () => api(server.url, `/api/v1/livechat/agent.next/${newToken()}`);
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await nextAgent()).status);
      assert.equal(answers.filter((s) => s === 429).length, 1);
      assert.equal(answers.at(-1), 429);
    } finally {
      await server.close();
    }
  });
});

describe('REST and DDP draw on the same buckets, across sockets', () => {
  it('livechat/message and sendMessageLivechat share one bucket per visitor', async () => {
    const server = await startTestServer({rateLimit: {ddp: {max: 3, windowMs: 10_000}}});
    const ddp = await connectDdp(server.url);
    try {
      const visitor = await createVisitorWithRoom(server.url);
      const viaDdp = (msg: string) =>
        ddp.call('sendMessageLivechat', [
          {_id: newMessageId(), rid: visitor.rid, msg, token: visitor.token},
        ]);
      assert.equal('error' in (await viaDdp('one')), false);
      assert.equal('error' in (await viaDdp('two')), false);
      const viaRest = await api(server.url, '/api/v1/livechat/message', {
        body: {token: visitor.token, rid: visitor.rid, msg: 'three'},
      });
      assert.equal(viaRest.status, 200);
      const refused = await viaDdp('four');
      assert.equal(refused.error.error, 'too-many-requests');
      assert.match(refused.error.reason, DDP_WAIT);
      assert.ok(
        refused.error.details.timeToReset > 0 && refused.error.details.timeToReset <= 10_000,
      );
    } finally {
      ddp.close();
      await server.close();
    }
  });

  it('20 sockets cannot create more visitors than the address may; nor REST after them', async () => {
    const server = await startTestServer({rateLimit: true});
    const clients = await sockets(server.url, 20);
    try {
      const answers = await Promise.all(
        clients.map((ddp) =>
          ddp.call('livechat:registerGuest', [{token: newToken(), name: 'Bot'}]),
        ),
      );
      const created = answers.filter((frame) => !('error' in frame)).length;
      // `visitor` is 5 per token and 50 per address a minute: 20 sockets, 20 fresh tokens fit.
      assert.equal(created, 20);
      const more = await sockets(server.url, 31);
      clients.push(...more);
      const second = await Promise.all(
        more.map((ddp) => ddp.call('livechat:registerGuest', [{token: newToken(), name: 'Bot'}])),
      );
      assert.equal(second.filter((frame) => !('error' in frame)).length, 30);
      assert.equal(second.filter((f) => f.error?.error === 'too-many-requests').length, 1);
      const viaRest = await api(server.url, '/api/v1/livechat/visitor', {
        body: {visitor: {token: newToken()}},
      });
      assert.equal(viaRest.status, 429);
    } finally {
      for (const ddp of clients) ddp.close();
      await server.close();
    }
  });

  it('offline messages count per address across sockets and REST', async () => {
    const server = await startTestServer({rateLimit: true});
    const clients = await sockets(server.url, 5);
    try {
      const form = {name: 'Flo', email: 'flo@example.com', message: 'Hello?'};
      const answers = await Promise.all(
        clients.map((ddp) => ddp.call('livechat:sendOfflineMessage', [form])),
      );
      assert.equal(answers.filter((frame) => !('error' in frame)).length, 3);
      const viaRest = await api(server.url, '/api/v1/livechat/offline.message', {body: form});
      assert.equal(viaRest.status, 429);
      assert.ok(Number(viaRest.headers.get('retry-after')) >= 1);
    } finally {
      for (const ddp of clients) ddp.close();
      await server.close();
    }
  });
});

describe('sockets per address', () => {
  it('closes sockets over the cap with 1013, and the client reconnects once one is free', async () => {
    const server = await startTestServer({maxSocketsPerAddress: 2});
    const held = await sockets(server.url, 2);
    const client = new DdpConnection(websocketUrl(server.url), {
      socketFactory: (address) => new WebSocket(address) as unknown as SocketLike,
    });
    try {
      const refused = await connectDdp(server.url, {handshake: false});
      assert.deepEqual(await refused.closed, {
        code: 1013,
        reason: 'Too many connections from this address',
      });
      const fatal: unknown[] = [];
      client.on('error', ({error}) => {
        if (error.error === 'failed') fatal.push(error);
      });
      const connecting = client.connect();
      // Refused while both slots are taken; then one frees and a later attempt gets in.
      await new Promise<void>((resolve) => {
        const off = client.on('status', ({status}) => {
          if (status !== 'reconnecting') return;
          off();
          resolve();
        });
      });
      held[0].close();
      await connecting;
      assert.equal(client.fatalError, null);
      assert.equal(client.isConnected, true);
      assert.deepEqual(fatal, []);
    } finally {
      client.close();
      for (const ddp of held) ddp.close();
      await server.close();
    }
  });
});
