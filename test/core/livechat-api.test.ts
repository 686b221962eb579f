import {expect} from '@open-wc/testing';
import {
  deleteMessage,
  deleteVisitor,
  editMessage,
  getVisitor,
  nextAgent,
  sendCustomField,
  setVisitorStatus,
} from '../../src/core/transport/livechat-api.js';
import {RestClient} from '../../src/core/transport/rest.js';
import {fetchUploader, uploadFile} from '../../src/core/transport/upload.js';
import {LiveChatError} from '../../src/core/types.js';
import {FakeClock} from '../helpers/fake-clock.js';

const ISO = '2026-01-01T00:00:00.000Z';
const MESSAGE = {_id: 'm1', rid: 'r', msg: 'edited', ts: ISO, u: {_id: 'v', username: 'guest-1'}};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});

function api(answer: (url: URL, init: RequestInit) => Response) {
  const seen: {method: string; path: string; body: unknown; headers: Headers}[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const headers = new Headers(init.headers);
    seen.push({method: init.method ?? 'GET', path: url.pathname + url.search, body, headers});
    return answer(url, init);
  };
  const rest = new RestClient({server: 'https://chat.example.com', fetch, clock: new FakeClock()});
  return {rest, seen, fetch};
}

async function failure(promise: Promise<unknown>): Promise<LiveChatError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(LiveChatError);
  return error as LiveChatError;
}

describe('Livechat visitor endpoints', () => {
  it('edits, deletes, reads and removes with the token where Rocket.Chat expects it', async () => {
    const body = {success: true, message: MESSAGE, visitor: {_id: 'v', token: 't'}, agent: null};
    const {rest, seen} = api(() => json(200, body));
    expect((await editMessage(rest, {id: 'm1', token: 't', rid: 'r', msg: 'edited'})).msg).to.equal(
      'edited',
    );
    await deleteMessage(rest, {id: 'm1', token: 't', rid: 'r'});
    expect((await getVisitor(rest, 't')).token).to.equal('t');
    await deleteVisitor(rest, 't');
    await setVisitorStatus(rest, 't', 'away');
    await sendCustomField(rest, {token: 't', key: 'plan', value: 'gold', overwrite: false});
    expect(await nextAgent(rest, 't', 'sales')).to.equal(null);
    expect(seen.map((r) => [r.method, r.path, r.body])).to.deep.equal([
      ['PUT', '/api/v1/livechat/message/m1', {token: 't', rid: 'r', msg: 'edited'}],
      ['DELETE', '/api/v1/livechat/message/m1', {token: 't', rid: 'r'}],
      ['GET', '/api/v1/livechat/visitor/t', undefined],
      ['DELETE', '/api/v1/livechat/visitor/t', undefined],
      ['POST', '/api/v1/livechat/visitor.status', {token: 't', status: 'away'}],
      [
        'POST',
        '/api/v1/livechat/custom.field',
        {token: 't', key: 'plan', value: 'gold', overwrite: false},
      ],
      ['GET', '/api/v1/livechat/agent.next/t?department=sales', undefined],
    ]);
  });

  it('maps a refused deletion of a visitor with open rooms to a server error', async () => {
    const {rest} = api(() => json(400, {success: false, error: 'visitor-has-open-rooms'}));
    const error = await failure(deleteVisitor(rest, 't'));
    expect([error.code, error.serverError]).to.deep.equal(['server', 'visitor-has-open-rooms']);
  });
});

describe('uploadFile', () => {
  const file = new File(['hello'], 'a.txt', {type: 'text/plain'});

  it('posts multipart with x-visitor-token and reads the spread message answer', async () => {
    const {fetch, seen} = api(() => json(200, {...MESSAGE, success: true}));
    const progress: number[] = [];
    const message = await uploadFile(fetchUploader(fetch), {
      url: 'https://chat.example.com/api/v1/livechat/upload/r',
      token: 'tok',
      file,
      fileName: 'a.txt',
      description: 'notes',
      onProgress: (f) => progress.push(f),
    });
    expect(message?._id).to.equal('m1');
    expect(progress).to.deep.equal([0, 1]);
    const [request] = seen;
    expect(request.headers.get('x-visitor-token')).to.equal('tok');
    const form = request.body as FormData;
    expect((form.get('file') as File).name).to.equal('a.txt');
    expect(form.get('description')).to.equal('notes');
  });

  it('maps 401, the reason form and a lost connection to codes', async () => {
    const answers = [
      json(401, {success: false, error: 'unauthorized'}),
      json(400, {success: false, reason: 'error-type-not-allowed'}),
      json(400, {success: false, reason: 'error-size-not-allowed', sizeAllowed: '1 KB'}),
    ];
    const {fetch} = api(() => answers.shift()!);
    const input = {url: 'https://chat.example.com/u', token: 't', file, fileName: 'a.txt'};
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await failure(uploadFile(fetchUploader(fetch), input))).code);
    }
    const offline = fetchUploader(async () => {
      throw new TypeError('Failed to fetch');
    });
    codes.push((await failure(uploadFile(offline, input))).code);
    expect(codes).to.deep.equal(['invalid-token', 'invalid-file', 'too-large', 'network']);
  });
});
