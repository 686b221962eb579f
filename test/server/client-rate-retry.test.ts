import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {LiveChatClient, MemorySessionStore} from '../../src/core/index.js';
import {api, startTestServer} from '../helpers/node/server-fixture.js';

describe('a visitor typing faster than the rate limit (headless client, real server)', () => {
  it('waits the time each 429 names and resends: 30 quick messages all arrive, once, in order', async () => {
    // 5 messages per second per visitor: the burst meets the limit five times.
    const server = await startTestServer({rateLimit: {rest: {max: 5, windowMs: 1000}}});
    let refusals = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 429) refusals++;
      return response;
    };
    const client = new LiveChatClient({
      server: server.url,
      store: new MemorySessionStore(),
      fetch: countingFetch,
    });
    try {
      await client.start();
      const texts = Array.from({length: 30}, (_, i) => `quick ${i + 1}`);
      const failed: string[] = [];
      client.on('message-failed', ({message}) => failed.push(message.text));
      const sent = await Promise.all(texts.map((text) => client.send(text)));
      assert.deepEqual(
        sent.map((m) => m.status),
        texts.map(() => 'sent'),
      );
      assert.deepEqual(failed, []);
      assert.ok(refusals > 0, 'the server did refuse some of the burst');
      const path = `/api/v1/livechat/messages.history/${client.room!._id}`;
      const history = await api(server.url, path, {
        query: {token: client.visitor!.token, limit: 100, sort: '{"ts":1}'},
      });
      const stored = (history.body.messages as {msg: string; t?: string}[])
        .filter((m) => !m.t)
        .map((m) => m.msg);
      assert.deepEqual(stored, texts);
      const shown = client.getTranscript().filter((m) => m.author.role === 'visitor');
      assert.deepEqual(
        shown.map((m) => m.text),
        texts,
      );
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
