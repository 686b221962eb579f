import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {agentLogin, api, startTestServer} from '../helpers/node/server-fixture.js';
import type {AgentLogin, TestServer} from '../helpers/node/server-fixture.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';

const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const GIF_BYTES = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const SVG_TEXT = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>';

async function setAvatar(
  server: TestServer,
  agent: AgentLogin | null,
  bytes: Buffer | string,
  field = 'image',
) {
  const form = new FormData();
  const part = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  // The claimed type is a lie on purpose: the server must judge by content.
  form.append(field, new Blob([part], {type: 'image/png'}), 'me.png');
  const response = await fetch(`${server.url}/api/v1/users.setAvatar`, {
    method: 'POST',
    body: form,
    headers: agent?.headers ?? {},
  });
  return {status: response.status, body: await response.json()};
}

async function getAvatar(server: TestServer, username: string, headers = {}) {
  const response = await fetch(`${server.url}/avatar/${encodeURIComponent(username)}`, {headers});
  return {response, bytes: Buffer.from(await response.arrayBuffer())};
}

describe('avatars: GET /avatar/:username, users.setAvatar, users.resetAvatar', () => {
  let server: TestServer;
  let agent: AgentLogin;
  before(async () => {
    server = await startTestServer();
    agent = await agentLogin(server.url);
  });
  after(() => server.close());

  it('draws the initials of an agent without a picture, safely and cacheably', async () => {
    const {response, bytes} = await getAvatar(server, 'agent');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.match(response.headers.get('cache-control')!, /must-revalidate/);
    const svg = bytes.toString();
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, />AS<\/text>/, 'the initials of "Agent Smith"');
    assert.doesNotMatch(svg, /<script|on\w+=|<style/);
    const again = await getAvatar(server, 'agent', {
      'if-none-match': response.headers.get('etag')!,
    });
    assert.equal(again.response.status, 304);
  });

  it('answers an unknown username with a default SVG of the asked name', async () => {
    const {response, bytes} = await getAvatar(server, 'nobody.here');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.match(bytes.toString(), />N<\/text>/);
    const markup = await getAvatar(server, '<img src=x onerror=alert(1)>');
    assert.equal(markup.response.status, 200);
    assert.doesNotMatch(markup.bytes.toString(), /<img|onerror/);
  });

  it('serves the uploaded picture until the agent resets it', async () => {
    const stored = await setAvatar(server, agent, PNG_BYTES);
    assert.deepEqual(stored, {status: 200, body: {success: true}});
    const {response, bytes} = await getAvatar(server, 'agent');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(bytes, PNG_BYTES);
    const etag = response.headers.get('etag')!;
    assert.equal((await getAvatar(server, 'agent', {'if-none-match': etag})).response.status, 304);

    assert.equal((await setAvatar(server, agent, JPEG_BYTES)).status, 200);
    const jpeg = await getAvatar(server, 'agent', {'if-none-match': etag});
    assert.equal(jpeg.response.status, 200, 'a new picture is not served from the old ETag');
    assert.equal(jpeg.response.headers.get('content-type'), 'image/jpeg');

    const reset = await api(server.url, '/api/v1/users.resetAvatar', {
      method: 'POST',
      headers: agent.headers,
    });
    assert.deepEqual(reset.body, {success: true});
    const initials = await getAvatar(server, 'agent');
    assert.equal(initials.response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
  });

  it('refuses markup, other formats, oversize files, a missing part and strangers', async () => {
    assert.equal((await setAvatar(server, agent, PNG_BYTES)).status, 200);
    const invalidType = {
      success: false,
      error: 'Invalid avatar content type [error-avatar-invalid-content-type]',
      errorType: 'error-avatar-invalid-content-type',
    };
    for (const bytes of [SVG_TEXT, GIF_BYTES, 'just text']) {
      assert.deepEqual(await setAvatar(server, agent, bytes), {status: 400, body: invalidType});
    }
    const huge = Buffer.concat([PNG_BYTES, Buffer.alloc(1024 * 1024)]);
    const tooLarge = await setAvatar(server, agent, huge);
    assert.equal(tooLarge.status, 400);
    assert.equal(tooLarge.body.errorType, 'error-file-too-large');
    const wrongField = await setAvatar(server, agent, PNG_BYTES, 'file');
    assert.equal(wrongField.status, 400);
    assert.match(wrongField.body.error, /'image' param is required/);
    const stranger = await setAvatar(server, null, PNG_BYTES);
    assert.equal(stranger.status, 401);

    const {response, bytes} = await getAvatar(server, 'agent');
    assert.equal(response.headers.get('content-type'), 'image/png', 'the picture is kept');
    assert.deepEqual(bytes, PNG_BYTES);
  });
});
