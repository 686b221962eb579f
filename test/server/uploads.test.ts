import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {TestServer, TestVisitor} from '../helpers/node/server-fixture.js';
import {anyId, assertShape, isoDate, matching} from '../helpers/node/shape.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';

const MAX_BYTES = 64 * 1024;

describe('visitor uploads and file downloads', () => {
  let server: TestServer;
  let visitor: TestVisitor;
  before(async () => {
    server = await startTestServer({settings: {fileUploadMaxBytes: MAX_BYTES}});
    visitor = await createVisitorWithRoom(server.url, {name: 'Uma'});
  });
  after(() => server.close());

  const download = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {headers});

  it('stores an image and posts the file message of §3.2 live and over REST', async () => {
    const ddp = await connectDdp(server.url);
    try {
      await ddp.subscribe('stream-room-messages', [visitor.rid, visitorSubArgs(visitor.token)]);
      const live = ddp.nextEvent('stream-room-messages', visitor.rid);
      const res = await upload(server.url, visitor.rid, PNG_BYTES, {
        token: visitor.token,
        filename: 'wheel.png',
        type: 'image/png',
        description: 'My wheel',
      });
      assert.equal(res.status, 200);
      const fileId = res.body.file._id as string;
      assert.match(fileId, /^[A-Za-z0-9_-]{22}$/, '128 random bits, base64url');
      const ref = {_id: fileId, name: 'wheel.png', type: 'image/png'};
      const link = `/file-upload/${fileId}/wheel.png`;
      assertShape(
        res.body,
        {
          success: true,
          _id: anyId,
          rid: visitor.rid,
          msg: '',
          ts: isoDate,
          token: visitor.token,
          groupable: false,
          newRoom: false,
          showConnecting: false,
          file: ref,
          files: [ref],
          attachments: [
            {
              title: 'wheel.png',
              type: 'file',
              description: 'My wheel',
              title_link: link,
              title_link_download: true,
              image_url: link,
              image_type: 'image/png',
              image_size: PNG_BYTES.length,
              image_dimensions: {width: 1, height: 1},
            },
          ],
        },
        {exact: false},
      );
      const frame = await live;
      assert.deepEqual(frame.fields.args[0].files, [ref]);
      const read = await api(server.url, `/api/v1/livechat/message/${res.body._id}`, {
        query: {token: visitor.token, rid: visitor.rid},
      });
      assertShape(read.body.message.fileUpload, {
        type: 'image/png',
        size: PNG_BYTES.length,
        publicFilePath: matching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${link}\\?token=`)),
      });
      const signed = await download(
        new URL(read.body.message.fileUpload.publicFilePath).pathname +
          new URL(read.body.message.fileUpload.publicFilePath).search,
      );
      assert.equal(signed.status, 200);
      assert.deepEqual(Buffer.from(await signed.arrayBuffer()), PNG_BYTES);
      assert.equal(signed.headers.get('content-type'), 'image/png');
      assert.equal(signed.headers.get('x-content-type-options'), 'nosniff');
      assert.match(signed.headers.get('content-disposition') ?? '', /^inline/);
    } finally {
      ddp.close();
    }
  });

  it('serves a file only to its own room: cookies, signed link or serving agent', async () => {
    const res = await upload(server.url, visitor.rid, 'Frame size: 56 cm\n', {
      token: visitor.token,
      filename: 'notes.txt',
    });
    const path = `/file-upload/${res.body.file._id}/notes.txt`;
    const own = await download(path, {
      cookie: `rc_room_type=l; rc_rid=${visitor.rid}; rc_token=${visitor.token}`,
    });
    assert.equal(own.status, 200);
    assert.equal(await own.text(), 'Frame size: 56 cm\n');
    assert.equal(own.headers.get('content-disposition'), "attachment; filename*=UTF-8''notes.txt");
    assert.equal(own.headers.get('x-content-type-options'), 'nosniff');
    const other = await createVisitorWithRoom(server.url);
    const refused = [
      await download(path),
      // CVE-2026-48616: a valid token and room of someone else must not open this file.
      await download(path, {cookie: `rc_rid=${other.rid}; rc_token=${other.token}`}),
      await download(path, {cookie: `rc_rid=${visitor.rid}; rc_token=${other.token}`}),
      await download(`${path}?token=forged.token.value`),
      await download(`/file-upload/${res.body.file._id.slice(0, -1)}A/notes.txt`),
      await download('/file-upload/AAAAAAAAAAAAAAAAAAAAAA/notes.txt'),
    ];
    for (const answer of refused) {
      assert.equal(answer.status, 404);
      assert.deepEqual(await answer.json(), {success: false, error: 'Resource not found'});
    }
    const agent = await agentLogin(server.url);
    assert.equal((await download(path, agent.headers)).status, 200);
  });

  it('refuses tampered uploads by content, whatever the name or MIME claims (S11)', async () => {
    const notAllowed = {success: false, reason: 'error-type-not-allowed'};
    const cases: [string, Buffer | string, string][] = [
      ['page.html', '<!doctype html><script>alert(1)</script>', 'text/html'],
      ['image.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'],
      ['shell.php.txt', '<?php system($_GET["c"]); ?>', 'text/plain'],
      ['empty.txt', '', 'text/plain'],
      ['binary.png', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff]), 'image/png'],
    ];
    for (const [filename, bytes, type] of cases) {
      const res = await upload(server.url, visitor.rid, bytes, {
        token: visitor.token,
        filename,
        type,
      });
      assert.equal(res.status, 400, filename);
      assert.deepEqual(res.body, notAllowed, filename);
    }
    const spoofed = await upload(server.url, visitor.rid, PNG_BYTES, {
      token: visitor.token,
      filename: '../../etc/\u202Egnp.exe\u0007.html',
      type: 'text/html',
    });
    assert.equal(spoofed.status, 200);
    assert.equal(spoofed.body.file.type, 'image/png');
    assert.equal(spoofed.body.file.name, 'gnp.exe.png');
    const long = await upload(server.url, visitor.rid, 'x', {
      token: visitor.token,
      filename: `${'é'.repeat(600)}.txt`,
    });
    assert.ok(Buffer.byteLength(long.body.file.name) <= 255);
    assert.match(long.body.file.name, /\.txt$/);
  });

  it('refuses oversize files with sizeAllowed, and bad tokens or rooms with 401', async () => {
    const big = await upload(server.url, visitor.rid, Buffer.alloc(MAX_BYTES + 1, 0x61), {
      token: visitor.token,
      filename: 'big.txt',
    });
    assert.equal(big.status, 400);
    assert.deepEqual(big.body, {
      success: false,
      reason: 'error-size-not-allowed',
      sizeAllowed: '64 KB',
    });
    const other = await createVisitorWithRoom(server.url);
    const unauthorized = {success: false, error: 'unauthorized'};
    for (const [rid, token] of [
      [visitor.rid, undefined],
      [visitor.rid, 'nobody'],
      [other.rid, visitor.token],
      ['noSuchRoomAtAll1', visitor.token],
    ] as const) {
      const res = await upload(server.url, rid, PNG_BYTES, {token, filename: 'a.png'});
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, unauthorized);
    }
    const history = await api(server.url, `/api/v1/livechat/messages.history/${other.rid}`, {
      query: {token: other.token},
    });
    assert.ok(
      history.body.messages.every((m: {file?: unknown}) => !m.file),
      'nothing stored',
    );
  });

  it('refuses uploads when file upload is switched off', async () => {
    const off = await startTestServer({settings: {fileUpload: false}});
    try {
      const guest = await createVisitorWithRoom(off.url);
      const res = await upload(off.url, guest.rid, PNG_BYTES, {token: guest.token});
      assert.deepEqual(res.body, {success: false, reason: 'error-file-upload-disabled'});
      const config = await api(off.url, '/api/v1/livechat/config');
      assert.equal(config.body.config.settings.fileUpload, false);
      const on = (await api(server.url, '/api/v1/livechat/config')).body.config.settings;
      assert.equal(on.fileUploadMaxFileSize, MAX_BYTES);
      assert.equal(
        on.fileUploadMediaTypeWhiteList,
        'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain',
      );
    } finally {
      await off.close();
    }
  });
});
