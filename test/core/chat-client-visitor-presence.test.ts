import {expect, waitUntil} from '@open-wc/testing';
import type {LiveChatClient} from '../../src/core/index.js';
import {RECONNECT_MAX_MS} from '../../src/core/transport/backoff.js';
import {setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeClock} from '../helpers/fake-clock.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

const SET_UP = 'livechat:setUpConnection';

describe('LiveChatClient tells the server the visitor is on the page (livechat:setUpConnection)', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  let clock: FakeClock;
  beforeEach(() => {
    ({client, server, clock} = setupClient());
  });
  afterEach(() => client.destroy());

  /** The setUpConnection calls each socket got, by socket. */
  const setUpsPerSocket = () =>
    server.hub.sockets.map(
      (socket) => socket.framesOf('method').filter((frame) => frame.method === SET_UP).length,
    );

  it('binds the visitor token once on connect, and again on the new socket after a reconnect', async () => {
    await startLive(client, server);
    await waitUntil(() => setUpsPerSocket()[0] === 1, 'setUpConnection after connect');
    const token = client.visitor!.token;
    expect(server.methodCalls.filter((c) => c.method === SET_UP)).to.deep.equal([
      {method: SET_UP, params: [{token}]},
    ]);

    server.dropAll();
    clock.advance(RECONNECT_MAX_MS);
    await waitUntil(() => client.connection === 'connected', 'reconnected');
    await waitUntil(() => setUpsPerSocket()[1] === 1, 'setUpConnection after the reconnect');
    expect(setUpsPerSocket()).to.deep.equal([1, 1]);
  });

  it('a server that refuses it leaves the chat working', async () => {
    server.refusedMethods.add(SET_UP);
    const errors: unknown[] = [];
    client.on('error', (detail) => errors.push(detail));
    await startLive(client, server);
    await waitUntil(() => setUpsPerSocket()[0] === 1, 'setUpConnection sent');
    expect((await client.send('Still here')).status).to.equal('sent');
    expect(client.connection).to.equal('connected');
    expect(errors).to.deep.equal([]);
  });
});
