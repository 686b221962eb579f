import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {describe, it} from 'node:test';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {api, connectDdp, postOk, startTestServer} from '../helpers/node/server-fixture.js';

/** Registers a visitor (from `address`, through the trusted proxy) and asks for their room. */
async function openChat(url: string, address?: string) {
  const token = randomBytes(16).toString('hex');
  const headers: Record<string, string> = address ? {'x-forwarded-for': address} : {};
  const registered = await api(url, '/api/v1/livechat/visitor', {
    headers,
    body: {visitor: {token}},
  });
  assert.equal(registered.status, 200);
  const room = await api(url, '/api/v1/livechat/room', {headers, query: {token}});
  return {token, room};
}

describe('open chats per client address', () => {
  it('refuses a new chat past the cap with 429 until one ends; other addresses chat on', async () => {
    const server = await startTestServer({
      rateLimit: true,
      trustProxy: ['127.0.0.1'],
      maxOpenChatsPerAddress: 3,
    });
    try {
      const abuser = '203.0.113.9';
      const open = [];
      for (let i = 0; i < 3; i++) {
        const chat = await openChat(server.url, abuser);
        assert.equal(chat.room.status, 200, JSON.stringify(chat.room.body));
        open.push(chat);
      }
      const refused = await openChat(server.url, abuser);
      assert.equal(refused.room.status, 429);
      assert.equal(refused.room.body.success, false);
      assert.equal(refused.room.headers.get('retry-after'), '60');
      assert.match(
        refused.room.body.error,
        /Too many open chats from this address \(at most 3\).*wait 60 seconds.*error-too-many-open-chats/,
      );
      // A visitor of the address asking for the chat they already have gets it.
      const again = await api(server.url, '/api/v1/livechat/room', {
        headers: {'x-forwarded-for': abuser},
        query: {token: open[0]!.token},
      });
      assert.equal(again.status, 200);
      assert.equal(again.body.room._id, open[0]!.room.body.room._id);
      // Another address (an IPv6 /64 counts as one) is not held back.
      const neighbour = await openChat(server.url, '2001:db8:1:2::7');
      assert.equal(neighbour.room.status, 200);
      // Once a chat of the address ends, the refused visitor gets theirs.
      await postOk(server.url, '/api/v1/livechat/room.close', {
        token: open[1]!.token,
        rid: open[1]!.room.body.room._id,
      });
      const retried = await api(server.url, '/api/v1/livechat/room', {
        headers: {'x-forwarded-for': abuser},
        query: {token: refused.token},
      });
      assert.equal(retried.status, 200);
      const fourth = await openChat(server.url, abuser);
      assert.equal(fourth.room.status, 429);
    } finally {
      await server.close();
    }
  });

  it("counts the legacy DDP send's new rooms under the same cap", async () => {
    const server = await startTestServer({rateLimit: true, maxOpenChatsPerAddress: 1});
    try {
      const first = await openChat(server.url);
      assert.equal(first.room.status, 200);
      const ddp = await connectDdp(server.url);
      try {
        const token = randomBytes(16).toString('hex');
        const registered = await ddp.call('livechat:registerGuest', [{token, name: 'Bot'}]);
        assert.equal(registered.error, undefined);
        const sent = await ddp.call('sendMessageLivechat', [
          {_id: 'aaaaaaaaaaaaaaaaa', rid: 'proposed', msg: 'hello', token},
        ]);
        assert.equal(sent.error?.error, 'error-too-many-open-chats');
      } finally {
        ddp.close();
      }
    } finally {
      await server.close();
    }
  });

  it('is set by --max-open-chats-per-address or the config file', () => {
    const flag = parseCliArgs(['--max-open-chats-per-address', '20']);
    assert.equal(flag.kind === 'run' && flag.options.maxOpenChatsPerAddress, 20);
    const file = parseConfigFile('{"maxOpenChatsPerAddress": 0}');
    assert.equal(typeof file === 'object' && file.maxOpenChatsPerAddress, 0);
  });
});
