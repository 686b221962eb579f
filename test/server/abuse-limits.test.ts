import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {connect, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} from '../../src/server/app.js';
import {parseCliArgs, type CliOptions} from '../../src/server/cli-args.js';
import {resolveConfig, type ResolvedConfig} from '../../src/server/cli-config.js';
import {refusalLog} from '../../src/server/log.js';
import {
  api,
  connectDdp,
  startTestServer,
  until,
  type DdpTestClient,
} from '../helpers/node/server-fixture.js';

const ATTACKER = '127.0.0.2';
const OTHER = '127.0.0.3';

/** A TCP connection to the server from `localAddress`, once it is established. */
async function rawSocket(port: number, localAddress: string): Promise<Socket> {
  const socket = connect({host: '127.0.0.1', port, localAddress});
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

/** What came back on a socket until the server closed it. */
function answer(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks))));
}

/** A request whose body trickles: the headers at once, then one byte of 60,000. */
async function slowBody(port: number, localAddress: string): Promise<Socket> {
  const socket = await rawSocket(port, localAddress);
  socket.write(
    'POST /api/v1/livechat/visitor HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      'Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{',
  );
  return socket;
}

/** The status line of a GET of `config` from `localAddress`, or '' when closed unanswered. */
async function statusLine(port: number, localAddress: string): Promise<string> {
  const socket = await rawSocket(port, localAddress);
  const answered = answer(socket);
  socket.write(
    'GET /api/v1/livechat/config HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  );
  return (await answered).toString('latin1').split('\r\n', 1)[0];
}

describe('HTTP connections per address', () => {
  it('refuses the connections of one address past the cap; other addresses go on', async () => {
    const server = await startTestServer({maxConnectionsPerAddress: 2});
    const slow = [await slowBody(server.port, ATTACKER), await slowBody(server.port, ATTACKER)];
    try {
      assert.equal(await statusLine(server.port, ATTACKER), '');
      assert.equal(await statusLine(server.port, OTHER), 'HTTP/1.1 200 OK');
      for (const socket of slow) socket.destroy();
      await until(
        async () => (await statusLine(server.port, ATTACKER)) === 'HTTP/1.1 200 OK',
        'the address to be served again once its slow requests are gone',
      );
    } finally {
      for (const socket of slow) socket.destroy();
      await server.close();
    }
  });

  it(`caps at ${DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} by default while rate limits are on`, async () => {
    const server = await startTestServer({rateLimit: true});
    const slow: Socket[] = [];
    try {
      while (slow.length < DEFAULT_MAX_CONNECTIONS_PER_ADDRESS) {
        slow.push(await slowBody(server.port, ATTACKER));
      }
      assert.equal(await statusLine(server.port, ATTACKER), '');
      assert.equal(await statusLine(server.port, OTHER), 'HTTP/1.1 200 OK');
    } finally {
      for (const socket of slow) socket.destroy();
      await server.close();
    }
  });

  it("never counts a trusted proxy's connections (IPv4-mapped peers too)", async () => {
    // On `::` an IPv4 peer is `::ffff:127.0.0.1`: still the proxy, and still one IPv4 address.
    for (const host of ['127.0.0.1', '::']) {
      const server = await startTestServer({
        host,
        maxConnectionsPerAddress: 1,
        trustProxy: ['127.0.0.1'],
      });
      const slow = [
        await slowBody(server.port, '127.0.0.1'),
        await slowBody(server.port, '127.0.0.1'),
      ];
      try {
        assert.equal(await statusLine(server.port, '127.0.0.1'), 'HTTP/1.1 200 OK', host);
        slow.push(await slowBody(server.port, ATTACKER));
        assert.equal(await statusLine(server.port, ATTACKER), '', host);
      } finally {
        for (const socket of slow) socket.destroy();
        await server.close();
      }
    }
  });

  it('leaves WebSockets to the socket cap', async () => {
    const server = await startTestServer({maxConnectionsPerAddress: 1, maxSocketsPerAddress: 3});
    const open: DdpTestClient[] = [];
    try {
      while (open.length < 3) open.push(await connectDdp(server.url));
      assert.equal(await statusLine(server.port, '127.0.0.1'), 'HTTP/1.1 200 OK');
    } finally {
      for (const ddp of open) ddp.close();
      await server.close();
    }
  });
});

const UPGRADE =
  'GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

/** The close code in the first close frame of an unmasked server stream, if any. */
function closeCode(bytes: Buffer): number | undefined {
  const body = bytes.indexOf('\r\n\r\n');
  if (body < 0) return undefined;
  for (let at = body + 4; at + 1 < bytes.length;) {
    const length = bytes[at + 1] & 0x7f;
    if (bytes[at] === 0x88) return bytes.readUInt16BE(at + 2);
    at += 2 + length;
  }
  return undefined;
}

describe('sockets over the per-address cap', () => {
  for (const socketProcesses of [0, 1]) {
    it(`are told 1013 and cut even when the client never answers (socket processes: ${socketProcesses})`, async () => {
      const server = await startTestServer({maxSocketsPerAddress: 1, socketProcesses});
      const held = await connectDdp(server.url, {handshake: false});
      await until(() => server.openSockets() === 1, 'the socket under the cap to be held');
      // A raw client: it reads, but never sends the close frame ws waits 30 s for.
      const refused = await rawSocket(server.port, '127.0.0.1');
      try {
        const received = answer(refused);
        refused.write(UPGRADE);
        const bytes = await Promise.race([
          received,
          until(() => false, 'the server to end the refused TCP connection').then(() => null),
        ]);
        assert.ok(bytes, 'the refused connection was closed');
        assert.match(bytes.toString('latin1'), /^HTTP\/1\.1 101 /);
        assert.equal(closeCode(bytes), 1013);
        assert.equal(server.openSockets(), 1);
      } finally {
        refused.destroy();
        held.close();
        await server.close();
      }
    });
  }
});

describe('HEAD requests', () => {
  it('count in the bucket of the GET they run', async () => {
    const server = await startTestServer({rateLimit: {rest: {max: 2, windowMs: 60_000}}});
    try {
      const token = randomBytes(16).toString('hex');
      await api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token}}});
      const room = `${server.url}/api/v1/livechat/room?token=${token}`;
      const statuses = [];
      for (const method of ['GET', 'HEAD', 'HEAD', 'GET']) {
        statuses.push(`${method} ${(await fetch(room, {method})).status}`);
      }
      assert.deepEqual(statuses, ['GET 200', 'HEAD 200', 'HEAD 429', 'GET 429']);
    } finally {
      await server.close();
    }
  });
});

