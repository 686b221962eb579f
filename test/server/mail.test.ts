import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {watch} from 'node:fs';
import {mkdir, readFile, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
  type TestServer,
} from '../helpers/node/server-fixture.js';

/** Resolves with the first `.eml` file that appears in the folder. */
async function nextMail(dir: string): Promise<string> {
  await mkdir(dir, {recursive: true});
  return new Promise((resolve) => {
    const look = async () => {
      const found = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
      if (found.length) {
        watcher.close();
        resolve(await readFile(join(dir, found[0]), 'utf8'));
      }
    };
    const watcher = watch(dir, () => void look());
    void look();
  });
}

describe('mail without an SMTP server', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('writes the transcript a visitor asks for into the data folder, with the whole conversation', async () => {
    const visitor = await createVisitorWithRoom(server.url, {name: 'Ada'});
    await api(server.url, '/api/v1/livechat/message', {
      body: {token: visitor.token, rid: visitor.rid, msg: 'Is the blue bike in stock?'},
    });
    const agent = await agentLogin(server.url);
    await api(server.url, '/api/v1/chat.sendMessage', {
      headers: agent.headers,
      body: {message: {rid: visitor.rid, msg: 'Yes, two of them.'}},
    });
    const mail = nextMail(join(server.dataDir, 'mail'));
    const res = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: visitor.token, rid: visitor.rid, email: 'ada@example.com'},
    });
    assert.equal(res.status, 200);
    const text = await mail;
    assert.match(text, /^To: ada@example\.com$/m);
    assert.match(text, /^Subject: Transcript of your livechat conversation$/m);
    assert.match(text, /Ada: Is the blue bike in stock\?/);
    assert.match(text, /Agent Smith: Yes, two of them\./);
  });

  it('mails an offline message to the configured address, replying to the visitor', async () => {
    // A server of its own, so that the transcript above is not the first mail in the folder.
    const other = await startTestServer({settings: {offlineEmail: 'shop@example.com'}});
    try {
      const mail = nextMail(join(other.dataDir, 'mail'));
      const res = await api(other.url, '/api/v1/livechat/offline.message', {
        body: {
          name: 'Bo',
          email: 'bo@example.com',
          message: 'Call me back about a repair, please.',
        },
      });
      assert.equal(res.status, 200);
      const text = await mail;
      assert.match(text, /^To: shop@example\.com$/m);
      assert.match(text, /^Reply-To: bo@example\.com$/m);
      assert.match(text, /Call me back about a repair, please\./);
    } finally {
      await other.close();
    }
  });
});
