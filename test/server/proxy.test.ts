import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {request} from 'node:http';
import {describe, it} from 'node:test';
import {parseCliArgs} from '../../src/server/cli-args.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {PNG_BYTES, upload} from '../helpers/node/uploads.js';
import {
  api,
  connectDdp,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';

const newToken = () => randomBytes(16).toString('hex');

/** A GET with headers fetch will not send as given (`Host`); resolves the parsed JSON body. */
function rawGet(url: string, path: string, headers: Record<string, string>): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {headers}, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Registers a fresh visitor as if from `forwardedFor`; resolves the status. */
const registerFrom = async (url: string, forwardedFor: string) =>
  (
    await api(url, '/api/v1/livechat/visitor', {
      body: {visitor: {token: newToken()}},
      headers: {'x-forwarded-for': forwardedFor},
    })
  ).status;

const visitorLimit = {visitor: {max: 5, windowMs: 60_000, perAddress: 2}};

describe('--trust-proxy: the client address behind a reverse proxy', () => {
  it('without it, X-Forwarded-For is ignored: a client cannot pick its own address', async () => {
    const server = await startTestServer({rateLimit: visitorLimit});
    try {
      const statuses = [];
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        statuses.push(await registerFrom(server.url, ip));
      }
      assert.deepEqual(statuses, [200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  it('with --trust-proxy 127.0.0.1, each forwarded client has its own ceiling', async () => {
    const server = await startTestServer({rateLimit: visitorLimit, trustProxy: ['127.0.0.1']});
    try {
      const others = [];
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        others.push(await registerFrom(server.url, ip));
      }
      assert.deepEqual(others, [200, 200, 200]);
      const same = [];
      for (let i = 0; i < 3; i++) same.push(await registerFrom(server.url, '10.0.0.9'));
      assert.deepEqual(same, [200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  it('applies to DDP upgrades: the socket cap counts the forwarded address', async () => {
    for (const trustProxy of [undefined, 1]) {
      const server = await startTestServer({maxSocketsPerAddress: 1, trustProxy});
      const first = await connectDdp(server.url, {headers: {'x-forwarded-for': '10.0.0.1'}});
      const second = await connectDdp(server.url, {
        handshake: false,
        headers: {'x-forwarded-for': '10.0.0.2'},
      });
      try {
        if (trustProxy) {
          second.send({msg: 'connect', version: '1', support: ['1']});
          assert.equal((await second.next((f) => f.msg === 'connected')).msg, 'connected');
        } else {
          assert.equal((await second.closed).code, 1013);
        }
      } finally {
        first.close();
        second.close();
        await server.close();
      }
    }
  });
});

describe('--public-url: the origin of signed file links', () => {
  /** Uploads a file and reads its message back with `headers`; resolves its link. */
  async function fileLink(url: string, headers: Record<string, string>): Promise<string> {
    const visitor = await createVisitorWithRoom(url);
    const sent = await upload(url, visitor.rid, PNG_BYTES, {
      token: visitor.token,
      filename: 'wheel.png',
      type: 'image/png',
    });
    assert.equal(sent.status, 200);
    const path =
      `/api/v1/livechat/message/${sent.body._id}?token=${visitor.token}` + `&rid=${visitor.rid}`;
    const read = await rawGet(url, path, headers);
    return read.message.fileUpload.publicFilePath as string;
  }

  it('never takes an arbitrary Host header into a link', async () => {
    const server = await startTestServer();
    try {
      const forged = await fileLink(server.url, {host: 'evil.example'});
      assert.ok(forged.startsWith(`${server.url}/file-upload/`), forged);
      const own = await fileLink(server.url, {host: `localhost:${server.port}`});
      assert.ok(own.startsWith(`http://localhost:${server.port}/file-upload/`), own);
      const spoofedProto = await fileLink(server.url, {
        host: `127.0.0.1:${server.port}`,
        'x-forwarded-proto': 'https',
      });
      assert.ok(spoofedProto.startsWith('http://'), 'X-Forwarded-Proto from an untrusted peer');
    } finally {
      await server.close();
    }
  });

  it('uses --public-url when given, and X-Forwarded-Proto behind a trusted proxy', async () => {
    const pinned = await startTestServer({publicUrl: 'https://chat.example.com'});
    try {
      const link = await fileLink(pinned.url, {host: 'evil.example'});
      assert.ok(link.startsWith('https://chat.example.com/file-upload/'), link);
    } finally {
      await pinned.close();
    }
    const proxied = await startTestServer({
      trustProxy: ['127.0.0.1'],
      allowedOrigins: ['https://chat.example.org'],
    });
    try {
      const link = await fileLink(proxied.url, {
        host: 'chat.example.org',
        'x-forwarded-proto': 'https',
      });
      assert.ok(link.startsWith('https://chat.example.org/file-upload/'), link);
      // RFC 7239's proto= stands in when X-Forwarded-Proto is missing.
      const rfc = await fileLink(proxied.url, {
        host: 'chat.example.org',
        forwarded: 'for=192.0.2.1;proto=https',
      });
      assert.ok(rfc.startsWith('https://chat.example.org/file-upload/'), rfc);
    } finally {
      await proxied.close();
    }
  });

  it('takes both forms from the command line and the config file, and refuses bad values', () => {
    const run = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return parsed.kind === 'run' ? parsed.options : parsed;
    };
    assert.equal((run(['--trust-proxy', '2']) as {trustProxy: unknown}).trustProxy, 2);
    assert.deepEqual(
      (run(['--trust-proxy', '127.0.0.1, 10.0.0.0/8']) as {trustProxy: unknown}).trustProxy,
      ['127.0.0.1', '10.0.0.0/8'],
    );
    assert.equal(
      (run(['--public-url', 'https://chat.example.com/x']) as {publicUrl: unknown}).publicUrl,
      'https://chat.example.com',
    );
    assert.equal(
      (run(['--max-sockets-per-address', '7']) as {maxSocketsPerAddress: unknown})
        .maxSocketsPerAddress,
      7,
    );
    assert.deepEqual(run(['--trust-proxy', 'everyone']), {
      kind: 'error',
      message: "--trust-proxy expects a hop count or addresses/CIDRs, got 'everyone'",
    });
    assert.deepEqual(run(['--public-url', 'ftp://x']), {
      kind: 'error',
      message: "--public-url expects an http(s) URL, got 'ftp://x'",
    });
    const file = parseConfigFile(
      JSON.stringify({
        trustProxy: '10.0.0.0/8',
        publicUrl: 'https://chat.example.com',
        maxSocketsPerAddress: 20,
      }),
    );
    assert.deepEqual(file, {
      settings: {},
      trustProxy: ['10.0.0.0/8'],
      publicUrl: 'https://chat.example.com',
      maxSocketsPerAddress: 20,
    });
    assert.equal(
      parseConfigFile('{"trustProxy": "10.0.0.0/99"}'),
      '"trustProxy" must be a hop count or a comma list of addresses and CIDRs',
    );
  });
});
