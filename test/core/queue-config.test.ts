import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, MemorySessionStore} from '../../src/core/index.js';
import {record} from '../helpers/events.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeRcServer} from '../helpers/fake-rc-server.js';

describe('LiveChatClient: the place in line from the config', () => {
  let server: FakeRcServer;
  let client: LiveChatClient;
  beforeEach(() => {
    server = new FakeRcServer();
    client = new LiveChatClient({
      server: server.url,
      fetch: server.fetch,
      socketFactory: server.hub.factory,
      clock: new FakeClock(),
      store: new MemorySessionStore(),
    });
  });
  afterEach(() => client.destroy());

  it('asks the config again once a new room waits for an agent', async () => {
    await client.ready;
    await client.send('Anyone?');
    const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);
    await waitUntil(
      () => paths().lastIndexOf('GET livechat/config') > paths().indexOf('GET livechat/room'),
      'the config after the room',
    );
  });

  it('fires queue-changed when the config brings a new place or estimate', async () => {
    await client.ready;
    const events = record(client, 'queue-changed');
    server.configPatch = {queueInfo: {spot: 2, estimatedWaitTimeSeconds: 240}};
    await client.refreshConfig();
    await client.refreshConfig();
    expect(events).to.deep.equal([{position: 2, estimatedWaitSeconds: 240}]);
    expect(client.getSnapshot().queue).to.deep.equal({position: 2, estimatedWaitSeconds: 240});
    server.configPatch = {queueInfo: {spot: 1, estimatedWaitTimeSeconds: 120}};
    await client.refreshConfig();
    expect(events.at(-1)).to.deep.equal({position: 1, estimatedWaitSeconds: 120});
  });
});
