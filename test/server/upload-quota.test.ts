import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import {connect} from 'node:net';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {DEFAULT_SETTINGS} from '../../src/server/livechat/settings.js';
import type {LivechatSettings} from '../../src/server/livechat/settings.js';
import {UploadQuotas} from '../../src/server/livechat/upload-quota.js';
import type {UploadStore} from '../../src/server/livechat/upload-store.js';
import {api, createVisitorWithRoom, startTestServer} from '../helpers/node/server-fixture.js';
import type {ApiResponse, TestServer, TestVisitor} from '../helpers/node/server-fixture.js';

const KIB = 1024;
const FILE = Buffer.alloc(40 * KIB, 'a');
const HOUR_MS = 3_600_000;

/** `POST livechat/upload/:rid` of a text file, as if from `address` (through a trusted proxy). */
async function uploadFrom(
  server: TestServer,
  visitor: TestVisitor,
  address = '10.0.0.1',
): Promise<ApiResponse> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(FILE)]), 'notes.txt');
  const response = await fetch(`${server.url}/api/v1/livechat/upload/${visitor.rid}`, {
    method: 'POST',
    body: form,
    headers: {'x-visitor-token': visitor.token, 'x-forwarded-for': address},
  });
  return {status: response.status, body: await response.json(), headers: response.headers};
}

/** Names in the uploads folder and in its partial folder. */
async function storedFiles(server: TestServer): Promise<{files: string[]; partial: string[]}> {
  const folder = join(server.dataDir, 'uploads');
  const files = (await readdir(folder)).filter((name) => name !== 'partial');
  return {files, partial: await readdir(join(folder, 'partial'))};
}

async function fileMessages(server: TestServer, visitor: TestVisitor): Promise<number> {
  const history = await api(server.url, `/api/v1/livechat/messages.history/${visitor.rid}`, {
    query: {token: visitor.token},
  });
  return (history.body.messages as {file?: unknown}[]).filter((m) => m.file).length;
}

/**
 * Sends only the headers of an upload that announces `length` body bytes and resolves with the
 * raw answer: it comes before any of the body was sent.
 */
function headersOnlyUpload(server: TestServer, visitor: TestVisitor, length: number) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    // A server that waits for the body never answers: fail instead of waiting for its deadline.
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer without the body'));
    }, 5000);
    let answer = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const end = answer.indexOf('\r\n\r\n');
      const size = Number(/content-length: (\d+)/i.exec(answer)?.[1] ?? NaN);
      if (end >= 0 && answer.length >= end + 4 + size) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer);
      }
    });
    socket.write(
      `POST /api/v1/livechat/upload/${visitor.rid} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `x-visitor-token: ${visitor.token}\r\n` +
        'content-type: multipart/form-data; boundary=quota\r\n' +
        `content-length: ${length}\r\n\r\n`,
    );
  });
}

/** A server with rate limits on, behind a trusted local proxy, with these upload limits. */
const quotaServer = (roomQuota: number, totalQuota: number, addressPerHour: number) =>
  startTestServer({
    rateLimit: true,
    trustProxy: ['127.0.0.1'],
    settings: {
      fileUploadMaxBytes: 64 * KIB,
      fileUploadRoomQuotaBytes: roomQuota,
      fileUploadTotalQuotaBytes: totalQuota,
      fileUploadAddressBytesPerHour: addressPerHour,
    },
  });

describe('upload quota per room', () => {
  let server: TestServer;
  before(async () => {
    server = await quotaServer(100 * KIB, 0, 0);
  });
  after(() => server.close());

  it('refuses the upload that would pass the quota, with its own reason, and stores nothing', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    assert.equal((await uploadFrom(server, visitor)).status, 200);
    assert.equal((await uploadFrom(server, visitor)).status, 200);
    const refused = await uploadFrom(server, visitor);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {
      reason: 'error-upload-quota-exceeded',
      quotaAllowed: '100 KB',
      success: false,
    });
    assert.equal(await fileMessages(server, visitor), 2);
    const stored = await storedFiles(server);
    assert.equal(stored.files.length, 2);
    assert.deepEqual(stored.partial, []);
    // Another room has its own quota.
    const other = await createVisitorWithRoom(server.url);
    assert.equal((await uploadFrom(server, other)).status, 200);
  });

  it('answers before reading the body', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    assert.equal((await uploadFrom(server, visitor)).status, 200);
    const answer = await headersOnlyUpload(server, visitor, 61 * KIB);
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /"reason":"error-upload-quota-exceeded"/);
    assert.deepEqual((await storedFiles(server)).partial, []);
  });

  it('holds the bytes of uploads under way, so concurrent ones cannot overshoot together', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const answers = await Promise.all(Array.from({length: 5}, () => uploadFrom(server, visitor)));
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [200, 200, 400, 400, 400]);
    assert.equal(await fileMessages(server, visitor), 2);
  });
});

describe('upload cap in total and per address', () => {
  let server: TestServer;
  before(async () => {
    server = await quotaServer(0, 200 * KIB, 100 * KIB);
  });
  after(() => server.close());

  it('slows an address down after its hourly bytes with 429 and Retry-After', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const other = await createVisitorWithRoom(server.url);
    assert.equal((await uploadFrom(server, visitor, '10.0.0.1')).status, 200);
    assert.equal((await uploadFrom(server, other, '10.0.0.1')).status, 200);
    const refused = await uploadFrom(server, visitor, '10.0.0.1');
    assert.equal(refused.status, 429);
    assert.match(refused.body.error, /too many requests.*\[error-too-many-requests\]$/);
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${wait}`);
    assert.equal((await storedFiles(server)).files.length, 2);
    assert.equal((await uploadFrom(server, visitor, '10.0.0.2')).status, 200);
  });

  it('refuses every upload once the stored files reach the total cap', async () => {
    // The previous test stored 120 KiB; 40 KiB more fit, the next does not.
    const visitor = await createVisitorWithRoom(server.url);
    assert.equal((await uploadFrom(server, visitor, '10.0.0.3')).status, 200);
    const refused = await uploadFrom(server, visitor, '10.0.0.4');
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {reason: 'error-upload-storage-full', success: false});
    assert.equal((await storedFiles(server)).files.length, 4);
  });
});

