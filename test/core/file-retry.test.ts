import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, MemorySessionStore, type Message} from '../../src/core/index.js';
import {linkExpiresAt} from '../../src/core/file-links.js';
import {FILE_STASH_MAX_AGE_MS, IdbFileStash} from '../../src/core/file-stash.js';
import {fetchUploader, uploadFile} from '../../src/core/transport/upload.js';
import {record} from '../helpers/events.js';
import {rejection} from '../helpers/client-fixture.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {FakeRcServer, json} from '../helpers/fake-rc-server.js';

const png = () => new File([new Uint8Array([137, 80, 78, 71])], 'shot.png', {type: 'image/png'});
const fileStatus = (messages: readonly Message[]) =>
  messages.map((m) => `${m.attachments?.[0]?.title ?? m.text}:${m.status}`);

describe('file uploads across pages (T10)', () => {
  let server: FakeRcServer;
  let store: MemorySessionStore;
  let clients: LiveChatClient[];
  const newClient = () => {
    const {url, fetch, hub} = server;
    const clock = new FakeClock();
    const socketFactory = hub.factory;
    const client = new LiveChatClient({server: url, fetch, socketFactory, clock, store});
    clients.push(client);
    return client;
  };
  beforeEach(() => {
    server = new FakeRcServer();
    store = new MemorySessionStore();
    clients = [];
  });
  afterEach(() => clients.forEach((c) => c.destroy()));

  it('T10: the file is stored with the session before the upload starts', async () => {
    const first = newClient();
    await first.start();
    server.failNext(/^livechat\/upload\//, 'hang');
    void first.sendFile(png()).catch(() => undefined);
    await waitUntil(() => server.calls(/^POST livechat\/upload\//).length === 1, 'upload started');
    const stored = await store.load();
    expect(fileStatus(stored!.messages)).to.deep.equal(['shot.png:pending']);
    expect(stored!.messages[0].attachments).to.deep.equal([
      {title: 'shot.png', size: 4, type: 'image/png'},
    ]);
  });

  it('T10: on the next page it is failed; without its bytes a retry asks for the file again', async () => {
    const first = newClient();
    await first.start();
    server.failNext(/^livechat\/upload\//, 'hang');
    void first.sendFile(png()).catch(() => undefined);
    await waitUntil(() => server.calls(/^POST livechat\/upload\//).length === 1);
    first.destroy();

    const next = newClient();
    expect(await next.restore()).to.equal(true);
    const [placeholder] = next.getTranscript();
    expect(fileStatus(next.getTranscript())).to.deep.equal(['shot.png:failed']);
    const error = await rejection(next.retry(placeholder.id));
    expect(error.code).to.equal('invalid-file');
    expect(fileStatus(next.getTranscript())).to.deep.equal(['shot.png:failed']);
    expect(server.calls(/^POST livechat\/message$/)).to.deep.equal([]);
    expect(server.calls(/^POST livechat\/upload\//)).to.have.length(1);
  });

  it('asks again for an expired cached file link once the next page caught up', async () => {
    // Like the reference server: the catch-up brings nothing older than the cache.
    server.filtersLs = true;
    const first = newClient();
    await first.start();
    const sent = await first.sendFile(png());
    const signed = () => first.getTranscript()[0].attachments?.[0].url ?? '';
    await waitUntil(() => signed().includes('?token=signed-'), 'the signed link');
    first.destroy();
    // As if the page comes back days later: the cached link's JWT has expired.
    const record = (await store.load())!;
    const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;
    const expired = `${server.url}/file-upload/f1/shot.png?token=${jwt({exp: 1})}`;
    expect(linkExpiresAt(expired)).to.equal(1000);
    record.messages = record.messages.map((m) =>
      m.id === sent.id ? {...m, attachments: [{...m.attachments![0], url: expired}]} : m,
    );
    await store.save(record);
    const asked = server.calls(/^GET livechat\/message\//).length;

    const next = newClient();
    expect(await next.restore()).to.equal(true);
    const url = () => next.getTranscript().find((m) => m.id === sent.id)?.attachments?.[0].url;
    await waitUntil(() => url()?.includes('?token=signed-'), 'a fresh link');
    expect(server.calls(/^GET livechat\/message\//)).to.have.length(asked + 1);
  });

  it('sends the message id with the upload and confirms an answer without a message', async () => {
    const client = newClient();
    await client.start();
    const sent = record(client, 'message-sent');
    server.failNext(/^livechat\/upload\//, {status: 200, body: {success: true}});
    const sending = client.sendFile(png());
    const [placeholder] = client.getTranscript();
    // The server already has the file under this id (an earlier attempt whose answer got lost).
    const {visitor} = client;
    server.store(
      {
        _id: placeholder.id,
        rid: client.room!._id,
        msg: '',
        token: visitor!.token,
        u: {_id: visitor!.id!, username: visitor!.username!},
        attachments: [{title: 'shot.png', type: 'file'}],
      },
      true,
    );
    const message = await sending;
    expect(message).to.include({id: placeholder.id, status: 'sent'});
    expect(client.getTranscript().map((m) => m.id)).to.deep.equal([placeholder.id]);
    expect(sent.map((e) => e.message.id)).to.deep.equal([placeholder.id]);
    const [upload] = server.calls(/^POST livechat\/upload\//);
    expect(upload.body?._id).to.equal(placeholder.id);
    const [lookup] = server.calls(/^GET livechat\/message\//);
    expect(lookup.path).to.equal(`livechat/message/${placeholder.id}`);
  });

  it('puts the id and description before the file in the form', async () => {
    let form: FormData | null = null;
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      form = init?.body as FormData;
      return json(200, {success: true});
    };
    const answer = await uploadFile(fetchUploader(fetch as typeof globalThis.fetch), {
      url: 'https://chat.example.com/api/v1/livechat/upload/r',
      token: 'tok',
      file: png(),
      fileName: 'shot.png',
      description: 'see',
      messageId: 'abc',
    });
    expect(answer).to.equal(null);
    expect([...form!.keys()]).to.deep.equal(['_id', 'description', 'file']);
  });
});

describe('IdbFileStash', () => {
  const database = `live-chat-files-test-${Math.random().toString(36).slice(2)}`;
  after(() => indexedDB.deleteDatabase(database));

  it('keeps a file per site until it is deleted, and drops day-old ones', async () => {
    let now = Date.UTC(2026, 0, 1);
    const stash = new IdbFileStash('https://a.test', database, () => now);
    const other = new IdbFileStash('https://b.test', database, () => now);
    await stash.put('m1', {file: png(), name: 'shot.png'});
    await other.put('m1', {file: new Blob(['other']), name: 'other.txt'});
    const kept = await stash.get('m1');
    expect(kept?.name).to.equal('shot.png');
    expect(new Uint8Array(await kept!.file.arrayBuffer())).to.deep.equal(
      new Uint8Array([137, 80, 78, 71]),
    );
    expect((await other.get('m1'))?.name).to.equal('other.txt');

    now += FILE_STASH_MAX_AGE_MS + 1;
    await stash.put('m2', {file: png(), name: 'new.png'});
    expect(await stash.get('m1')).to.equal(null);
    expect((await other.get('m1'))?.name, 'another site’s file is its own business').to.equal(
      'other.txt',
    );
    await stash.delete('m2');
    expect(await stash.get('m2')).to.equal(null);
  });
});
