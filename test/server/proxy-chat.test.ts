import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, it} from 'node:test';
import {fetchFrom} from '../helpers/node/fetch-from.js';
import {startForwardingProxy, type ForwardingProxy} from '../helpers/node/forwarding-proxy.js';
import {
  agentLogin,
  agentPosts,
  connectDdp,
  startTestServer,
  visitorSubArgs,
  type TestServer,
} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';

const newToken = () => randomBytes(16).toString('hex');
const SITE = 'https://chat.example.org';

/** A visitor's client at `localAddress`, talking to the server only through `proxy`. */
function clientAt(proxy: ForwardingProxy, localAddress: string, extraHeaders = {}) {
  const send = fetchFrom(localAddress);
  const call = async (path: string, init: {body?: unknown; headers?: Record<string, string>}) => {
    const response = await send(`${proxy.url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {'content-type': 'application/json', ...extraHeaders, ...init.headers},
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {status: response.status, body: text ? JSON.parse(text) : null};
  };
  return {
    call,
    register: (token: string) => call('/api/v1/livechat/visitor', {body: {visitor: {token}}}),
    openRoom: (token: string) => call(`/api/v1/livechat/room?token=${token}`, {}),
    say: (token: string, rid: string, msg: string) =>
      call('/api/v1/livechat/message', {body: {token, rid, msg}}),
  };
}

// The proxy runs as nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`
// and `X-Forwarded-Proto $scheme` behind TLS; the server trusts it and only it.
describe('a chat through a trusted reverse proxy, end to end', () => {
  let server: TestServer;
  let proxy: ForwardingProxy;
  before(async () => {
    server = await startTestServer({
      trustProxy: ['127.0.0.1'],
      allowedOrigins: [SITE],
      rateLimit: {
        visitor: {max: 5, windowMs: 60_000, perAddress: 10},
        message: {max: 3, windowMs: 60_000, perAddress: 6},
      },
    });
    proxy = await startForwardingProxy(server.port, {
      forward: (peer, headers) => ({
        'x-forwarded-for': headers['x-forwarded-for']
          ? `${headers['x-forwarded-for']}, ${peer}`
          : peer,
        'x-forwarded-proto': 'https',
      }),
    });
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });

  it('registers, opens a room, sends, and receives the reply over the proxied WebSocket', async () => {
    const visitor = clientAt(proxy, '127.0.0.2');
    const token = newToken();
    assert.equal((await visitor.register(token)).status, 200);
    const {body} = await visitor.openRoom(token);
    const rid = body.room._id as string;
    const socket = await connectDdp(proxy.url, {localAddress: '127.0.0.2'});
    try {
      const ready = await socket.subscribe('stream-room-messages', [rid, visitorSubArgs(token)]);
      assert.equal(ready.msg, 'ready');
      assert.equal((await visitor.say(token, rid, 'Do you ship to Oslo?')).status, 200);
      const own = await socket.nextEvent('stream-room-messages', rid);
      assert.equal(own.fields.args[0].msg, 'Do you ship to Oslo?');
      const agent = await agentLogin(server.url);
      await agentPosts(server.url, agent, rid, 'We do.');
      const reply = await socket.nextEvent('stream-room-messages', rid);
      assert.equal(reply.fields.args[0].msg, 'We do.');
      assert.equal(proxy.links, 1, 'the socket went through the proxy');
    } finally {
      socket.close();
    }
  });

  it('keys limits by the forwarded client: a flooder meets its ceiling, its neighbour chats on', async () => {
    // The flooder spreads over fresh visitor tokens to pass the per-visitor limit and names its
    // neighbour in X-Forwarded-For: the proxy appends the real peer, and that is what counts.
    const flooder = clientAt(proxy, '127.0.0.3', {'x-forwarded-for': '127.0.0.4'});
    const statuses: number[] = [];
    for (let visitor = 0; visitor < 3; visitor++) {
      const token = newToken();
      await flooder.register(token);
      const rid = (await flooder.openRoom(token)).body.room._id;
      for (let i = 0; i < 3; i++)
        statuses.push((await flooder.say(token, rid, `spam ${i}`)).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429, 429]);
    const flooderSocket = await connectDdp(proxy.url, {localAddress: '127.0.0.3'});
    const token = newToken();
    await flooder.register(token);
    const overDdp = await flooderSocket.call('sendMessageLivechat', [
      {_id: newToken(), rid: newToken(), msg: 'via DDP', token},
    ]);
    flooderSocket.close();
    assert.equal(overDdp.error?.error, 'too-many-requests', 'DDP shares the address ceiling');

    const neighbour = clientAt(proxy, '127.0.0.4');
    const own = newToken();
    assert.equal((await neighbour.register(own)).status, 200);
    const rid = (await neighbour.openRoom(own)).body.room._id;
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push((await neighbour.say(own, rid, `hello ${i}`)).status);
    assert.deepEqual(sent, [200, 200, 200]);
  });

  it("builds file links from the Host it was configured for and the proxy's scheme, nothing a client forges", async () => {
    const client = clientAt(proxy, '127.0.0.5');
    const token = newToken();
    await client.register(token);
    const rid = (await client.openRoom(token)).body.room._id;
    const sent = await upload(proxy.url, rid, PNG_BYTES, {
      token,
      filename: 'map.png',
      type: 'image/png',
    });
    assert.equal(sent.status, 200);
    const linkWith = async (headers: Record<string, string>) => {
      const path = `/api/v1/livechat/message/${sent.body._id}?token=${token}&rid=${rid}`;
      const read = await client.call(path, {headers});
      return read.body.message.fileUpload.publicFilePath as string;
    };
    assert.match(
      await linkWith({host: 'chat.example.org'}),
      /^https:\/\/chat\.example\.org\/file-upload\//,
    );
    // A Host the server was not configured for falls back to its listen address.
    const forgedHost = await linkWith({host: 'evil.example'});
    assert.ok(forgedHost.startsWith(`http://127.0.0.1:${server.port}/`), forgedHost);
    const forgedForwardedHost = await linkWith({
      host: 'chat.example.org',
      'x-forwarded-host': 'evil.example',
    });
    assert.ok(!forgedForwardedHost.includes('evil.example'), forgedForwardedHost);
    // A proxy that sets no X-Forwarded-Proto passes the client's on: only http(s) becomes a
    // scheme (before, a link came out as `javascript://chat.example.org/file-upload/…`).
    const plain = await startForwardingProxy(server.port);
    try {
      const path = `/api/v1/livechat/message/${sent.body._id}?token=${token}&rid=${rid}`;
      const read = await fetchFrom('127.0.0.5')(`${plain.url}${path}`, {
        headers: {host: 'chat.example.org', 'x-forwarded-proto': 'javascript'},
      });
      const link = (await read.json()).message.fileUpload.publicFilePath as string;
      assert.ok(link.startsWith('http://chat.example.org/file-upload/'), link);
    } finally {
      await plain.close();
    }
  });
});
