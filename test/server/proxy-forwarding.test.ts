import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {request} from 'node:http';
import {after, before, describe, it} from 'node:test';
import {addressOf, parseForwarded} from '../../src/server/forwarding.js';
import {startForwardingProxy, type ForwardingProxy} from '../helpers/node/forwarding-proxy.js';
import {api, connectDdp, startTestServer, type TestServer} from '../helpers/node/server-fixture.js';

const newToken = () => randomBytes(16).toString('hex');

/**
 * `POST livechat/visitor` for a fresh visitor, sent from `localAddress` (another client on
 * loopback) with `headers`; resolves the status.
 */
function registerFrom(
  url: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const body = JSON.stringify({visitor: {token: newToken()}});
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/api/v1/livechat/visitor', url),
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: {'content-type': 'application/json', ...headers},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Registers a visitor from each of `addresses` in turn; resolves the statuses. */
async function registerEach(url: string, addresses: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const address of addresses) statuses.push(await registerFrom(url, address));
  return statuses;
}

/** Two visitors per address (five with rate limits off), as the existing proxy tests use. */
const visitorLimit = {visitor: {max: 5, windowMs: 60_000, perAddress: 2}};

const VISITORS = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];

describe('behind a proxy that is not trusted: every visitor shares its address', () => {
  let server: TestServer;
  let proxy: ForwardingProxy;
  const warnings: {message: string; fields: Record<string, unknown>}[] = [];
  before(async () => {
    server = await startTestServer({
      rateLimit: visitorLimit,
      onWarning: (message, fields) => warnings.push({message, fields}),
    });
    proxy = await startForwardingProxy(server.port);
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });

  it('does not believe X-Forwarded-For, warns once naming --trust-proxy, shows it in /healthz', async () => {
    const before = await api(server.url, '/healthz');
    assert.equal(before.body.proxy, 'direct');
    // Three visitors on three addresses come through the proxy: the server sees one address.
    assert.deepEqual(await registerEach(proxy.url, VISITORS), [200, 200, 429]);
    assert.equal(warnings.length, 1, 'one warning, not one per request');
    assert.match(warnings[0].message, /^X-Forwarded-For from 127\.0\.0\.1 ignored/);
    assert.match(warnings[0].message, /--trust-proxy 127\.0\.0\.1/);
    assert.equal(warnings[0].fields.peer, '127.0.0.1');
    const health = await api(server.url, '/healthz');
    assert.equal(health.status, 200, 'the server still works: a load balancer keeps it');
    assert.equal(health.body.status, 'ok');
    assert.match(health.body.proxy, /^warning: X-Forwarded-For from 127\.0\.0\.1 ignored/);
    assert.match(health.body.proxy, /--trust-proxy 127\.0\.0\.1/);
  });

  it('notices Forwarded and X-Real-IP too, and never believes them', async () => {
    const forwarded = await startTestServer({
      rateLimit: visitorLimit,
      onWarning: (message, fields) => warnings.push({message, fields}),
    });
    const realIp = await startForwardingProxy(forwarded.port, {
      forward: (peer) => ({'x-real-ip': peer}),
    });
    try {
      const statuses = await registerEach(realIp.url, VISITORS);
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.match(warnings.at(-1)!.message, /^X-Real-IP from 127\.0\.0\.1 ignored/);
      const spoofed = await registerFrom(forwarded.url, '127.0.0.5', {
        forwarded: 'for=10.9.9.9',
      });
      assert.equal(spoofed, 200);
      // The direct client's address counts, whatever it claims: two more from it, one refused.
      const again = await registerFrom(forwarded.url, '127.0.0.5', {forwarded: 'for=10.9.9.8'});
      const third = await registerFrom(forwarded.url, '127.0.0.5', {forwarded: 'for=10.9.9.7'});
      assert.deepEqual([again, third], [200, 429]);
      const health = await api(forwarded.url, '/healthz');
      assert.match(health.body.proxy, /^warning: Forwarded from 127\.0\.0\.5 ignored/);
    } finally {
      await realIp.close();
      await forwarded.close();
    }
  });
});