describe('UploadQuotas', () => {
  const fakeStore = (room = 0, total = 0) =>
    ({roomBytes: () => room, totalBytes: () => total}) as unknown as UploadStore;
  const settingsWith = (values: Partial<LivechatSettings>): LivechatSettings => ({
    ...DEFAULT_SETTINGS,
    fileUploadRoomQuotaBytes: 0,
    fileUploadTotalQuotaBytes: 0,
    fileUploadAddressBytesPerHour: 0,
    ...values,
  });

  it('counts only stored bytes against an address, for one hour', () => {
    let now = 1_000_000;
    const settings = settingsWith({fileUploadAddressBytesPerHour: 100});
    const quotas = new UploadQuotas(fakeStore(), settings, () => now);
    const claim = {rid: 'r', address: 'a', bytes: 60};
    const first = quotas.reserve(claim);
    assert.ok(first.admitted);
    assert.deepEqual(quotas.reserve(claim), {admitted: false, waitMs: HOUR_MS});
    first.reservation.release(0);
    const second = quotas.reserve(claim);
    assert.ok(second.admitted);
    second.reservation.release(60);
    now += 10 * 60_000;
    assert.deepEqual(quotas.reserve(claim), {admitted: false, waitMs: 50 * 60_000});
    assert.ok(quotas.reserve({...claim, address: 'b'}).admitted);
    now += 50 * 60_000;
    assert.ok(quotas.reserve(claim).admitted);
  });

  it('admits one upload of a quiet address even above the hourly bytes', () => {
    const settings = settingsWith({fileUploadAddressBytesPerHour: 10});
    const quotas = new UploadQuotas(fakeStore(), settings, () => 0);
    assert.ok(quotas.reserve({rid: 'r', address: 'a', bytes: 50}).admitted);
    assert.equal(quotas.reserve({rid: 'r', address: 'a', bytes: 1}).admitted, false);
  });

  it('reads the settings at each upload, so a change applies at once', () => {
    const settings = settingsWith({fileUploadRoomQuotaBytes: 100});
    const quotas = new UploadQuotas(fakeStore(80), settings, () => 0);
    assert.throws(() => quotas.reserve({rid: 'r', address: 'a', bytes: 30}), {
      code: 'upload',
      details: {reason: 'error-upload-quota-exceeded', quotaAllowed: '100 B'},
    });
    settings.fileUploadRoomQuotaBytes = 0;
    assert.ok(quotas.reserve({rid: 'r', address: 'a', bytes: 30}).admitted);
  });
});

describe('upload quota options', () => {
  it('come from the config file as byte counts, 0 switching one off', () => {
    const config = parseConfigFile(
      JSON.stringify({
        fileUploadRoomQuotaBytes: 1024,
        fileUploadTotalQuotaBytes: 0,
        fileUploadAddressBytesPerHour: 2048,
      }),
    );
    assert.ok(typeof config !== 'string');
    assert.deepEqual(config.settings, {
      fileUploadRoomQuotaBytes: 1024,
      fileUploadTotalQuotaBytes: 0,
      fileUploadAddressBytesPerHour: 2048,
    });
    assert.match(
      String(parseConfigFile('{"fileUploadRoomQuotaBytes": -1}')),
      /"fileUploadRoomQuotaBytes" must be an integer from 0/,
    );
  });

  it('come from flags with K, M or G, and wrong sizes are refused', () => {
    const parsed = parseCliArgs([
      '--upload-room-quota',
      '200M',
      '--upload-total-quota',
      '5g',
      '--upload-address-rate',
      '0',
    ]);
    assert.equal(parsed.kind, 'run');
    assert.deepEqual(parsed.kind === 'run' && parsed.options.settings, {
      fileUploadRoomQuotaBytes: 200 * 1024 ** 2,
      fileUploadTotalQuotaBytes: 5 * 1024 ** 3,
      fileUploadAddressBytesPerHour: 0,
    });
    assert.deepEqual(parseCliArgs(['--upload-total-quota', '1.5G']), {
      kind: 'error',
      message: "--upload-total-quota expects bytes or a size like 200M, got '1.5G'",
    });
  });
});

describe('upload bytes per address with rate limits off', () => {
  it('lets an address store past its hourly bytes, like every rate limit', async () => {
    const server = await startTestServer({
      settings: {fileUploadMaxBytes: 64 * KIB, fileUploadAddressBytesPerHour: 50 * KIB},
    });
    try {
      const visitor = await createVisitorWithRoom(server.url);
      for (let i = 0; i < 3; i++) assert.equal((await uploadFrom(server, visitor)).status, 200);
    } finally {
      await server.close();
    }
  });
});
