import {after, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {SMTPServer, type SMTPServerOptions} from 'smtp-server';
import {freePort} from '../helpers/node/cli-server.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
  type TestServer,
} from '../helpers/node/server-fixture.js';

/** A mail as the SMTP server received it. */
interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtp(port: number, options: SMTPServerOptions = {}) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        received.push({to: session.envelope.rcptTo.map((r) => r.address), raw});
        callback();
        for (const wake of waiters.splice(0)) wake();
      });
    },
    ...options,
  });
  smtp.listen(port, '127.0.0.1');
  await once(smtp.server, 'listening');
  return {
    received,
    /** Resolves once `n` mails have arrived. */
    async count(n: number): Promise<Received[]> {
      while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** Polls `read` until `done` holds for what it answered. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const health = async (server: TestServer) => (await api(server.url, '/healthz')).body;

describe('mail through a real SMTP server', () => {
  const servers: {close(): Promise<void>}[] = [];
  after(async () => {
    for (const s of servers.reverse()) await s.close();
  });

  it('delivers an offline message with its To, Subject and body; the console shows it sent', async () => {
    const port = await freePort();
    const smtp = await startSmtp(port);
    servers.push(smtp);
    const server = await startTestServer({
      settings: {
        smtpUrl: `smtp://127.0.0.1:${port}`,
        offlineEmail: 'shop@example.com',
        mailFrom: 'Bike shop <no-reply@shop.example>',
      },
    });
    servers.push(server);
    const sent = await api(server.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Bo', email: 'bo@example.com', message: 'Please call me about a repair.'},
    });
    assert.equal(sent.status, 200);
    const [mail] = await smtp.count(1);
    assert.deepEqual(mail!.to, ['shop@example.com']);
    assert.match(mail!.raw, /^To: shop@example\.com\r?$/m);
    assert.match(mail!.raw, /^Subject: Offline message from Bo\r?$/m);
    assert.match(mail!.raw, /^Reply-To: bo@example\.com\r?$/m);
    assert.match(mail!.raw, /Please call me about a repair\./);
    const agent = await agentLogin(server.url);
    const list = await until(
      () => api(server.url, '/api/v1/livechat/offline.messages', {headers: agent.headers}),
      (res) => res.body.messages[0]?.mail === 'sent',
    );
    assert.equal(list.body.messages[0].mail, 'sent');
    assert.deepEqual(await health(server), {
      status: 'ok',
      db: 'ok',
      mailer: 'ok',
      mailPending: 0,
      proxy: 'direct',
    });
  });

  it('never sends in the clear when STARTTLS fails or is missing; the mail waits', async () => {
    // Advertises STARTTLS with its built-in self-signed certificate: the handshake fails.
    const brokenPort = await freePort();
    const broken = await startSmtp(brokenPort, {disabledCommands: []});
    servers.push(broken);
    const server = await startTestServer({
      mailRetry: {baseMs: 60_000},
      settings: {smtpUrl: `smtp://127.0.0.1:${brokenPort}`, offlineEmail: 'shop@example.com'},
    });
    servers.push(server);
    await api(server.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Cy', email: 'cy@example.com', message: 'Secret repair quote'},
    });
    const failed = await until(
      () => health(server),
      (h) => h.mailer !== 'ok',
    );
    assert.match(failed.mailer, /^error: .*(certificate|self.signed)/i);
    assert.equal(failed.mailPending, 1);
    assert.equal(broken.received.length, 0);

    // A server without STARTTLS, while the URL requires TLS: refused before any mail data.
    const plainPort = await freePort();
    const plain = await startSmtp(plainPort);
    servers.push(plain);
    const strict = await startTestServer({
      mailRetry: {baseMs: 60_000},
      settings: {
        smtpUrl: `smtp://127.0.0.1:${plainPort}?requireTLS=true`,
        offlineEmail: 'shop@example.com',
      },
    });
    servers.push(strict);
    await api(strict.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Di', email: 'di@example.com', message: 'Another secret'},
    });
    const refused = await until(
      () => health(strict),
      (h) => h.mailer !== 'ok',
    );
    assert.match(refused.mailer, /^error: .*STARTTLS/i);
    assert.equal(refused.mailPending, 1);
    assert.equal(plain.received.length, 0);
    const agent = await agentLogin(strict.url);
    const list = await api(strict.url, '/api/v1/livechat/offline.messages', {
      headers: agent.headers,
    });
    assert.equal(list.body.messages[0].mail, 'pending');
  });

  it('keeps a transcript while the SMTP server is down, across a restart, and sends it once', async () => {
    const port = await freePort();
    const server = await startTestServer({
      mailRetry: {baseMs: 20, maxMs: 200},
      settings: {smtpUrl: `smtp://127.0.0.1:${port}`},
    });
    servers.push(server);
    const visitor = await createVisitorWithRoom(server.url, {name: 'Eve'});
    await api(server.url, '/api/v1/livechat/message', {
      body: {token: visitor.token, rid: visitor.rid, msg: 'Can I get this in writing?'},
    });
    const asked = await api(server.url, '/api/v1/livechat/transcript', {
      body: {token: visitor.token, rid: visitor.rid, email: 'eve@example.com'},
    });
    assert.equal(asked.status, 200);
    const agent = await agentLogin(server.url);
    const feedback = () =>
      api(server.url, '/api/v1/livechat/room.feedback', {
        headers: agent.headers,
        query: {rid: visitor.rid},
      });
    const pending = await until(
      feedback,
      (res) => res.body.transcriptRequests[0]?.mail === 'pending',
    );
    assert.equal(pending.body.transcriptRequests[0].sentAt, undefined);
    // It failed at least twice (retried with backoff) and is still kept.
    await until(
      () => health(server),
      (h) => /ECONNREFUSED/.test(h.mailer),
    );
    assert.equal((await health(server)).mailPending, 1);

    await server.restart();
    assert.equal((await health(server)).mailPending, 1);
    const smtp = await startSmtp(port);
    servers.push(smtp);
    const [mail] = await smtp.count(1);
    assert.deepEqual(mail!.to, ['eve@example.com']);
    assert.match(mail!.raw, /^Subject: Transcript of your livechat conversation\r?$/m);
    assert.match(mail!.raw, /Eve: Can I get this in writing\?/);
    const again = await agentLogin(server.url);
    const sent = await until(
      () =>
        api(server.url, '/api/v1/livechat/room.feedback', {
          headers: again.headers,
          query: {rid: visitor.rid},
        }),
      (res) => res.body.transcriptRequests[0]?.mail === 'sent',
    );
    assert.ok(sent.body.transcriptRequests[0].sentAt);
    assert.equal((await health(server)).mailPending, 0);
    assert.equal(smtp.received.length, 1);
  });
  it('stops retrying a mail the SMTP server refuses for good, and says why; 4xx is retried', async () => {
    const port = await freePort();
    const tries = new Map<string, number>();
    const smtp = await startSmtp(port, {
      onRcptTo(address, _session, callback) {
        tries.set(address.address, (tries.get(address.address) ?? 0) + 1);
        const refuse = (code: number, text: string) =>
          callback(Object.assign(new Error(text), {responseCode: code}));
        if (address.address === 'gone@example.com') refuse(550, '5.1.1 No such user here');
        else if (address.address === 'busy@example.com') refuse(451, '4.3.0 Try again later');
        else callback();
      },
    });
    servers.push(smtp);
    const server = await startTestServer({
      mailRetry: {baseMs: 20, maxMs: 200},
      settings: {smtpUrl: `smtp://127.0.0.1:${port}`},
    });
    servers.push(server);
    const agent = await agentLogin(server.url);
    const askTranscript = async (email: string) => {
      const visitor = await createVisitorWithRoom(server.url, {name: 'Gil', email});
      await api(server.url, '/api/v1/livechat/message', {
        body: {token: visitor.token, rid: visitor.rid, msg: 'Mail me this, please.'},
      });
      const asked = await api(server.url, '/api/v1/livechat/transcript', {
        body: {token: visitor.token, rid: visitor.rid, email},
      });
      assert.equal(asked.status, 200, JSON.stringify(asked.body));
      return () =>
        api(server.url, '/api/v1/livechat/room.feedback', {
          headers: agent.headers,
          query: {rid: visitor.rid},
        });
    };

    const gone = await askTranscript('gone@example.com');
    const failed = await until(gone, (res) => res.body.transcriptRequests[0]?.mail === 'failed');
    assert.match(failed.body.transcriptRequests[0].mailError, /^550 5\.1\.1 No such user here/);
    assert.equal(failed.body.transcriptRequests[0].sentAt, undefined);
    assert.equal((await health(server)).mailPending, 0, 'a refused mail is not pending');

    // A temporary refusal keeps being retried; meanwhile the refused one is never tried again.
    const busy = await askTranscript('busy@example.com');
    await until(
      async () => tries.get('busy@example.com') ?? 0,
      (n) => n >= 3,
    );
    assert.equal((await busy()).body.transcriptRequests[0].mail, 'pending');
    assert.equal((await health(server)).mailPending, 1);
    assert.equal(tries.get('gone@example.com'), 1);
    assert.equal(smtp.received.length, 0);
  });

  it('marks a message the server refuses at DATA (5xx) as failed', async () => {
    const port = await freePort();
    let tries = 0;
    const smtp = await startSmtp(port, {
      onData(stream, _session, callback) {
        tries++;
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('5.7.1 Message rejected as spam'), {responseCode: 554})),
        );
      },
    });
    servers.push(smtp);
    const server = await startTestServer({
      mailRetry: {baseMs: 20, maxMs: 200},
      settings: {smtpUrl: `smtp://127.0.0.1:${port}`, offlineEmail: 'shop@example.com'},
    });
    servers.push(server);
    await api(server.url, '/api/v1/livechat/offline.message', {
      body: {name: 'Hal', email: 'hal@example.com', message: 'Buy cheap bikes'},
    });
    const agent = await agentLogin(server.url);
    const list = await until(
      () => api(server.url, '/api/v1/livechat/offline.messages', {headers: agent.headers}),
      (res) => res.body.messages[0]?.mail === 'failed',
    );
    assert.match(list.body.messages[0].mailError, /^554 5\.7\.1 Message rejected as spam/);
    assert.equal(tries, 1);
    assert.equal((await health(server)).mailPending, 0);
  });
});
