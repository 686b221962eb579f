import assert from 'node:assert/strict';
import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import {get} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {api, startTestServer} from '../helpers/node/server-fixture.js';

describe('HTTP surface', () => {
  it('lets a page on another origin call the API (CORS), with the agent headers', async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/api/v1/livechat/message`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-auth-token',
        },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
      const allowed = response.headers.get('access-control-allow-headers') ?? '';
      for (const name of ['Content-Type', 'X-User-Id', 'X-Auth-Token', 'x-visitor-token']) {
        assert.ok(allowed.includes(name), name);
      }
    } finally {
      await server.close();
    }
  });

  it('answers unknown routes with a 404 in RC form', async () => {
    const server = await startTestServer();
    try {
      const res = await api(server.url, '/api/v1/livechat/nothing-here');
      assert.equal(res.status, 404);
      assert.equal(res.body.success, false);
    } finally {
      await server.close();
    }
  });

  it('serves the built files and the demo page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-chat-static-'));
    await mkdir(join(dir, 'agent'));
    await writeFile(join(dir, 'live-chat.js'), 'export {};');
    await writeFile(join(dir, 'agent', 'index.html'), '<title>Agent console</title>');
    await writeFile(join(dir, 'demo.html'), '<title>Demo shop</title>');
    const server = await startTestServer({staticDir: dir, demoPage: join(dir, 'demo.html')});
    try {
      const home = await fetch(`${server.url}/`);
      assert.match(await home.text(), /Demo shop/);
      assert.match(home.headers.get('content-type') ?? '', /text\/html/);
      const script = await fetch(`${server.url}/live-chat.js`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.match(await (await fetch(`${server.url}/agent/`)).text(), /Agent console/);
    } finally {
      await server.close();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('lets browsers keep hashed chunks, run the entry at once and revalidate it, and ask for pages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-chat-static-'));
    const chunk = `export const engine = '${'engine '.repeat(400)}';`;
    await writeFile(join(dir, 'live-chat.js'), 'export {};');
    await writeFile(join(dir, 'chat-engine-mxX-oyu6.js'), chunk);
    await mkdir(join(dir, 'agent'));
    await writeFile(join(dir, 'agent', 'index.html'), '<title>Agent console</title>');
    const server = await startTestServer({staticDir: dir});
    try {
      const hashed = await fetch(`${server.url}/chat-engine-mxX-oyu6.js`);
      assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(await hashed.text(), chunk);

      const entry = await fetch(`${server.url}/live-chat.js`);
      const policy = entry.headers.get('cache-control') ?? '';
      assert.match(
        policy,
        /max-age=0, stale-while-revalidate=\d+/,
        'run at once, refresh meanwhile',
      );
      const etag = entry.headers.get('etag');
      assert.ok(etag, 'the entry carries a validator');
      // node:http, because fetch marks a conditional request `cache-control: no-cache`.
      const again = await new Promise<number | undefined>((done, fail) =>
        get(`${server.url}/live-chat.js`, {headers: {'if-none-match': etag}}, (res) => {
          res.resume();
          done(res.statusCode);
        }).on('error', fail),
      );
      assert.equal(again, 304, 'an unchanged entry is not sent twice');
      const page = await fetch(`${server.url}/agent/`);
      assert.equal(page.headers.get('cache-control'), 'no-cache');
    } finally {
      await server.close();
      await rm(dir, {recursive: true, force: true});
    }
  });

  it('rate-limits like Rocket.Chat: 5 registrations of one visitor token a minute', async () => {
    const server = await startTestServer({rateLimit: true});
    try {
      // Keyed by token, not address: the 6th registration of one token is refused, while a new
      // visitor on the same address still gets in (up to 50 a minute per address).
      const register = (token: string) =>
        api(server.url, '/api/v1/livechat/visitor', {body: {visitor: {token}}});
      for (let i = 0; i < 5; i++) assert.equal((await register('limited')).status, 200);
      const refused = await register('limited');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.success, false);
      assert.match(refused.body.error, /too many requests.*\[error-too-many-requests\]$/);
      assert.equal((await register('neighbour')).status, 200);
      const other = await api(server.url, '/api/v1/livechat/config');
      assert.equal(other.status, 200, 'each route has its own bucket');
    } finally {
      await server.close();
    }
  });
});
