import assert from 'node:assert/strict';
import {watch} from 'node:fs';
import {mkdir, readFile, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';

const HUGE = '99999999999999999999';

/** Resolves with the text of every `.eml` file once `count` are in the folder. */
async function mails(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, {recursive: true});
  return new Promise((resolve) => {
    const look = async () => {
      const found = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
      if (found.length < count) return;
      watcher.close();
      resolve(await Promise.all(found.map((f) => readFile(join(dir, f), 'utf8'))));
    };
    const watcher = watch(dir, () => void look());
    void look();
  });
}

describe('hostile input gets a clear 4xx, never a 500', () => {
  let server: TestServer;
  let agent: AgentLogin;

  before(async () => {
    server = await startTestServer({settings: {transcript: true}});
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  it('refuses a 20-digit offset on messages.history, livechat/rooms and offline.messages', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const answers = [
      await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
        query: {token: visitor.token, offset: HUGE},
      }),
      await api(server.url, '/api/v1/livechat/rooms', {
        query: {offset: HUGE},
        headers: agent.headers,
      }),
      await api(server.url, '/api/v1/livechat/offline.messages', {
        query: {offset: HUGE},
        headers: agent.headers,
      }),
      await api(server.url, '/api/v1/livechat/inquiries.queued', {
        query: {offset: HUGE},
        headers: agent.headers,
      }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorType, 'invalid-params');
      assert.match(answer.body.error, /offset/);
    }
    const fine = await api(server.url, '/api/v1/livechat/rooms', {
      query: {offset: 1_000_000_000},
      headers: agent.headers,
    });
    assert.deepEqual([fine.status, fine.body.rooms], [200, []]);
  });

  it('answers an upload whose body stops mid-part with 400 and keeps nothing', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const boundary = 'cut-here-1234';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
      `filename="a.png"\r\nContent-Type: image/png\r\n\r\n${PNG_BYTES.toString('latin1')}`;
    const res = await fetch(`${server.url}/api/v1/livechat/upload/${visitor.rid}`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'x-visitor-token': visitor.token,
      },
      body: Buffer.from(body, 'latin1'),
    });
    assert.equal(res.status, 400);
    const answer = (await res.json()) as Record<string, unknown>;
    assert.equal(answer.success, false);
    assert.match(String(answer.error), /multipart|form/i);
    const history = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
      query: {token: visitor.token},
    });
    assert.deepEqual(
      history.body.messages.filter((m: {file?: unknown}) => m.file),
      [],
    );
    const partial = await readdir(join(server.dataDir, 'uploads', 'partial')).catch(() => []);
    assert.deepEqual(partial, []);
  });

  it('refuses a lone-surrogate token over REST and DDP, and stores no visitor', async () => {
    const rest = await api(server.url, '/api/v1/livechat/visitor', {
      body: '{"visitor":{"token":"\\ud800","name":"Lone"}}',
    });
    assert.equal(rest.status, 400);
    assert.equal(rest.body.errorType, 'invalid-params');
    assert.equal(rest.body.details?.field, 'token');
    const ddp = await connectDdp(server.url);
    try {
      ddp.sendRaw(
        '{"msg":"method","id":"lone","method":"livechat:registerGuest",' +
          '"params":[{"token":"\\ud800","name":"Lone"}]}',
      );
      const result = await ddp.next((f) => f.msg === 'result' && f.id === 'lone');
      assert.equal(result.error?.error, 'error-invalid-token');
    } finally {
      ddp.close();
    }
    // SQLite would have stored the surrogate as U+FFFD: no such visitor may exist.
    for (const token of ['\ufffd']) {
      const found = await api(server.url, `/api/v1/livechat/visitor/${encodeURIComponent(token)}`);
      assert.notEqual(found.status, 200, `visitor ${JSON.stringify(token)}`);
    }
  });
});

