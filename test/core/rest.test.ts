import {expect} from '@open-wc/testing';
import {RestClient} from '../../src/core/transport/rest.js';
import {LiveChatError} from '../../src/core/types.js';
import {FakeClock} from '../helpers/fake-clock.js';

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

function client(handler: Handler, clock = new FakeClock()) {
  const seen: {url: URL; init: RequestInit}[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    seen.push({url, init});
    return handler(url, init);
  };
  const rest = new RestClient({server: 'https://chat.example.com/base/', fetch, clock});
  return {rest, seen, clock};
}

const ISO = '2026-01-01T00:00:00.000Z';
const TOO_LONG = 'message-length-exceeds-character-limit';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});

async function failure(promise: Promise<unknown>): Promise<LiveChatError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(LiveChatError);
  return error as LiveChatError;
}

describe('RestClient', () => {
  it('calls Rocket.Chat paths under <server>/api/v1/, the token where RC expects it', async () => {
    const message = {_id: 'a', rid: 'r', msg: 'hi', ts: ISO, u: {_id: 'v', username: 'guest-1'}};
    const body = {
      success: true,
      message,
      messages: [],
      room: {_id: 'r'},
      config: {enabled: true},
      agent: {_id: 'x', username: 'a'},
    };
    const {rest, seen} = client(() => json(200, body));
    await rest.config('tok', 'dep');
    await rest.room('tok');
    await rest.sendMessage({token: 'tok', rid: 'r', msg: 'hi', _id: 'a'});
    await rest.history('r', 'tok', {ls: 0, limit: 5});
    await rest.agentInfo('r', 'tok');
    expect(seen.map(({url}) => url.pathname + url.search)).to.deep.equal([
      '/base/api/v1/livechat/config?token=tok&department=dep',
      '/base/api/v1/livechat/room?token=tok',
      '/base/api/v1/livechat/message',
      '/base/api/v1/livechat/messages.history/r?token=tok&ls=1970-01-01T00%3A00%3A00.000Z&limit=5',
      '/base/api/v1/livechat/agent.info/r/tok',
    ]);
    const sentBody = JSON.parse(String(seen[2].init.body));
    expect(sentBody).to.deep.equal({token: 'tok', rid: 'r', msg: 'hi', _id: 'a'});
  });

  it('maps both Rocket.Chat error bodies to codes and keeps the raw error', async () => {
    const cases: [unknown, number, string, string | undefined][] = [
      [{success: false, error: 'invalid-room'}, 400, 'invalid-room', 'invalid-room'],
      [
        {success: false, error: '[invalid-token]', errorType: 'invalid-token'},
        400,
        'invalid-token',
        'invalid-token',
      ],
      [{success: false, error: 'room-closed'}, 400, 'room-closed', 'room-closed'],
      [{success: false, error: 'no-agent-online'}, 400, 'offline', 'no-agent-online'],
      [
        {
          success: false,
          error: 'Too many requests [error-too-many-requests]',
          errorType: 'error-too-many-requests',
        },
        429,
        'rate-limited',
        'error-too-many-requests',
      ],
      [{success: false, error: TOO_LONG}, 400, 'too-large', TOO_LONG],
      [{success: false}, 400, 'server', undefined],
      [{success: false, error: 'something-else'}, 400, 'server', 'something-else'],
    ];
    for (const [body, status, code, serverError] of cases) {
      const {rest} = client(() => json(status, body));
      const error = await failure(rest.closeRoom('r', 't'));
      expect([error.code, error.serverError]).to.deep.equal([code, serverError]);
    }
  });

  it('turns a failed fetch and a 10 s timeout into network errors', async () => {
    const {rest} = client(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await failure(rest.config())).code).to.equal('network');

    const hanging = client(
      (_, init) =>
        new Promise((_, reject) => {
          const abort = () => reject(new DOMException('aborted', 'AbortError'));
          init.signal?.addEventListener('abort', abort);
        }),
    );
    const pending = failure(hanging.rest.config());
    hanging.clock.advance(9_999);
    hanging.clock.advance(1);
    expect((await pending).code).to.equal('network');
    expect(hanging.clock.pending).to.equal(0);
  });

  it('drops malformed history entries instead of failing', async () => {
    const good = {_id: 'm1', rid: 'r', msg: 'ok', ts: ISO, u: {_id: 'a', username: 'agent'}};
    const raw = [good, {_id: 3}, null, {...good, _id: 'm2', ts: 'x'}];
    const {rest} = client(() => json(200, {success: true, messages: raw}));
    const messages = await rest.history('r', 't');
    expect(messages.map((m) => m._id)).to.deep.equal(['m1']);
  });
});
