import {expect} from '@open-wc/testing';
import {
  DdpConnection,
  RECONNECT_INITIAL_MS,
  FATAL_CLOSE_CODES,
  RECONNECT_MAX_MS,
  reconnectDelayMs,
  type DdpStatus,
} from '../../src/core/transport/ddp.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeSocketHub, type FakeSocket} from '../helpers/fake-socket.js';

const URL = 'ws://rc.test/websocket';

function setup(random = () => 0.5) {
  const clock = new FakeClock();
  const hub = new FakeSocketHub();
  const ddp = new DdpConnection(URL, {socketFactory: hub.factory, clock, random});
  const statuses: DdpStatus[] = [];
  ddp.on('status', ({status}) => statuses.push(status));
  return {clock, hub, ddp, statuses};
}

/** Opens the newest socket and completes the DDP handshake. */
async function handshake(socket: FakeSocket, connecting: Promise<void> | null = null) {
  socket.open();
  socket.receive({msg: 'connected', session: 'abc'});
  await connecting;
}

describe('DdpConnection', () => {
  it('sends the exact connect frame and resolves connect() on connected', async () => {
    const {hub, ddp, statuses} = setup();
    const connecting = ddp.connect();
    expect(hub.last.url).to.equal(URL);
    hub.last.open();
    const connectFrame = '{"msg":"connect","version":"1","support":["1","pre2","pre1"]}';
    expect(hub.last.sent).to.deep.equal([connectFrame]);
    hub.last.receive({server_id: '0'});
    hub.last.receive({msg: 'connected', session: 's1'});
    await connecting;
    expect(ddp.status).to.equal('connected');
    expect(statuses).to.deep.equal(['connecting', 'connected']);
    ddp.close();
  });

  it('answers ping with pong, echoing the id', async () => {
    const {hub, ddp} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    hub.last.receive({msg: 'ping', id: 'p7'});
    hub.last.receive({msg: 'ping'});
    expect(hub.last.framesOf('pong')).to.deep.equal([{msg: 'pong', id: 'p7'}, {msg: 'pong'}]);
    ddp.close();
  });

  it('resolves a method call with its result and rejects with the DDP error', async () => {
    const {hub, ddp} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    const ok = ddp.call('echo', [1]);
    const bad = ddp.call('nope', []);
    const [first, second] = hub.last.framesOf('method');
    expect(first).to.deep.equal({msg: 'method', id: first.id, method: 'echo', params: [1]});
    hub.last.receive({msg: 'result', id: first.id, result: 'one'});
    const error404 = {error: 404, reason: 'Method not found'};
    hub.last.receive({msg: 'result', id: second.id, error: error404});
    expect(await ok).to.equal('one');
    const error = await bad.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.include({name: 'DdpCallError', error: 404, reason: 'Method not found'});
    ddp.close();
  });

  it('delivers changed frames to the subscription of that collection', async () => {
    const {hub, ddp} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    const seen: unknown[] = [];
    const params = ['r1', {useCollection: false, args: []}];
    const sub = ddp.subscribe('stream-room-messages', params, (fields) => seen.push(fields));
    expect(hub.last.framesOf('sub')).to.deep.equal([
      {msg: 'sub', id: sub.id, name: 'stream-room-messages', params},
    ]);
    hub.last.receive({msg: 'ready', subs: [sub.id]});
    await sub.ready;
    const fields = {eventName: 'r1', args: [{_id: 'm1'}]};
    hub.last.receive({msg: 'changed', collection: 'stream-room-messages', id: 'id', fields});
    hub.last.receive({msg: 'changed', collection: 'other', id: 'id', fields});
    expect(seen).to.deep.equal([fields]);
    sub.stop();
    expect(hub.last.framesOf('unsub')).to.deep.equal([{msg: 'unsub', id: sub.id}]);
    ddp.close();
  });

  it('rejects ready and calls onStop when the server refuses a subscription', async () => {
    const {hub, ddp} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    const stops: unknown[] = [];
    const sub = ddp.subscribe(
      'secret',
      [],
      () => undefined,
      (error) => stops.push(error?.error),
    );
    hub.last.receive({msg: 'nosub', id: sub.id, error: {error: 'not-allowed'}});
    const error = await sub.ready.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.include({error: 'not-allowed'});
    expect(stops).to.deep.equal(['not-allowed']);
    ddp.close();
  });

  it('re-sends every live subscription under its old id after a reconnect', async () => {
    const {hub, ddp, clock, statuses} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    const a = ddp.subscribe('stream-a', ['x'], () => undefined);
    const b = ddp.subscribe('stream-b', ['y'], () => undefined);
    const gone = ddp.subscribe('stream-c', ['z'], () => undefined);
    gone.stop();
    hub.last.receive({msg: 'ready', subs: [a.id, b.id]});
    const reconnected: number[] = [];
    ddp.on('reconnected', ({attempts}) => reconnected.push(attempts));

    hub.last.drop();
    expect(ddp.status).to.equal('reconnecting');
    clock.advance(clock.nextDelay()!);
    expect(hub.sockets).to.have.length(2);
    await handshake(hub.last);

    expect(hub.last.framesOf('sub')).to.deep.equal([
      {msg: 'sub', id: a.id, name: 'stream-a', params: ['x']},
      {msg: 'sub', id: b.id, name: 'stream-b', params: ['y']},
    ]);
    expect(reconnected).to.deep.equal([1]);
    expect(statuses).to.deep.equal(['connecting', 'connected', 'reconnecting', 'connected']);
    let isReady = false;
    void a.ready.then(() => (isReady = true));
    hub.last.receive({msg: 'ready', subs: [a.id]});
    await a.ready;
    expect(isReady).to.equal(true);
    ddp.close();
  });

  it('rejects calls in flight when the link drops and sends queued ones on connect', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    const inFlight = ddp.call('slow');
    hub.last.drop();
    const queued = ddp.call('later', ['q']);
    const error = await inFlight.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.include({error: 'disconnected'});
    clock.advance(clock.nextDelay()!);
    await handshake(hub.last);
    const [frame] = hub.last.framesOf('method');
    expect(frame).to.include({method: 'later'});
    hub.last.receive({msg: 'result', id: frame.id, result: 42});
    expect(await queued).to.equal(42);
    ddp.close();
  });

  it('pings after 25 s of silence and drops a half-open link at 35 s (T6)', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    clock.advance(24_999);
    expect(hub.last.framesOf('ping')).to.have.length(0);
    hub.last.receive({msg: 'added', collection: 'x', id: '1'});
    clock.advance(24_999);
    expect(hub.last.framesOf('ping')).to.have.length(0);
    clock.advance(1);
    expect(hub.last.framesOf('ping')).to.deep.equal([{msg: 'ping'}]);
    clock.advance(9_999);
    expect(ddp.status).to.equal('connected');
    clock.advance(1);
    expect(ddp.status).to.equal('reconnecting');
    expect(hub.sockets[0].closedByClient).to.not.equal(null);
    ddp.close();
  });

  it('keeps a link that answers the ping', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    clock.advance(25_000);
    hub.last.receive({msg: 'pong'});
    clock.advance(20_000);
    expect(ddp.status).to.equal('connected');
    ddp.close();
  });

  it('keeps a link whose pong comes back at once, ping after ping', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    hub.last.onClientFrame = (frame) => frame.msg === 'ping' && hub.last.receive({msg: 'pong'});
    clock.advance(120_000);
    expect(hub.last.framesOf('ping').length).to.be.above(3);
    expect(ddp.status).to.equal('connected');
    ddp.close();
  });

  it('probes a live link on reconnectNow() and drops it when no answer comes', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    ddp.reconnectNow();
    ddp.reconnectNow();
    expect(hub.last.framesOf('ping')).to.have.length(1);
    clock.advance(9_999);
    expect(ddp.status).to.equal('connected');
    clock.advance(1);
    expect(ddp.status).to.equal('reconnecting');
    ddp.close();
  });

  it('ignores a duplicated connected frame: each subscription goes out once', async () => {
    const {hub, ddp} = setup();
    const reconnects: number[] = [];
    ddp.on('reconnected', ({attempts}) => reconnects.push(attempts));
    ddp.subscribe('stream-room-messages', ['r1'], () => undefined);
    const connecting = ddp.connect();
    await handshake(hub.last, connecting);
    hub.last.receive({msg: 'connected', session: 'abc'});
    expect(hub.last.framesOf('sub')).to.have.length(1);
    expect(reconnects).to.deep.equal([]);
    ddp.close();
  });

  it('backs off exponentially with jitter, never above the cap', () => {
    expect(reconnectDelayMs(0, () => 0.5)).to.equal(RECONNECT_INITIAL_MS);
    expect(reconnectDelayMs(1, () => 0.5)).to.equal(RECONNECT_INITIAL_MS * 2);
    expect(reconnectDelayMs(2, () => 0.5)).to.equal(RECONNECT_INITIAL_MS * 4);
    for (let attempt = 0; attempt < 12; attempt++) {
      const low = reconnectDelayMs(attempt, () => 0);
      const mid = reconnectDelayMs(attempt, () => 0.5);
      const high = reconnectDelayMs(attempt, () => 0.999999);
      expect(low).to.be.closeTo(mid * 0.5, 1);
      expect(high).to.be.at.most(RECONNECT_MAX_MS);
      expect(high).to.be.closeTo(mid * 1.5, 1);
    }
    expect(reconnectDelayMs(0, () => 0.999999)).to.be.at.most(1000);
    expect(reconnectDelayMs(20, () => 0)).to.be.greaterThan(RECONNECT_MAX_MS / 4);
  });

  it('waits longer after each failed attempt and retries at once on reconnectNow()', () => {
    const {hub, ddp, clock} = setup();
    void ddp.connect().catch(() => undefined);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      hub.last.drop();
      delays.push(clock.nextDelay()!);
      clock.advance(clock.nextDelay()!);
    }
    expect(delays.slice(0, 5)).to.deep.equal([500, 1000, 2000, 4000, 6667]);
    expect(delays.every((d) => d <= RECONNECT_MAX_MS)).to.equal(true);
    hub.last.drop();
    const before = hub.sockets.length;
    ddp.reconnectNow();
    expect(hub.sockets.length).to.equal(before + 1);
    ddp.close();
  });

  it('close() leaves no timer and no open socket, and rejects a pending connect()', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    const call = ddp.call('never');
    ddp.close();
    const settle = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: {error: string}) => e.error,
      );
    const errors = await Promise.all([connecting, call].map(settle));
    expect(errors).to.deep.equal(['disconnected', 'disconnected']);
    expect(clock.pending).to.equal(0);
    expect(hub.last.closedByClient).to.not.equal(null);
    expect(ddp.status).to.equal('disconnected');
  });

  it('T14: ten refused upgrades wait longer each time, jittered and capped', () => {
    const draws = [0.1, 0.9, 0.3, 0.7, 0.5, 0.2, 0.8, 0.4, 0.6, 0.95];
    let draw = 0;
    const {hub, ddp, clock} = setup(() => draws[draw++ % draws.length]);
    void ddp.connect().catch(() => undefined);
    const delays: number[] = [];
    for (let refusal = 0; refusal < 10; refusal++) {
      hub.last.drop(1006);
      delays.push(clock.nextDelay()!);
      clock.advance(clock.nextDelay()!);
    }
    expect(hub.sockets).to.have.length(11);
    const bases = delays.map((d, i) => d / (1 + 0.5 * (2 * draws[i] - 1)));
    const cappedBase = RECONNECT_MAX_MS / 1.5;
    bases.forEach((base, i) => {
      expect(base).to.be.closeTo(Math.min(cappedBase, RECONNECT_INITIAL_MS * 2 ** i), 1);
    });
    expect(delays.filter((d, i) => Math.abs(d - bases[i]) > 1)).to.have.length(9);
    expect(Math.max(...delays)).to.be.at.most(RECONNECT_MAX_MS);
    ddp.close();
  });

  for (const code of FATAL_CLOSE_CODES) {
    it(`T14: a close with code ${code} (refused for good) stops retrying`, async () => {
      const {hub, ddp, clock} = setup();
      const errors: unknown[] = [];
      ddp.on('error', ({error}) => errors.push(error.error));
      void ddp.connect().catch(() => undefined);
      hub.last.open();
      hub.last.drop(code);
      expect(ddp.status).to.equal('disconnected');
      expect(errors).to.deep.equal(['failed']);
      expect(clock.pending).to.equal(0);
      expect(hub.sockets).to.have.length(1);
    });
  }

  it('stops retrying when the server refuses the protocol version', async () => {
    const {hub, ddp, clock} = setup();
    const errors: unknown[] = [];
    ddp.on('error', ({error}) => errors.push(error.error));
    void ddp.connect().catch(() => undefined);
    hub.last.open();
    hub.last.receive({msg: 'failed', version: '1'});
    expect(ddp.status).to.equal('disconnected');
    expect(errors).to.deep.equal(['failed']);
    expect(clock.pending).to.equal(0);
  });
});
