import assert from 'node:assert/strict';
import {on} from 'node:events';
import {watch} from 'node:fs';
import {readdir, rm, utimes, writeFile} from 'node:fs/promises';
import {request} from 'node:http';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {UploadSweep} from '../../src/server/livechat/upload-store.js';
import {api, createVisitorWithRoom, startTestServer} from '../helpers/node/server-fixture.js';
import type {TestServer, TestVisitor} from '../helpers/node/server-fixture.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';

const HOUR_MS = 3600_000;
const BOUNDARY = 'liveChatBoundary7MA4YWxk';

/** A multipart body with an optional `_id` field and one file part, as the widget sends it. */
function multipart(bytes: Buffer, fields: Record<string, string> = {}): Buffer {
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head =
    `${parts.join('')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; ` +
    'filename="photo.png"\r\nContent-Type: image/png\r\n\r\n';
  return Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

/**
 * An upload whose body goes out in two steps: `sendFirst(n)` writes n bytes, then either
 * `finish()` sends the rest and resolves the answer, or `abort()` drops the connection.
 */
function slowUpload(url: string, visitor: TestVisitor, body: Buffer) {
  const target = new URL(`/api/v1/livechat/upload/${visitor.rid}`, url);
  const req = request(target, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'content-length': String(body.length),
      'x-visitor-token': visitor.token,
    },
  });
  const answer = new Promise<{status: number; body: any}>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        }),
      );
    });
    req.on('error', reject);
  });
  let sent = 0;
  return {
    sendFirst(count: number) {
      req.write(body.subarray(0, count));
      sent = count;
    },
    finish() {
      req.end(body.subarray(sent));
      return answer;
    },
    abort() {
      answer.catch(() => undefined);
      req.destroy();
    },
  };
}

/** Resolves with the folder's names once `test` holds (checked again on every change). */
async function folderWhen(dir: string, test: (names: string[]) => boolean): Promise<string[]> {
  const watcher = watch(dir);
  const changes = on(watcher, 'change');
  try {
    for (;;) {
      const names = await readdir(dir);
      if (test(names)) return names;
      await changes.next();
    }
  } finally {
    watcher.close();
  }
}

describe('uploads in progress, abandoned and left over (docs/reliability.md T10)', () => {
  let server: TestServer;
  let uploads: string;
  let partials: string;
  const sweeps: ((sweep: UploadSweep) => void)[] = [];
  const nextSweep = () => new Promise<UploadSweep>((resolve) => sweeps.push(resolve));
  // Every removal, whether or not a test was waiting: a sweep may run between a test's writes
  // and its wait.
  const removedLog: string[] = [];

  before(async () => {
    // A sweep every 20 ms; the tests wait for one (`nextSweep`) instead of sleeping.
    server = await startTestServer({
      uploadGc: {
        intervalMs: 20,
        staleAfterMs: HOUR_MS,
        onSweep: (sweep) => {
          removedLog.push(...sweep.removed);
          sweeps.splice(0).forEach((resolve) => resolve(sweep));
        },
      },
    });
    uploads = join(server.dataDir, 'uploads');
    partials = join(uploads, 'partial');
  });
  after(() => server.close());

  const fileMessages = async (visitor: TestVisitor) => {
    const {body} = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
      query: {token: visitor.token},
    });
    return (body.messages as {file?: unknown}[]).filter((m) => m.file);
  };

  it('T10: the file message is created only once the whole file has arrived', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const body = multipart(Buffer.concat([PNG_BYTES, Buffer.alloc(200_000)]));
    const upload = slowUpload(server.url, visitor, body);
    upload.sendFirst(100_000);
    await folderWhen(partials, (names) => names.length === 1);
    assert.deepEqual(await fileMessages(visitor), [], 'no message while the body is on its way');

    const answer = await upload.finish();
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal((await fileMessages(visitor)).length, 1);
    assert.deepEqual(await readdir(partials), []);
  });

  it('T10: a client that goes away mid-upload leaves no file and no message', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const before = await readdir(uploads);
    const upload = slowUpload(server.url, visitor, multipart(Buffer.alloc(300_000, 1)));
    upload.sendFirst(150_000);
    await folderWhen(partials, (names) => names.length === 1);
    upload.abort();
    await folderWhen(partials, (names) => names.length === 0);
    assert.deepEqual(await readdir(uploads), before);
    assert.deepEqual(await fileMessages(visitor), []);
  });

  it('T10: the sweep removes stale partial and unrecorded files, and nothing else', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const kept = slowUpload(server.url, visitor, multipart(PNG_BYTES));
    const answer = await kept.finish();
    const fileId = answer.body.file._id as string;
    const old = new Date(Date.now() - 2 * HOUR_MS);
    const mark = removedLog.length;
    // What a crash leaves behind: a half-written upload and a file that was never recorded.
    await writeFile(join(partials, 'crashed.part'), 'half a file');
    await utimes(join(partials, 'crashed.part'), old, old);
    await writeFile(join(uploads, 'AAAAAAAAAAAAAAAAAAAAAA'), PNG_BYTES);
    await utimes(join(uploads, 'AAAAAAAAAAAAAAAAAAAAAA'), old, old);
    // Old but recorded, and fresh but unrecorded (an upload being moved into place): both stay.
    await utimes(join(uploads, fileId), old, old);
    await writeFile(join(partials, 'in-progress.part'), 'still arriving');

    // The first sweep may have started before the files above existed; the second did not.
    await nextSweep();
    await nextSweep();
    const removed = removedLog.slice(mark).sort();
    assert.deepEqual(removed, ['AAAAAAAAAAAAAAAAAAAAAA', 'partial/crashed.part']);
    assert.ok((await readdir(uploads)).includes(fileId));
    assert.deepEqual(await readdir(partials), ['in-progress.part']);
    const download = await fetch(`${server.url}${answer.body.attachments[0].title_link}`, {
      headers: {cookie: `rc_rid=${visitor.rid}; rc_token=${visitor.token}`},
    });
    assert.equal(download.status, 200);
    await rm(join(partials, 'in-progress.part'));
  });

  it('a retried upload with the same _id is stored once, file and message', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const body = multipart(PNG_BYTES, {_id: 'fileMessage000001'});
    const first = await slowUpload(server.url, visitor, body).finish();
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body._id, 'fileMessage000001');
    const files = await readdir(uploads);

    const again = await slowUpload(server.url, visitor, body).finish();
    assert.deepEqual(again, {status: 200, body: {success: true}});
    assert.deepEqual(await readdir(uploads), files, 'the second copy is not kept');
    assert.equal((await fileMessages(visitor)).length, 1);
    const found = await api(server.url, '/api/v1/livechat/message/fileMessage000001', {
      query: {token: visitor.token, rid: visitor.rid},
    });
    assert.equal(found.body.message.file._id, first.body.file._id);

    const bad = await slowUpload(server.url, visitor, multipart(PNG_BYTES, {_id: '../x'})).finish();
    assert.equal(bad.status, 400);
    assert.deepEqual(await readdir(partials), []);
  });
});
