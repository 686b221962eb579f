import {expect, waitUntil} from '@open-wc/testing';
import type {LiveChatClient, LiveChatError} from '../../src/core/index.js';
import {record} from '../helpers/events.js';
import {setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeClock} from '../helpers/fake-clock.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

describe('LiveChatClient when the server refuses the live link for good (T14, T15)', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  let clock: FakeClock;
  beforeEach(() => {
    ({client, server, clock} = setupClient());
  });
  afterEach(() => client.destroy());

  /** Starts a live chat, then makes every later handshake end with `answer`. */
  async function refuseNextHandshakes(answer: (socket: FakeRcServer['hub']['last']) => void) {
    await startLive(client, server);
    server.hub.onSocket = (socket) => {
      socket.onClientFrame = (frame) => frame.msg === 'connect' && answer(socket);
      queueMicrotask(() => socket.open());
    };
    server.dropAll();
  }

  it('T15: an incompatible server (`failed`) is a fatal incompatible-server error', async () => {
    const errors = record(client, 'error');
    const connections = record(client, 'connection-change');
    await refuseNextHandshakes((socket) => socket.receive({msg: 'failed', version: '2'}));
    clock.advance(1000);
    await waitUntil(() => client.connection === 'failed', 'the link failed');

    const [{error}] = errors as {error: LiveChatError}[];
    expect(error.code).to.equal('incompatible-server');
    expect(errors).to.have.length(1);
    expect(connections.map((c) => c.connection)).to.include.members(['reconnecting', 'failed']);
    const sockets = server.hub.sockets.length;
    client.reconnectNow();
    clock.advance(10 * 60_000);
    expect(server.hub.sockets.length).to.equal(sockets);
    expect(client.connection).to.equal('failed');
    // Actions still go over REST: the visitor's message is not lost.
    expect((await client.send('Still there?')).status).to.equal('sent');
    expect(server.hub.sockets.length).to.equal(sockets);
  });

  it('T15: the incompatible-version close code (1002) is fatal too', async () => {
    const errors = record(client, 'error');
    await refuseNextHandshakes((socket) => socket.drop(1002));
    clock.advance(1000);
    await waitUntil(() => client.connection === 'failed', 'the link failed');
    expect((errors[0].error as LiveChatError).code).to.equal('incompatible-server');
  });

  it('T14: a policy close (1008: banned, refused token or origin) is forbidden', async () => {
    const errors = record(client, 'error');
    await refuseNextHandshakes((socket) => socket.drop(1008));
    clock.advance(1000);
    await waitUntil(() => client.connection === 'failed', 'the link failed');
    const error = errors[0].error as LiveChatError;
    expect(error.code).to.equal('forbidden');
    expect(error.message).to.be.a('string').and.not.equal('');
    const sockets = server.hub.sockets.length;
    clock.advance(10 * 60_000);
    expect(server.hub.sockets.length).to.equal(sockets);
  });

  it('T14: ordinary refusals keep retrying until the server accepts', async () => {
    const errors = record(client, 'error');
    await startLive(client, server);
    server.accepts = false;
    server.dropAll();
    const before = server.hub.sockets.length;
    while (server.hub.sockets.length < before + 10) {
      clock.advance(clock.nextDelay()!);
      server.hub.last.drop(1006);
    }
    server.accepts = true;
    clock.advance(60_000);
    await waitUntil(() => client.connection === 'connected', 'connected again');
    expect(errors).to.deep.equal([]);
  });
});
