import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {describe, it} from 'node:test';
import {clientKey} from '../../src/server/client-key.js';
import {
  api,
  connectDdp,
  startTestServer,
  until,
  type DdpTestClient,
} from '../helpers/node/server-fixture.js';

/** Registers a fresh visitor as if from `forwardedFor`; resolves the status. */
const registerFrom = async (url: string, forwardedFor: string) =>
  (
    await api(url, '/api/v1/livechat/visitor', {
      body: {visitor: {token: randomBytes(16).toString('hex')}},
      headers: {'x-forwarded-for': forwardedFor},
    })
  ).status;

describe('the key of per-address limits', () => {
  it('is an IPv6 address’s /64, and an IPv4 address (mapped or not) as it is', () => {
    assert.equal(clientKey('2001:db8:1:2::6:1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:0DB8:0001:0002:ffff:1:2:3'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(clientKey('10.0.0.1'), '10.0.0.1');
    assert.equal(clientKey('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(clientKey('::ffff:a00:1'), '10.0.0.1');
    assert.equal(clientKey('64:ff9b::10.0.0.1'), '64:ff9b:0:0::/64');
    assert.equal(clientKey('not an address'), 'not an address');
  });

  it('counts a /64 as one address for the REST limits', async () => {
    const server = await startTestServer({
      rateLimit: {visitor: {max: 5, windowMs: 60_000, perAddress: 2}},
      trustProxy: ['127.0.0.1'],
    });
    try {
      const statuses = [];
      for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::3']) {
        statuses.push(await registerFrom(server.url, ip));
      }
      statuses.push(await registerFrom(server.url, '2001:db8:1:3::1'));
      for (const ip of ['10.0.0.1', '::ffff:10.0.0.1', '10.0.0.1']) {
        statuses.push(await registerFrom(server.url, ip));
      }
      assert.deepEqual(statuses, [200, 200, 429, 200, 200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  it('counts a /64 as one address for the socket cap', async () => {
    const server = await startTestServer({maxSocketsPerAddress: 1, trustProxy: ['127.0.0.1']});
    const from = (ip: string) =>
      connectDdp(server.url, {handshake: false, headers: {'x-forwarded-for': ip}});
    const open: DdpTestClient[] = [];
    try {
      open.push(await from('2001:db8:1:2::1'));
      await until(() => server.openSockets() === 1, 'the first socket of the /64');
      const over = await from('2001:db8:1:2::2');
      open.push(over);
      assert.equal((await over.closed).code, 1013);
      open.push(await from('2001:db8:1:3::1'));
      await until(() => server.openSockets() === 2, 'a socket of another /64');
    } finally {
      for (const ddp of open) ddp.close();
      await server.close();
    }
  });
});
