import assert from 'node:assert/strict';
import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import Fastify from 'fastify';
import type {AgentDesk} from '../../src/server/livechat/agent-desk.js';
import type {AvatarStore} from '../../src/server/livechat/avatars.js';
import type {Livechat} from '../../src/server/livechat/livechat.js';
import {registerAgentRoutes} from '../../src/server/rest/agent-routes.js';
import {registerAvatarRoutes} from '../../src/server/rest/avatar-routes.js';
import {registerFeedbackRoutes} from '../../src/server/rest/feedback-routes.js';
import {registerMessageRoutes} from '../../src/server/rest/message-routes.js';
import {isAgentApi} from '../../src/server/rest/origin-policy.js';
import {routeLimits} from '../../src/server/rest/rate-limit.js';
import {registerUploadRoutes} from '../../src/server/rest/upload-routes.js';
import {registerVisitorRoutes} from '../../src/server/rest/visitor-routes.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
  TEST_AGENT,
} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';

const SHOP = 'https://shop.example';

/** The URLs a set of route registrations adds (handlers never run). */
async function routesOf(register: (app: ReturnType<typeof Fastify>) => Promise<void> | void) {
  const app = Fastify();
  const urls: string[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD') urls.push(route.url);
  });
  await register(app);
  await app.ready();
  await app.close();
  return urls;
}

describe('which routes are the agent API', () => {
  it('counts every agent route and no visitor route', async () => {
    // Registering a route prepares its queries: a stand-in that answers anything will do.
    const anything: unknown = new Proxy(() => undefined, {
      get: () => anything,
      apply: () => anything,
    });
    const desk = anything as AgentDesk;
    const agent = await routesOf(async (app) => {
      registerAgentRoutes(app, desk, null, () => 'http://127.0.0.1');
      await registerAvatarRoutes(app, desk, {} as AvatarStore);
    });
    const livechat = {ctx: {settings: {fileUploadMaxBytes: 1}}} as unknown as Livechat;
    const limits = routeLimits();
    const visitor = await routesOf(async (app) => {
      registerVisitorRoutes(app, livechat, limits);
      registerMessageRoutes(app, livechat, limits, () => 'http://127.0.0.1');
      registerFeedbackRoutes(app, livechat, limits);
      await registerUploadRoutes(app, livechat, desk, limits, {
        isRateLimited: true,
        publicOrigin: () => 'http://127.0.0.1',
      });
    });
    assert.ok(agent.length >= 12 && visitor.length >= 15);
    for (const url of agent) {
      assert.equal(isAgentApi(url), url.startsWith('/api/'), url);
    }
    // The agent's upload shares the visitor upload's limits and quotas, not its origin policy.
    for (const url of visitor) {
      assert.equal(isAgentApi(url), url === '/api/v1/rooms.upload/:rid', url);
    }
  });
});

describe('CORS and security headers', () => {
  let server: TestServer;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-chat-headers-'));
    await mkdir(join(dir, 'agent'));
    await writeFile(join(dir, 'live-chat.js'), 'export {};');
    await writeFile(join(dir, 'agent', 'index.html'), '<title>Agent console</title>');
    await writeFile(join(dir, 'demo.html'), '<title>Demo shop</title>');
    server = await startTestServer({staticDir: dir, demoPage: join(dir, 'demo.html')});
  });
  after(async () => {
    await server.close();
    await rm(dir, {recursive: true, force: true});
  });

  const preflight = (path: string, origin = SHOP) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-auth-token',
      },
    });

  it('keeps the visitor API, files and scripts open to any site', async () => {
    for (const path of [
      '/api/v1/livechat/message',
      '/api/v1/livechat/visitor',
      '/api/v1/livechat/config',
      '/live-chat.js',
    ]) {
      const res = await preflight(path);
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP, path);
    }
    const script = await fetch(`${server.url}/live-chat.js`, {headers: {origin: SHOP}});
    assert.equal(script.headers.get('access-control-allow-origin'), SHOP);
  });

  it('closes the agent API to other origins, and serves its own', async () => {
    for (const path of [
      '/api/v1/login',
      '/api/v1/logout',
      '/api/v1/me',
      '/api/v1/chat.sendMessage',
      '/api/v1/livechat/rooms',
      '/api/v1/livechat/inquiries.take',
      '/api/v1/livechat/offline.messages',
      '/api/v1/users.setAvatar',
    ]) {
      const res = await preflight(path);
      assert.equal(res.headers.get('access-control-allow-origin'), null, path);
    }
    // A cross-site form or text/plain post, which needs no preflight, is refused before it runs.
    const login = await fetch(`${server.url}/api/v1/login`, {
      method: 'POST',
      headers: {origin: SHOP, 'content-type': 'text/plain'},
      body: JSON.stringify({user: TEST_AGENT.username, password: TEST_AGENT.password}),
    });
    assert.equal(login.status, 403);
    assert.deepEqual(await login.json(), {success: false, error: 'Origin not allowed'});
    const agent = await agentLogin(server.url);
    const foreign = await api(server.url, '/api/v1/livechat/rooms', {
      headers: {...agent.headers, origin: SHOP},
    });
    assert.equal(foreign.status, 403);
    const own = await api(server.url, '/api/v1/livechat/rooms', {
      headers: {...agent.headers, origin: server.url},
    });
    assert.equal(own.status, 200);
  });

  it('lets the origins given in agentOrigins use the agent API', async () => {
    const console = 'https://console.example';
    const other = await startTestServer({agentOrigins: [console]});
    try {
      const call = (origin: string) =>
        fetch(`${other.url}/api/v1/livechat/rooms`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'x-auth-token',
          },
        });
      assert.equal((await call(console)).headers.get('access-control-allow-origin'), console);
      assert.equal((await call(SHOP)).headers.get('access-control-allow-origin'), null);
      const agent = await agentLogin(other.url);
      const rooms = (origin: string) =>
        api(other.url, '/api/v1/livechat/rooms', {headers: {...agent.headers, origin}});
      assert.equal((await rooms(console)).status, 200);
      assert.equal((await rooms(SHOP)).status, 403);
    } finally {
      await other.close();
    }
  });

  it('sends nosniff and a referrer policy on every response', async () => {
    const visitor = await createVisitorWithRoom(server.url);
    const responses = [
      await fetch(`${server.url}/api/v1/livechat/config`),
      await fetch(`${server.url}/api/v1/livechat/room?token=${visitor.token}`),
      await fetch(`${server.url}/api/v1/nothing`),
      await fetch(`${server.url}/live-chat.js`),
      await fetch(`${server.url}/sounds/chime.wav`),
      await fetch(`${server.url}/`),
    ];
    for (const res of responses) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', res.url);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', res.url);
    }
  });

  it('gives the console and the demo page a strict CSP; the console is never framed', async () => {
    const console = await fetch(`${server.url}/agent/`);
    const csp = console.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(console.headers.get('x-frame-options'), 'DENY');
    const page = await fetch(`${server.url}/`);
    const pageCsp = page.headers.get('content-security-policy') ?? '';
    assert.match(pageCsp, /script-src 'self'/);
    assert.doesNotMatch(pageCsp, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
    // JSON answers need no page policy.
    const json = await fetch(`${server.url}/api/v1/livechat/config`);
    assert.equal(json.headers.get('content-security-policy'), null);
  });
});