describe('mail to strangers and forged transcript lines', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({settings: {transcript: true}});
  });
  after(() => server.close());

  it("mails a transcript only to the visitor's own address", async () => {
    const ada = await createVisitorWithRoom(server.url, {name: 'Ada', email: 'ada@example.com'});
    const stranger = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: ada.token, rid: ada.rid, email: 'victim@example.org'},
    });
    assert.equal(stranger.status, 400);
    assert.equal(stranger.body.details?.field, 'email');
    assert.match(stranger.body.error, /your own email address/);
    const own = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: ada.token, rid: ada.rid, email: 'ADA@example.com'},
    });
    assert.equal(own.status, 200);
    // A visitor who never gave an address makes the first one theirs; others are refused.
    const bo = await createVisitorWithRoom(server.url, {name: 'Bo'});
    const first = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: bo.token, rid: bo.rid, email: 'bo@example.com'},
    });
    assert.equal(first.status, 200);
    const second = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: bo.token, rid: bo.rid, email: 'victim@example.org'},
    });
    assert.equal(second.status, 400);
    const visitor = await api(server.url, `/api/v1/livechat/visitor/${bo.token}`);
    assert.deepEqual(visitor.body.visitor.visitorEmails, [{address: 'bo@example.com'}]);
    const written = await mails(join(server.dataDir, 'mail'), 2);
    assert.equal(written.length, 2);
    assert.deepEqual(
      written.map((m) => /^To: (.*)$/m.exec(m)?.[1]).sort(),
      ['ADA@example.com', 'bo@example.com'].sort(),
    );
    assert.ok(written.every((m) => !m.includes('victim@')));
  });

  it("indents a message's later lines so that it cannot forge a transcript line", async () => {
    const other = await startTestServer({settings: {transcript: true}});
    try {
      const eve = await createVisitorWithRoom(other.url, {name: 'Eve', email: 'eve@example.com'});
      await api(other.url, '/api/v1/livechat/message', {
        body: {
          token: eve.token,
          rid: eve.rid,
          msg: 'Hi\n[12:00] Agent Smith: your refund is approved\r\n\u2028[12:01] x: y',
        },
      });
      await api(other.url, '/api/v1/livechat/transcript', {
        body: {token: eve.token, rid: eve.rid, email: 'eve@example.com'},
      });
      const [mail] = await mails(join(other.dataDir, 'mail'), 1);
      const body = mail.replace(/\r\n/g, '\n').split('\n\n').slice(1).join('\n\n');
      const lines = body.split('\n').filter((l) => l.trim() !== '');
      // Every line starts with the server's own `[ISO time] name:` or the continuation indent.
      for (const line of lines) {
        assert.match(line, /^(\[\d{4}-\d\d-\d\dT[\d:.]+Z\] | {4})/, line);
      }
      assert.ok(lines.some((l) => l === '    [12:00] Agent Smith: your refund is approved'));
    } finally {
      await other.close();
    }
  });
});

describe('long file names and Rocket.Chat widget compatibility', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('uploads and downloads a file with a 255-character name', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const name = `${'n'.repeat(251)}.png`;
    const res = await upload(server.url, visitor.rid, PNG_BYTES, {
      token: visitor.token,
      filename: name,
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.file.name, name);
    const link = res.body.attachments[0].title_link as string;
    const got = await fetch(`${server.url}${link}`, {
      headers: {cookie: `rc_rid=${visitor.rid}; rc_token=${visitor.token}`},
    });
    assert.equal(got.status, 200);
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), PNG_BYTES);
    // Non-ASCII names are three times longer once percent-encoded.
    const accented = `${'é'.repeat(100)}.png`;
    const second = await upload(server.url, visitor.rid, PNG_BYTES, {
      token: visitor.token,
      filename: accented,
    });
    const again = await fetch(`${server.url}${second.body.attachments[0].title_link}`, {
      headers: {cookie: `rc_rid=${visitor.rid}; rc_token=${visitor.token}`},
    });
    assert.equal(again.status, 200);
  });

  it('names a chime in config and serves it as a WAV', async () => {
    const config = await api(server.url, '/api/v1/livechat/config');
    const sound = config.body.config.resources.sound as string;
    assert.equal(sound, '/sounds/chime.wav');
    const res = await fetch(new URL(sound, server.url));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(bytes.toString('ascii', 8, 12), 'WAVE');
    assert.ok(bytes.length > 1000 && bytes.length < 16_000, `${bytes.length} bytes`);
  });

  it('answers page.visited before the visitor exists with success, storing nothing', async () => {
    const token = 'not-registered-yet-0123456789';
    const pageInfo = {change: 'url', title: 'Shop', location: {href: 'https://shop/x'}};
    const early = await api(server.url, '/api/v1/livechat/page.visited', {body: {token, pageInfo}});
    assert.deepEqual([early.status, early.body], [200, {success: true}]);
    assert.equal((await api(server.url, `/api/v1/livechat/visitor/${token}`)).status, 400);
  });
});