describe('behind a trusted proxy: each visitor has its own address, REST and DDP alike', () => {
  it('gives each forwarded visitor its own limits (X-Forwarded-For, X-Real-IP), with no warning', async () => {
    const warnings: string[] = [];
    const server = await startTestServer({
      rateLimit: visitorLimit,
      trustProxy: ['127.0.0.1'],
      onWarning: (message) => warnings.push(message),
    });
    const proxy = await startForwardingProxy(server.port);
    try {
      assert.deepEqual(await registerEach(proxy.url, VISITORS), [200, 200, 200]);
      assert.deepEqual(
        await registerEach(proxy.url, ['127.0.0.2', '127.0.0.2']),
        [200, 429],
        'a third visitor of 127.0.0.2 meets its ceiling',
      );
      // A proxy that names the client only in X-Real-IP (nginx's `proxy_set_header X-Real-IP`).
      const realIp = await startForwardingProxy(server.port, {
        forward: (peer) => ({'x-real-ip': peer}),
      });
      try {
        const five = ['127.0.0.5', '127.0.0.5', '127.0.0.5'];
        assert.deepEqual(await registerEach(realIp.url, five), [200, 200, 429]);
        assert.deepEqual(await registerEach(realIp.url, ['127.0.0.6']), [200]);
      } finally {
        await realIp.close();
      }
      assert.deepEqual(warnings, []);
      assert.equal((await api(proxy.url, '/healthz')).body.proxy, 'trusted: 127.0.0.1');
    } finally {
      await proxy.close();
      await server.close();
    }
  });

  it('reads RFC 7239 Forwarded when X-Forwarded-For is absent: ports, brackets, unknown', async () => {
    const server = await startTestServer({rateLimit: visitorLimit, trustProxy: ['127.0.0.1']});
    const as = (forwarded: string) => registerFrom(server.url, '127.0.0.1', {forwarded});
    try {
      assert.deepEqual(
        [await as('for=192.0.2.60;proto=https;by=203.0.113.43'), await as('for=192.0.2.60')],
        [200, 200],
      );
      assert.equal(await as('For="192.0.2.60:8080"'), 429, 'a port is not a new address');
      assert.equal(await as('for=192.0.2.61'), 200);
      // One IPv6 /64, whatever the host part and port.
      assert.equal(await as('for="[2001:db8:cafe::17]:4711"'), 200);
      assert.equal(await as('for="[2001:db8:cafe::18]"'), 200);
      assert.equal(await as('for="[2001:db8:cafe::19]:1"'), 429);
      // The nearest proxy's element is the one believed; an earlier one is the client's claim.
      assert.equal(await as('for=198.51.100.1, for=192.0.2.62'), 200);
      assert.equal(await as('for=198.51.100.1, for=192.0.2.62'), 200);
      assert.equal(await as('for=198.51.100.2, for=192.0.2.62'), 429);
      // X-Forwarded-For, when present, wins over Forwarded.
      const both = {forwarded: 'for=192.0.2.63', 'x-forwarded-for': '192.0.2.60'};
      assert.equal(await registerFrom(server.url, '127.0.0.1', both), 429);
    } finally {
      await server.close();
    }
  });

  it('believes no unknown, obfuscated or malformed node: the proxy itself is the client', async () => {
    const server = await startTestServer({rateLimit: visitorLimit, trustProxy: ['127.0.0.1']});
    const as = (headers: Record<string, string>) => registerFrom(server.url, '127.0.0.1', headers);
    try {
      const statuses = [
        await as({forwarded: 'for=unknown'}),
        await as({forwarded: 'for=_hidden'}),
        await as({forwarded: 'for="_gazonk";proto=https'}),
        await as({forwarded: 'for="[not-an-address]:80", for=";;,,"'}),
        await as({'x-forwarded-for': '192.0.2.70, unknown'}),
      ];
      // Each of them counts as 127.0.0.1, the trusted proxy: two pass, the rest meet its ceiling.
      assert.deepEqual(statuses, [200, 200, 429, 429, 429]);
      assert.equal((await api(server.url, '/healthz')).status, 200, 'no crash');
    } finally {
      await server.close();
    }
  });

  it('keys the DDP upgrade by the same address as REST', async () => {
    const server = await startTestServer({maxSocketsPerAddress: 1, trustProxy: ['127.0.0.1']});
    const proxy = await startForwardingProxy(server.port);
    const sockets = [];
    try {
      sockets.push(await connectDdp(proxy.url, {localAddress: '127.0.0.2'}));
      sockets.push(await connectDdp(proxy.url, {localAddress: '127.0.0.3'}));
      sockets.push(await connectDdp(server.url, {headers: {forwarded: 'for="[2001:db8::1]:443"'}}));
      const over = await connectDdp(proxy.url, {localAddress: '127.0.0.2', handshake: false});
      sockets.push(over);
      assert.equal((await over.closed).code, 1013, 'a second socket of 127.0.0.2 is over its cap');
      const sameNet = await connectDdp(server.url, {
        handshake: false,
        headers: {forwarded: 'for="[2001:db8::2]"'},
      });
      sockets.push(sameNet);
      assert.equal((await sameNet.closed).code, 1013, 'the /64 already holds its socket');
      assert.equal(server.openSockets(), 3);
    } finally {
      for (const socket of sockets) socket.close();
      await proxy.close();
      await server.close();
    }
  });
});

describe('forwarding headers, parsed', () => {
  it('reads addresses the way RFC 7239 writes them and nothing else', () => {
    assert.equal(addressOf('192.0.2.60'), '192.0.2.60');
    assert.equal(addressOf(' "192.0.2.60:47011" '), '192.0.2.60');
    assert.equal(addressOf('[2001:db8:cafe::17]:4711'), '2001:db8:cafe::17');
    assert.equal(addressOf('"[2001:db8:cafe::17]"'), '2001:db8:cafe::17');
    assert.equal(addressOf('2001:db8::1'), '2001:db8::1');
    for (const node of ['unknown', '_hidden', '"_SEVKISEK"', '[192.0.2.1]', '1.2.3:80', '', '"']) {
      assert.equal(addressOf(node), null, node);
    }
    assert.deepEqual(parseForwarded('for=a;proto=HTTPS;by=b, FOR="[::1]:80";x="a,b;c"'), [
      {for: 'a', proto: 'HTTPS'},
      {for: '[::1]:80', proto: undefined},
    ]);
    assert.deepEqual(parseForwarded('for="a\\"b,c"'), [{for: 'a"b,c', proto: undefined}]);
    assert.deepEqual(parseForwarded(';;,=,toString=1'), [
      {for: undefined, proto: undefined},
      {for: undefined, proto: undefined},
      {for: undefined, proto: undefined},
    ]);
  });
});
