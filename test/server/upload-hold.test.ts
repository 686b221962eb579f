import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import {connect, type Socket} from 'node:net';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {api, createVisitorWithRoom, startTestServer} from '../helpers/node/server-fixture.js';
import type {TestServer, TestVisitor} from '../helpers/node/server-fixture.js';

const KIB = 1024;
const BOUNDARY = 'held';

/**
 * An upload of a `size`-byte file from `address` (through the trusted local proxy) that sends
 * its headers and the file part's header, then nothing until `finish()`; `answer` resolves with
 * the raw HTTP answer.
 */
function heldUpload(server: TestServer, visitor: TestVisitor, size: number, address: string) {
  const head =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n` +
    'Content-Type: text/plain\r\n\r\n';
  const tail = `\r\n--${BOUNDARY}--\r\n`;
  const socket: Socket = connect(server.port, '127.0.0.1');
  let text = '';
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => {});
  });
  socket.write(
    `POST /api/v1/livechat/upload/${visitor.rid} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `x-visitor-token: ${visitor.token}\r\nx-forwarded-for: ${address}\r\nconnection: close\r\n` +
      `content-type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
      `content-length: ${head.length + size + tail.length}\r\n\r\n${head}`,
  );
  return {
    answer,
    finish: () => socket.write(Buffer.concat([Buffer.alloc(size, 'b'), Buffer.from(tail)])),
    abort: () => socket.destroy(),
  };
}

async function uploadFrom(server: TestServer, visitor: TestVisitor, address: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(40 * KIB).fill(97)]), 'notes.txt');
  const response = await fetch(`${server.url}/api/v1/livechat/upload/${visitor.rid}`, {
    method: 'POST',
    body: form,
    headers: {'x-visitor-token': visitor.token, 'x-forwarded-for': address},
  });
  return {status: response.status, body: await response.json()};
}

async function storedFiles(server: TestServer) {
  const folder = join(server.dataDir, 'uploads');
  const files = (await readdir(folder)).filter((name) => name !== 'partial');
  return {files, partial: await readdir(join(folder, 'partial'))};
}

// The total quota is shared by everyone: bytes an upload only announces must not hold it, or
// uploads that announce the size limit and never send a byte refuse every upload of the site.
describe('the total upload quota holds bytes that arrived, not bytes announced', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      rateLimit: true,
      trustProxy: ['127.0.0.1'],
      settings: {
        fileUploadMaxBytes: 64 * KIB,
        fileUploadRoomQuotaBytes: 0,
        fileUploadTotalQuotaBytes: 100 * KIB,
        fileUploadAddressBytesPerHour: 0,
      },
    });
  });
  after(() => server.close());

  it('uploads that announce much and send nothing shut nobody out; bytes over the cap stop theirs', async () => {
    const attacker = await createVisitorWithRoom(server.url);
    // Four silent uploads announce 240 KiB, more than the whole quota.
    const held = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((address) =>
      heldUpload(server, attacker, 60 * KIB, address),
    );
    const visitor = await createVisitorWithRoom(server.url);
    const first = await uploadFrom(server, visitor, '10.0.1.1');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal((await uploadFrom(server, visitor, '10.0.1.2')).status, 200);
    assert.equal((await storedFiles(server)).files.length, 2);

    // 80 KiB stored: the file the first held upload now sends does not fit.
    held[0].finish();
    const answer = await held[0].answer;
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /"reason":"error-upload-storage-full"/);
    for (const upload of held.slice(1)) upload.abort();
    await Promise.all(held.map((upload) => upload.answer));
    const history = await api(server.url, `/api/v1/livechat/messages.history/${attacker.rid}`, {
      query: {token: attacker.token},
    });
    assert.equal(history.body.messages.filter((m: {file?: unknown}) => m.file).length, 0);
    const stored = await storedFiles(server);
    assert.equal(stored.files.length, 2);
    assert.deepEqual(stored.partial, [], 'no partial file left');
    // What is left still takes a small file.
    const small = new FormData();
    small.append('file', new Blob([new Uint8Array(10 * KIB).fill(97)]), 'small.txt');
    const response = await fetch(`${server.url}/api/v1/livechat/upload/${visitor.rid}`, {
      method: 'POST',
      body: small,
      headers: {'x-visitor-token': visitor.token, 'x-forwarded-for': '10.0.1.3'},
    });
    assert.equal(response.status, 200);
  });
});
