import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {ipcBatcher} from '../../src/server/ddp/ipc-batch.js';
import {
  agentLogin,
  connectDdp,
  createVisitorWithRoom,
  liveReply,
  startTestServer,
  until,
} from '../helpers/node/server-fixture.js';
import {socketProcessesOf} from '../helpers/node/socket-processes.js';
import type {AgentLogin, DdpTestClient, TestServer} from '../helpers/node/server-fixture.js';

/** The socket processes this test process's server runs now. */
const socketProcesses = () => socketProcessesOf(process.pid);

describe('--socket-processes: the DDP sockets held by child processes', () => {
  let server: TestServer;
  let agent: AgentLogin;
  const open: DdpTestClient[] = [];
  before(async () => {
    server = await startTestServer({
      socketProcesses: 2,
      allowedOrigins: ['https://shop.example'],
      maxSocketsPerAddress: 6,
    });
    agent = await agentLogin(server.url);
  });
  after(async () => {
    for (const ddp of open) ddp.close();
    await server.close();
    assert.deepEqual(socketProcesses(), [], 'no socket process outlives the server');
  });

  const connect = async () => {
    const ddp = await connectDdp(server.url, {headers: {origin: 'https://shop.example'}});
    open.push(ddp);
    return ddp;
  };

  it('holds a visitor chat: handshake, pings, a live reply', async () => {
    assert.equal(socketProcesses().length, 2);
    const visitor = await createVisitorWithRoom(server.url);
    const ddp = await connect();
    ddp.send({msg: 'ping', id: 'p'});
    assert.deepEqual(await ddp.next((f) => f.msg === 'pong'), {msg: 'pong', id: 'p'});
    const message = await liveReply(server.url, agent, visitor, ddp, 'Through a socket process');
    assert.equal(message.msg, 'Through a socket process');
    assert.equal(server.openSockets(), 1);
  });

  it('checks the upgrade before the handover: origin, and sockets per address', async () => {
    await assert.rejects(
      connectDdp(server.url, {headers: {origin: 'https://evil.example'}}),
      /upgrade refused: 403/,
    );
    while (open.length < 6) await connect();
    const over = await connectDdp(server.url, {
      headers: {origin: 'https://shop.example'},
      handshake: false,
    });
    assert.equal((await over.closed).code, 1013);
    await until(() => server.openSockets() === 6, 'six sockets held');
  });

  it('closes the sessions of a process that dies; the clients reconnect to the others', async () => {
    const [victim] = socketProcesses();
    const closed = open.map((ddp) => ddp.closed.then(({code}) => code));
    process.kill(victim, 'SIGKILL');
    assert.equal(await Promise.any(closed), 1006, 'a socket of the dead process closed');
    await until(() => server.openSockets() < 6, 'the core to close its sessions');
    const kept = server.openSockets();
    assert.ok(kept > 0 && kept < 6, `the other process kept its sockets (${kept})`);
    for (const ddp of open.splice(0)) ddp.close();
    const again = await connect();
    assert.equal((await again.call('livechat:getInitialData', ['a-token'])).msg, 'result');
    await until(() => socketProcesses().length === 2, 'a new socket process');
    assert.ok(!socketProcesses().includes(victim), 'a new process took its place');
  });
});

describe('--socket-processes on the command line and in the config file', () => {
  it('takes a count, and refuses anything else', () => {
    const parsed = parseCliArgs(['--socket-processes', '3']);
    assert.equal(parsed.kind === 'run' && parsed.options.socketProcesses, 3);
    assert.deepEqual(parseCliArgs(['--socket-processes', 'many']), {
      kind: 'error',
      message: "--socket-processes expects a number up to 99, got 'many'",
    });
    const file = parseConfigFile(JSON.stringify({socketProcesses: 2}));
    assert.equal(typeof file === 'object' && file.socketProcesses, 2);
    assert.equal(typeof parseConfigFile(JSON.stringify({socketProcesses: -1})), 'string');
  });
});

describe('the IPC between the core and its socket processes', () => {
  it("sends one turn's messages as one batch, in order; a flush sends what waits at once", async () => {
    const sent: number[][] = [];
    const batcher = ipcBatcher<number>((batch) => sent.push(batch));
    batcher.post(1);
    batcher.post(2);
    batcher.flush();
    batcher.post(3);
    batcher.post(4);
    assert.deepEqual(sent, [[1, 2]]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, [
      [1, 2],
      [3, 4],
    ]);
  });
});