describe('refusals by the caps are logged, not one line each', () => {
  it('logs the first at once, then one summary per period', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = refusalLog((fields, message) => lines.push({...fields, message}), 'refused', 20);
    log.note('10.0.0.1');
    for (let i = 0; i < 999; i++) log.note(i % 3 === 0 ? '10.0.0.2' : '10.0.0.1');
    assert.deepEqual([...lines], [{refused: 1, address: '10.0.0.1', message: 'refused'}]);
    await until(() => lines.length === 2, 'the summary of the period');
    assert.deepEqual(lines[1], {
      refused: 999,
      addresses: {'10.0.0.1': 666, '10.0.0.2': 333},
      periodMs: 20,
      message: 'refused',
    });
    log.note('10.0.0.3');
    log.stop();
    assert.equal(lines.length, 3);
    assert.deepEqual(lines[2].addresses, {'10.0.0.3': 1});
  });

  it('shows both caps in the request log (--log)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-test-'));
    const argv = ['--import', 'tsx', 'src/server/cli.ts', '--port', '0', '--data', dataDir];
    const flags = ['--log', '--max-sockets-per-address', '1', '--max-connections-per-address', '1'];
    const cli = spawn(process.execPath, [...argv, '--agent', 'agent:agent-password', ...flags]);
    let output = '';
    cli.stdout.on('data', (chunk) => (output += chunk));
    cli.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => cli.once('exit', resolve));
    const sockets: DdpTestClient[] = [];
    const slow: Socket[] = [];
    try {
      await until(() => /listening on http:\/\/[\d.]+:\d+/.test(output), 'the server to start');
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)![1];
      const port = Number(new URL(url).port);
      sockets.push(await connectDdp(url, {handshake: false}));
      sockets.push(await connectDdp(url, {handshake: false}));
      assert.equal((await sockets[1].closed).code, 1013);
      slow.push(await slowBody(port, ATTACKER));
      assert.equal(await statusLine(port, ATTACKER), '');
      await until(
        () =>
          output.includes('"msg":"WebSocket refused: over maxSocketsPerAddress"') &&
          output.includes('"msg":"connection refused: over maxConnectionsPerAddress"'),
        'both refusals in the log',
      );
      assert.match(output, /"refused":1,"address":"127\.0\.0\.2"/);
    } finally {
      for (const ddp of sockets) ddp.close();
      for (const socket of slow) socket.destroy();
      cli.kill();
      await exited;
      await rm(dataDir, {recursive: true, force: true});
    }
  });

  it('takes the connection cap from the command line and the config file', () => {
    const parse = (argv: string[]) =>
      (parseCliArgs(argv) as {kind: 'run'; options: CliOptions}).options;
    const file = () => '{"maxConnectionsPerAddress": 40}';
    const fromFile = resolveConfig(parse(['--config', 'f.json']), undefined, file);
    assert.equal((fromFile as ResolvedConfig).maxConnectionsPerAddress, 40);
    const flag = parse(['--config', 'f.json', '--max-connections-per-address', '7']);
    assert.equal(
      (resolveConfig(flag, undefined, file) as ResolvedConfig).maxConnectionsPerAddress,
      7,
    );
    assert.deepEqual(parseCliArgs(['--max-connections-per-address', 'lots']), {
      kind: 'error',
      message: "--max-connections-per-address expects a number, got 'lots'",
    });
    assert.equal(
      resolveConfig(
        parse(['--config', 'f.json']),
        undefined,
        () => '{"maxConnectionsPerAddress": -1}',
      ),
      'config file f.json: "maxConnectionsPerAddress" must be an integer from 0 to 999999',
    );
  });
});
