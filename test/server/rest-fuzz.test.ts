import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer, TestVisitor} from '../helpers/node/server-fixture.js';
import {HOSTILE_STRINGS, fuzz, fuzzSeed} from '../helpers/node/fuzz.js';
import type {Fuzz} from '../helpers/node/fuzz.js';

/** Bounded in count and in time, whichever ends first; at least MIN_REQUESTS must run. */
const REQUESTS = 2000;
const BUDGET_MS = 20_000;
const MIN_REQUESTS = 500;
const PARALLEL = 8;

/** Every REST route of the server, `:x` marking path parameters. */
const ROUTES: readonly [string, string][] = [
  ['GET', '/api/v1/livechat/config'],
  ['POST', '/api/v1/livechat/visitor'],
  ['GET', '/api/v1/livechat/visitor/:token'],
  ['DELETE', '/api/v1/livechat/visitor/:token'],
  ['POST', '/api/v1/livechat/visitor.status'],
  ['GET', '/api/v1/livechat/room'],
  ['POST', '/api/v1/livechat/room.close'],
  ['GET', '/api/v1/livechat/agent.info/:rid/:token'],
  ['GET', '/api/v1/livechat/agent.next/:token'],
  ['POST', '/api/v1/livechat/message'],
  ['GET', '/api/v1/livechat/message/:mid'],
  ['PUT', '/api/v1/livechat/message/:mid'],
  ['DELETE', '/api/v1/livechat/message/:mid'],
  ['GET', '/api/v1/livechat/messages.history/:rid'],
  ['POST', '/api/v1/livechat/room.survey'],
  ['POST', '/api/v1/livechat/room.transfer'],
  ['POST', '/api/v1/livechat/transcript'],
  ['POST', '/api/v1/livechat/offline.message'],
  ['POST', '/api/v1/livechat/page.visited'],
  ['POST', '/api/v1/livechat/custom.field'],
  ['POST', '/api/v1/livechat/custom.fields'],
  ['POST', '/api/v1/livechat/upload/:rid'],
  ['GET', '/file-upload/:mid/:token'],
  ['GET', '/avatar/:token'],
  ['POST', '/api/v1/login'],
  ['POST', '/api/v1/logout'],
  ['GET', '/api/v1/me'],
  ['POST', '/api/v1/livechat/agent.status'],
  ['GET', '/api/v1/livechat/rooms'],
  ['GET', '/api/v1/livechat/room.messages'],
  ['POST', '/api/v1/chat.sendMessage'],
  ['POST', '/api/v1/livechat/room.closeByUser'],
  ['GET', '/api/v1/livechat/inquiries.queued'],
  ['POST', '/api/v1/livechat/inquiries.take'],
  ['GET', '/api/v1/livechat/offline.messages'],
  ['POST', '/api/v1/livechat/offline.messages.read'],
  ['GET', '/api/v1/livechat/room.feedback'],
  ['POST', '/api/v1/users.setAvatar'],
  ['POST', '/api/v1/users.resetAvatar'],
];

/** The body and query keys the routes read, so that generated input reaches the handlers. */
const KEYS = [
  'token',
  'rid',
  'msg',
  '_id',
  'name',
  'email',
  'message',
  'department',
  'data',
  'visitor',
  'pageInfo',
  'change',
  'title',
  'location',
  'href',
  'key',
  'value',
  'overwrite',
  'customFields',
  'status',
  'user',
  'password',
  'resume',
  'roomId',
  'comment',
  'inquiryId',
  'read',
  'offset',
  'count',
  'limit',
  'ls',
  'end',
  'sort',
  'open',
  'unread',
  '__proto__',
];

const RAW_BODIES = [
  '{',
  '{"token":',
  'null',
  '[]',
  '"text"',
  '1e999',
  '\u0000',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  '{"token":"a","token":"b"}',
];

interface Generated {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Blob;
}

