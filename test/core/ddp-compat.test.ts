import {expect} from '@open-wc/testing';
import {
  DdpCallError,
  DdpConnection,
  RECONNECT_HIDDEN_MAX_MS,
  RECONNECT_MAX_MS,
} from '../../src/core/transport/ddp.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeSocketHub} from '../helpers/fake-socket.js';

const URL = 'ws://rc.test/websocket';

function setup(options: {random?: () => number; isHidden?: () => boolean} = {}) {
  const clock = new FakeClock();
  const hub = new FakeSocketHub();
  const ddp = new DdpConnection(URL, {
    socketFactory: hub.factory,
    clock,
    random: options.random ?? (() => 0.5),
    isHidden: options.isHidden ?? (() => false),
  });
  return {clock, hub, ddp};
}

/** Fails the link `count` times in a row, recording each wait before the next attempt. */
function refuse(hub: FakeSocketHub, clock: FakeClock, count: number): number[] {
  const delays: number[] = [];
  for (let i = 0; i < count; i++) {
    hub.last.drop(1006);
    delays.push(clock.nextDelay()!);
    clock.advance(clock.nextDelay()!);
  }
  return delays;
}

describe('DdpConnection across versions (T15) and in hidden tabs', () => {
  it('T15: reads frames that carry fields it does not know', async () => {
    const {hub, ddp} = setup();
    const connecting = ddp.connect();
    hub.last.open();
    hub.last.receive({msg: 'connected', session: 's1', protocolFlags: ['x'], server: {v: 9}});
    await connecting;
    const call = ddp.call('livechat:getInitialData', ['t']);
    const [method] = hub.last.framesOf('method');
    hub.last.receive({msg: 'result', id: method.id, result: {ok: 1}, trace: 'abc', cost: 3});
    expect(await call).to.deep.equal({ok: 1});

    const seen: unknown[] = [];
    const sub = ddp.subscribe('stream-room-messages', ['r1'], (fields) => seen.push(fields));
    const [subFrame] = hub.last.framesOf('sub');
    hub.last.receive({msg: 'ready', subs: [subFrame.id], batch: 2});
    await sub.ready;
    const fields = {eventName: 'r1', args: [{_id: 'm1', newField: true}], extra: 'kept'};
    hub.last.receive({msg: 'changed', collection: 'stream-room-messages', id: 'id', fields, z: 1});
    expect(seen).to.deep.equal([fields]);
    expect(ddp.status).to.equal('connected');
    ddp.close();
  });

  it('T15: ignores message types it does not know and stays connected', async () => {
    const {hub, ddp, clock} = setup();
    const connecting = ddp.connect();
    hub.last.open();
    hub.last.receive({msg: 'connected', session: 's1'});
    await connecting;
    const errors: unknown[] = [];
    ddp.on('error', ({error}) => errors.push(error));
    hub.last.receive({msg: 'hello', version: '3'});
    hub.last.receive({msg: 'batch', frames: [{msg: 'ping'}]});
    hub.last.receive({msg: 42});
    hub.last.receive({server_id: '0', msg: undefined});
    expect(hub.last.framesOf('pong')).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    expect(ddp.status).to.equal('connected');
    expect(hub.sockets).to.have.length(1);
    // Unknown frames still count as life on the link: no ping before 25 s of real silence.
    clock.advance(24_000);
    expect(hub.last.framesOf('ping')).to.deep.equal([]);
    ddp.close();
  });

  it('T15: a `failed` answer stops it for good and every later connect() rejects', async () => {
    const {hub, ddp, clock} = setup();
    const errors: DdpCallError[] = [];
    ddp.on('error', ({error}) => errors.push(error));
    const connecting = ddp.connect();
    hub.last.open();
    hub.last.receive({msg: 'failed', version: '2'});
    const rejected = await connecting.then(
      () => null,
      (error: DdpCallError) => error,
    );
    expect(rejected?.error).to.equal('failed');
    expect(errors.map((e) => [e.error, e.details])).to.deep.equal([['failed', {version: '2'}]]);
    expect(ddp.fatalError).to.equal(errors[0]);
    expect(ddp.status).to.equal('disconnected');

    const again = await ddp.connect().then(
      () => null,
      (error: DdpCallError) => error,
    );
    expect(again).to.equal(errors[0]);
    const call = await ddp.call('ping').then(
      () => null,
      (error: DdpCallError) => error,
    );
    expect(call).to.equal(errors[0]);
    ddp.reconnectNow();
    clock.advance(10 * 60_000);
    expect(hub.sockets).to.have.length(1);
    expect(clock.pending).to.equal(0);
  });

  it('T15: the close code of an incompatible server is kept with the failure', async () => {
    const {hub, ddp} = setup();
    const connecting = ddp.connect();
    hub.last.open();
    hub.last.onclose?.(new CloseEvent('close', {code: 1002, reason: 'unsupported DDP version'}));
    const rejected = await connecting.then(
      () => null,
      (error: DdpCallError) => error,
    );
    expect(rejected?.details).to.deep.equal({closeCode: 1002});
    expect(rejected?.reason).to.equal('unsupported DDP version');
    expect(ddp.fatalError).to.equal(rejected);
  });

  it('caps the reconnect wait at 10 s while the page is visible', () => {
    const {hub, ddp, clock} = setup({random: () => 0.999999});
    void ddp.connect().catch(() => undefined);
    const delays = refuse(hub, clock, 12);
    expect(Math.max(...delays)).to.be.at.most(RECONNECT_MAX_MS);
    expect(delays.at(-1)).to.be.closeTo(RECONNECT_MAX_MS, 1);
    ddp.close();
  });

  it('caps it at 60 s while the page is hidden, jittered ±50 %', () => {
    let hidden = true;
    const draws = [0, 0.999999, 0.5];
    let draw = 0;
    const {hub, ddp, clock} = setup({random: () => draws[draw++ % 3], isHidden: () => hidden});
    void ddp.connect().catch(() => undefined);
    const delays = refuse(hub, clock, 15);
    const capBase = RECONNECT_HIDDEN_MAX_MS / 1.5;
    expect(Math.max(...delays)).to.be.at.most(RECONNECT_HIDDEN_MAX_MS);
    expect(delays.slice(-3).sort((a, b) => a - b)).to.deep.equal(
      [capBase * 0.5, capBase, capBase * 1.5].map(Math.round),
    );
    expect(delays.filter((d) => d > RECONNECT_MAX_MS).length).to.be.greaterThan(3);

    // Visible again: the page reconnects at once, and later waits use the visible cap.
    hidden = false;
    const before = hub.sockets.length;
    hub.last.drop(1006);
    ddp.reconnectNow();
    expect(hub.sockets.length).to.equal(before + 1);
    expect(refuse(hub, clock, 3).every((d) => d <= RECONNECT_MAX_MS)).to.equal(true);
    ddp.close();
  });
});
