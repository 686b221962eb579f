import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  TEST_AGENT,
  agentLogin,
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
  visitorSubArgs,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer, TestVisitor} from '../helpers/node/server-fixture.js';
import {PNG_BYTES, agentUpload, upload} from '../helpers/node/uploads.js';

const KIB = 1024;
const MAX_BYTES = 64 * KIB;
const ROOM_QUOTA = 100 * KIB;
const SECOND = {username: 'second', password: 'second-password', name: 'Second Agent'};
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('agent uploads (rooms.upload)', () => {
  let server: TestServer;
  let agent: AgentLogin;
  let visitor: TestVisitor;
  before(async () => {
    server = await startTestServer({
      agents: [TEST_AGENT, {...SECOND, available: false}],
      settings: {fileUploadMaxBytes: MAX_BYTES, fileUploadRoomQuotaBytes: ROOM_QUOTA},
    });
    agent = await agentLogin(server.url);
    visitor = await createVisitorWithRoom(server.url, {name: 'Vera'});
  });
  after(() => server.close());

  const roomFiles = async (rid: string) => {
    const page = await api(server.url, '/api/v1/livechat/room.messages', {
      headers: agent.headers,
      query: {rid},
    });
    return (page.body.messages as {file?: unknown}[]).filter((m) => m.file).length;
  };

  it('sends a picture the visitor gets live, and can open with its signed link', async () => {
    const ddp = await connectDdp(server.url);
    try {
      await ddp.subscribe('stream-room-messages', [visitor.rid, visitorSubArgs(visitor.token)]);
      const live = ddp.nextEvent('stream-room-messages', visitor.rid);
      const res = await agentUpload(server.url, visitor.rid, PNG_BYTES, {
        headers: agent.headers,
        filename: 'part.png',
        msg: 'This is the part',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const {message} = res.body;
      assert.equal(message.u._id, agent.userId);
      assert.equal(message.u.name, TEST_AGENT.name);
      assert.equal(message.msg, 'This is the part');
      assert.equal(message.token, undefined, 'an agent message, not the visitor’s');
      const ref = {_id: message.file._id, name: 'part.png', type: 'image/png'};
      assert.deepEqual(message.files, [ref]);
      assert.equal(message.attachments[0].image_url, `/file-upload/${ref._id}/part.png`);
      assert.deepEqual(message.attachments[0].image_dimensions, {width: 1, height: 1});
      // The agent console shows it with the signed link of the answer.
      const forAgent = await fetch(message.fileUpload.publicFilePath);
      assert.equal(forAgent.status, 200);
      assert.deepEqual(Buffer.from(await forAgent.arrayBuffer()), PNG_BYTES);

      const frame = await live;
      const delivered = frame.fields.args[0];
      assert.equal(delivered._id, message._id);
      assert.deepEqual(delivered.files, [ref]);
      const read = await api(server.url, `/api/v1/livechat/message/${message._id}`, {
        query: {token: visitor.token, rid: visitor.rid},
      });
      const forVisitor = await fetch(read.body.message.fileUpload.publicFilePath);
      assert.equal(forVisitor.status, 200);
      assert.equal(forVisitor.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await forVisitor.arrayBuffer()), PNG_BYTES);
    } finally {
      ddp.close();
    }
  });

  it('sends a PDF as a download the visitor opens with the widget cookies', async () => {
    const res = await agentUpload(server.url, visitor.rid, PDF_BYTES, {
      headers: agent.headers,
      filename: 'invoice.pdf',
      description: 'Your invoice',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [attachment] = res.body.message.attachments;
    assert.equal(attachment.title, 'invoice.pdf');
    assert.equal(attachment.description, 'Your invoice');
    assert.equal(attachment.image_url, undefined);
    const file = await fetch(`${server.url}${attachment.title_link}`, {
      headers: {cookie: `rc_rid=${visitor.rid}; rc_token=${visitor.token}`},
    });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment;/);
    const other = await createVisitorWithRoom(server.url);
    const foreign = await fetch(`${server.url}${attachment.title_link}`, {
      headers: {cookie: `rc_rid=${other.rid}; rc_token=${other.token}`},
    });
    assert.equal(foreign.status, 404, 'another visitor cannot open it');
  });

  it('refuses another agent, a visitor token and a closed room', async () => {
    const before = await roomFiles(visitor.rid);
    const second = await agentLogin(server.url, SECOND.username, SECOND.password);
    try {
      const foreign = await agentUpload(server.url, visitor.rid, PNG_BYTES, {
        headers: second.headers,
      });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.errorType, 'error-not-allowed');
    } finally {
      await api(server.url, '/api/v1/livechat/agent.status', {
        headers: second.headers,
        body: {status: 'not-available'},
      });
    }
    const asVisitor = await agentUpload(server.url, visitor.rid, PNG_BYTES, {
      headers: {'x-visitor-token': visitor.token},
    });
    assert.equal(asVisitor.status, 401);
    const closing = await createVisitorWithRoom(server.url);
    await api(server.url, '/api/v1/livechat/room.closeByUser', {
      headers: agent.headers,
      body: {rid: closing.rid},
    });
    const closed = await agentUpload(server.url, closing.rid, PNG_BYTES, {headers: agent.headers});
    assert.deepEqual(closed.body, {success: false, error: 'room-closed'});
    assert.equal(await roomFiles(visitor.rid), before, 'nothing was posted');
  });

  it('refuses a file too large or of a type not allowed, saying why', async () => {
    const before = await roomFiles(visitor.rid);
    const large = await agentUpload(server.url, visitor.rid, Buffer.alloc(MAX_BYTES + 1, 'a'), {
      headers: agent.headers,
      filename: 'big.txt',
    });
    assert.equal(large.status, 400);
    assert.deepEqual(large.body, {
      success: false,
      reason: 'error-size-not-allowed',
      sizeAllowed: '64 KB',
    });
    const program = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const refused = await agentUpload(server.url, visitor.rid, program, {
      headers: agent.headers,
      filename: 'setup.exe',
    });
    assert.deepEqual(refused.body, {success: false, reason: 'error-type-not-allowed'});
    assert.equal(await roomFiles(visitor.rid), before, 'nothing was posted');
  });

  it('sends a caption as the file’s description, trimmed; refuses one longer than a message, storing nothing', async () => {
    const room = await createVisitorWithRoom(server.url, {name: 'Cara'});
    const ddp = await connectDdp(server.url);
    try {
      await ddp.subscribe('stream-room-messages', [room.rid, visitorSubArgs(room.token)]);
      const live = ddp.nextEvent('stream-room-messages', room.rid);
      const sent = await agentUpload(server.url, room.rid, PDF_BYTES, {
        headers: agent.headers,
        filename: 'quote.pdf',
        description: '  The quote for the cargo bike  ',
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.message.attachments[0].description, 'The quote for the cargo bike');
      const delivered = (await live).fields.args[0];
      assert.equal(delivered.attachments[0].description, 'The quote for the cargo bike');

      const blank = await agentUpload(server.url, room.rid, PDF_BYTES, {
        headers: agent.headers,
        description: ' \n ',
      });
      assert.equal(blank.status, 200);
      assert.equal(blank.body.message.attachments[0].description, undefined, 'no empty caption');

      // A long caption in a script of two-byte characters arrives whole, not shortened.
      const whole = 'é'.repeat(5000);
      const longest = await agentUpload(server.url, room.rid, PDF_BYTES, {
        headers: agent.headers,
        description: whole,
      });
      assert.equal(longest.status, 200);
      assert.equal(longest.body.message.attachments[0].description, whole);

      const before = await roomFiles(room.rid);
      const long = await agentUpload(server.url, room.rid, PDF_BYTES, {
        headers: agent.headers,
        description: 'x'.repeat(5001),
      });
      assert.equal(long.status, 400);
      assert.equal(long.body.error, 'message-length-exceeds-character-limit');
      assert.equal(await roomFiles(room.rid), before, 'nothing was posted');
    } finally {
      ddp.close();
    }
  });

  it('counts the agent’s files in the room quota with the visitor’s', async () => {
    const room = await createVisitorWithRoom(server.url);
    const text = Buffer.alloc(40 * KIB, 'b');
    const fromVisitor = await upload(server.url, room.rid, text, {
      token: room.token,
      filename: 'log.txt',
    });
    assert.equal(fromVisitor.status, 200);
    const first = await agentUpload(server.url, room.rid, text, {headers: agent.headers});
    assert.equal(first.status, 200);
    const over = await agentUpload(server.url, room.rid, text, {headers: agent.headers});
    assert.equal(over.status, 400);
    assert.deepEqual(over.body, {
      success: false,
      reason: 'error-upload-quota-exceeded',
      quotaAllowed: '100 KB',
    });
    assert.equal(await roomFiles(room.rid), 2);
  });
});