/** Builds hostile requests around a real visitor, message and agent. */
function requests(seed: number, visitor: TestVisitor, messageId: string, agent: AgentLogin) {
  const strings = [visitor.token, visitor.rid, messageId, 'agent', ...HOSTILE_STRINGS];
  const f: Fuzz = fuzz(seed, strings, KEYS);
  const {next, pick} = f;
  const param = (name: string): string => {
    if (next() < 0.6) {
      const real = {token: visitor.token, rid: visitor.rid, mid: messageId}[name] ?? 'x';
      return encodeURIComponent(real);
    }
    // Raw: some are not valid percent-encoding, or encode a lone surrogate.
    return pick([
      '%',
      '%ED%A0%80',
      '..',
      '%2e%2e%2f',
      'x'.repeat(300),
      '%00',
      encodeURIComponent(pick(HOSTILE_STRINGS.filter((s) => s !== '\ud800'))),
    ]);
  };
  const query = (): string => {
    const parts: string[] = [];
    for (let i = Math.floor(next() * 4); i > 0; i--) {
      const value = f.value(2);
      const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
      const encoded = text.includes('\ud800') ? '%ED%A0%80' : encodeURIComponent(text);
      parts.push(`${pick(KEYS)}=${next() < 0.1 ? '%zz' : encoded}`);
    }
    if (next() < 0.5) parts.push(`token=${encodeURIComponent(visitor.token)}`);
    return parts.length ? `?${parts.join('&')}` : '';
  };
  const jsonBody = (): unknown => {
    const base: Record<string, unknown> = {token: visitor.token, rid: visitor.rid};
    const object = f.value(0);
    return next() < 0.7 && typeof object === 'object' && object && !Array.isArray(object)
      ? {...base, ...object}
      : object;
  };
  return (): Generated => {
    const [method, template] = pick(ROUTES);
    const path = template.replace(/:(\w+)/g, (_, name: string) => param(name)) + query();
    const headers: Record<string, string> = {};
    if (next() < 0.5) Object.assign(headers, agent.headers);
    if (next() < 0.3) headers['x-visitor-token'] = next() < 0.7 ? visitor.token : 'nope';
    if (method === 'GET' || (method === 'DELETE' && next() < 0.3)) {
      return {method, path, headers};
    }
    const roll = next();
    if (roll < 0.7) {
      headers['content-type'] = next() < 0.85 ? 'application/json' : 'text/plain';
      // JSON.stringify escapes a lone surrogate as `\ud800`, which parses back to one.
      return {method, path, headers, body: JSON.stringify(jsonBody()) ?? 'null'};
    }
    if (roll < 0.85) {
      headers['content-type'] = 'application/json';
      return {method, path, headers, body: pick(RAW_BODIES)};
    }
    if (roll < 0.95) {
      headers['content-type'] = 'multipart/form-data; boundary=fz';
      const cut = next() < 0.5 ? '' : '\r\n--fz--\r\n';
      const body =
        `--fz\r\nContent-Disposition: form-data; name="${pick(['file', 'image', '_id', 'x'])}"; ` +
        `filename="${pick(['a.png', '', '../x', 'é'.repeat(200)])}"\r\n\r\n` +
        `${pick(['\x89PNG\r\n\x1a\n', '<svg/>', 'hello', ''])}${cut}`;
      return {method, path, headers, body};
    }
    headers['content-type'] = pick([
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data',
      'application/json; charset=utf-16',
    ]);
    return {method, path, headers, body: new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])])};
  };
}

describe('REST endpoint under hostile requests', () => {
  let server: TestServer;
  let visitor: TestVisitor;
  let agent: AgentLogin;
  let messageId: string;

  before(async () => {
    server = await startTestServer({settings: {transcript: true}});
    visitor = await createVisitorWithRoom(server.url, {name: 'Fuzz'});
    agent = await agentLogin(server.url);
    const sent = await api(server.url, '/api/v1/livechat/message', {
      body: {token: visitor.token, rid: visitor.rid, msg: 'seed message'},
    });
    messageId = sent.body.message._id;
  });
  after(() => server.close());

  it(`answers up to ${REQUESTS} generated requests without a 5xx, and keeps serving`, async () => {
    const seed = fuzzSeed(20261206);
    const generate = requests(seed, visitor, messageId, agent);
    const failures: string[] = [];
    const deadline = Date.now() + BUDGET_MS;
    let sent = 0;
    const worker = async () => {
      while (sent < REQUESTS && Date.now() < deadline) {
        sent++;
        const request = generate();
        const label = `${request.method} ${request.path.slice(0, 120)}`;
        try {
          const res = await fetch(`${server.url}${request.path}`, {
            method: request.method,
            headers: request.headers,
            body: request.body,
          });
          const text = await res.text();
          if (res.status >= 500) failures.push(`${res.status} ${label}: ${text.slice(0, 200)}`);
        } catch (error) {
          failures.push(`no answer: ${label}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({length: PARALLEL}, worker));
    assert.deepEqual(failures, [], `seed ${seed}`);
    assert.ok(sent >= MIN_REQUESTS, `only ${sent} requests within ${BUDGET_MS} ms`);
    // Still serving: a new visitor chats with the agent (logged in afresh: the fuzz may have
    // logged the session out or set it unavailable).
    const again = await agentLogin(server.url);
    const after = await createVisitorWithRoom(server.url, {name: 'After'});
    const reply = await api(server.url, '/api/v1/chat.sendMessage', {
      headers: again.headers,
      body: {message: {rid: after.rid, msg: 'Still here'}},
    });
    assert.equal(reply.status, 200);
    const history = await api(server.url, `/api/v1/livechat/messages.history/${after.rid}`, {
      query: {token: after.token},
    });
    assert.ok(history.body.messages.some((m: {msg: string}) => m.msg === 'Still here'));
  });
});
