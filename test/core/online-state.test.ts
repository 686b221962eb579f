import {expect, waitUntil} from '@open-wc/testing';
import {OFFLINE_POLL_MS, type LiveChatClient} from '../../src/core/index.js';
import {RECONNECT_MAX_MS} from '../../src/core/transport/backoff.js';
import {record} from '../helpers/events.js';
import {isLive, rejection, setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeClock} from '../helpers/fake-clock.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

const FORM = {registrationForm: true, nameFieldRegistrationForm: true};

describe('LiveChatClient online state and session states', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  let clock: FakeClock;
  const setup = (configure?: (s: FakeRcServer) => void) => {
    ({client, server, clock} = setupClient(configure));
    return client.ready;
  };
  afterEach(() => client.destroy());

  const configCalls = () => server.calls(/GET livechat\/config/).length;
  const pollArmed = () => waitUntil(() => clock.nextDelay() === OFFLINE_POLL_MS, 'poll armed');

  it('is registering while the form is asked for, idle once the visitor registered', async () => {
    await setup((s) => {
      s.settings = FORM;
    });
    expect(client.state).to.equal('registering');
    await client.register({name: 'Ann'});
    expect(client.state).to.equal('idle');
  });

  it('skips the form when it asks for nothing', async () => {
    await setup((s) => {
      s.settings = {registrationForm: true, nameFieldRegistrationForm: false};
      s.configPatch = {departments: [{_id: 'd', name: 'D', showOnRegistration: false}]};
    });
    expect(client.state).to.equal('idle');
  });

  it('refreshes the config when the window opens, then every 60 s while offline', async () => {
    await setup((s) => {
      s.online = false;
    });
    expect(client.state).to.equal('offline');
    client.setWindowOpen(true);
    await waitUntil(() => configCalls() === 2, 'refreshed on open');
    await pollArmed();
    clock.advance(OFFLINE_POLL_MS - 1);
    expect(configCalls()).to.equal(2);
    clock.advance(1);
    await waitUntil(() => configCalls() === 3, 'polled');
    const online = record(client, 'service-online');
    server.online = true;
    await pollArmed();
    clock.advance(OFFLINE_POLL_MS);
    await waitUntil(() => online.length === 1, 'service-online');
    expect(client.state).to.equal('idle');
    clock.advance(OFFLINE_POLL_MS * 3);
    expect(configCalls()).to.equal(4);
  });

  it('stops polling when the window closes, and never polls while online', async () => {
    await setup((s) => {
      s.online = false;
    });
    client.setWindowOpen(true);
    await waitUntil(() => configCalls() === 2);
    await pollArmed();
    client.setWindowOpen(false);
    clock.advance(OFFLINE_POLL_MS * 3);
    expect(configCalls()).to.equal(2);
    server.online = true;
    client.setWindowOpen(true);
    await waitUntil(() => configCalls() === 3 && client.state === 'idle');
    expect(clock.pending).to.equal(0);
    clock.advance(OFFLINE_POLL_MS * 3);
    expect(configCalls()).to.equal(3);
  });

  it('switches offline ⇄ idle with service events, but never ends a running chat', async () => {
    await setup();
    const offline = record(client, 'service-offline');
    server.online = false;
    await client.refreshConfig();
    expect([client.state, offline.length]).to.deep.equal(['offline', 1]);
    server.online = true;
    await client.refreshConfig();
    expect(client.state).to.equal('idle');
    await startLive(client, server);
    server.online = false;
    await client.refreshConfig();
    expect(client.state).to.equal('connecting');
  });

  it('start() while offline rejects offline without creating a visitor', async () => {
    await setup((s) => {
      s.online = false;
    });
    expect((await rejection(client.start())).code).to.equal('offline');
    expect(client.visitor).to.equal(null);
    expect(server.calls(/POST livechat\/visitor/)).to.deep.equal([]);
  });

  it('fetches the config again after a reconnect', async () => {
    await setup();
    await startLive(client, server);
    const before = configCalls();
    server.dropAll();
    clock.advance(RECONNECT_MAX_MS);
    await waitUntil(() => isLive(client, server), 'reconnected');
    await waitUntil(() => configCalls() === before + 1, 'config refreshed');
  });

  it('goes connecting → active → ended, and a new chat is connecting again', async () => {
    await setup();
    const states = record(client, 'state-change');
    await startLive(client, server);
    server.agentJoins();
    server.agentCloses();
    await client.start();
    const moves = states.filter((s) => s.state !== s.previous).map((s) => s.state);
    expect(moves).to.deep.equal(['connecting', 'active', 'ended', 'idle', 'connecting']);
  });
});
