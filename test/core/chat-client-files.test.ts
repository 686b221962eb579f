import {expect, waitUntil} from '@open-wc/testing';
import type {LiveChatClient, Message} from '../../src/core/index.js';
import {nextEvent, record} from '../helpers/events.js';
import {rejection, setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

const png = (bytes = 4) => new File([new Uint8Array(bytes)], 'shot.png', {type: 'image/png'});
const statuses = (messages: readonly Message[]) =>
  messages.map((m) => `${m.attachments?.[0]?.title ?? m.text}:${m.status}`);

describe('LiveChatClient.sendFile', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  const start = (configure?: (s: FakeRcServer) => void) => {
    ({client, server} = setupClient(configure));
    return client.ready;
  };
  afterEach(() => client.destroy());

  it('shows a pending file at once, uploads it with the token header, then sent', async () => {
    await start();
    const progress: number[] = [];
    const onProgress = (f: number) => progress.push(f);
    const sending = client.sendFile(png(), {onProgress, description: 'see'});
    expect(statuses(client.getTranscript())).to.deep.equal(['shot.png:pending']);
    expect(client.getTranscript()[0].attachments).to.deep.equal([
      {title: 'shot.png', size: 4, type: 'image/png', description: 'see'},
    ]);
    const sent = nextEvent(client, 'message-sent');
    const message = await sending;
    expect((await sent).message).to.deep.equal(message);
    expect(message).to.include({status: 'sent', rid: server.room._id});
    expect(message.author.role).to.equal('visitor');
    expect(message.attachments?.[0]).to.include({title: 'shot.png', description: 'see'});
    expect(client.getTranscript().map((m) => m.id)).to.deep.equal([message.id]);
    expect(progress).to.deep.equal([0, 1]);
    const [upload] = server.calls(/^POST livechat\/upload\//);
    expect(upload.path).to.equal(`livechat/upload/${server.room._id}`);
    expect(upload.headers['x-visitor-token']).to.equal(client.visitor!.token);
    expect(upload.body?.description).to.equal('see');
  });

  it('checks size, type and the upload setting before any request', async () => {
    await start((s) => {
      s.settings = {
        fileUploadMaxFileSize: 10,
        fileUploadMediaTypeWhiteList: 'image/*,application/pdf',
      };
    });
    const tooBig = await rejection(client.sendFile(png(11)));
    expect(tooBig.code).to.equal('too-large');
    const text = new File(['hello'], 'a.txt', {type: 'text/plain'});
    expect((await rejection(client.sendFile(text))).code).to.equal('invalid-file');
    expect((await rejection(client.sendFile(png(0)))).code).to.equal('invalid-file');
    const pdf = new File(['%PDF'], 'a.pdf', {type: 'application/pdf'});
    expect((await client.sendFile(pdf)).status).to.equal('sent');
    client.destroy();
    await start((s) => {
      s.settings = {fileUpload: false};
    });
    expect((await rejection(client.sendFile(png()))).code).to.equal('invalid-file');
    expect(server.calls(/upload/)).to.deep.equal([]);
    expect(client.getTranscript()).to.deep.equal([]);
  });

  it('marks a file the server refuses as failed, and retry() uploads it again', async () => {
    await start((s) => {
      s.uploadLimit = 2;
    });
    const failed = record(client, 'message-failed');
    const error = await rejection(client.sendFile(png(4)));
    expect(error.code).to.equal('too-large');
    expect(statuses(client.getTranscript())).to.deep.equal(['shot.png:failed']);
    expect(failed.map((f) => f.error.code)).to.deep.equal(['too-large']);
    server.uploadLimit = Infinity;
    const retried = await client.retry(client.getTranscript()[0].id);
    expect(retried.status).to.equal('sent');
    expect(statuses(client.getTranscript())).to.deep.equal(['shot.png:sent']);
  });

  it('cancels through the signal: rejects aborted, the file leaves the transcript', async () => {
    await start();
    await startLive(client, server);
    server.failNext(/^livechat\/upload\//, 'hang');
    const controller = new AbortController();
    const sending = client.sendFile(png(), {signal: controller.signal});
    await waitUntil(() => server.calls(/upload/).length === 1, 'upload started');
    const failed = record(client, 'message-failed');
    controller.abort();
    expect((await rejection(sending)).code).to.equal('aborted');
    expect(client.getTranscript()).to.deep.equal([]);
    expect(failed).to.deep.equal([]);
    const early = new AbortController();
    early.abort();
    expect((await rejection(client.sendFile(png(), {signal: early.signal}))).code).to.equal(
      'aborted',
    );
  });

  it('gets the upload its signed link with one GET livechat/message/:_id', async () => {
    await start();
    await startLive(client, server);
    const message = await client.sendFile(png());
    expect(message.attachments?.[0]).to.include({title: 'shot.png', type: 'image/png'});
    const signed = () => client.getTranscript()[0].attachments?.[0].url ?? '';
    await waitUntil(() => signed().includes('?token=signed-'), 'the signed link');
    expect(signed()).to.match(/^http:\/\/rc\.test\/file-upload\/f\d+\//);
    expect(server.calls(/^GET livechat\/message\//)).to.have.length(1);
    expect(statuses(client.getTranscript())).to.deep.equal(['shot.png:sent']);
  });

  it('shows a sent file without a link until its signed one arrives, never the bare one', async () => {
    await start();
    await startLive(client, server);
    server.failNext(/^livechat\/message\//, 'hang');
    const message = await client.sendFile(png());
    expect(server.calls(/^GET livechat\/message\//)).to.have.length(1);
    expect(message.attachments).to.deep.equal([{title: 'shot.png', type: 'image/png'}]);
    expect(client.getTranscript()[0].attachments?.[0].url).to.equal(undefined);
  });

  it('shows the bare link after all when the signed one cannot be had', async () => {
    await start();
    await startLive(client, server);
    server.failNext(/^livechat\/message\//, 'network');
    await client.sendFile(png());
    const link = () => client.getTranscript()[0].attachments?.[0].url ?? '';
    await waitUntil(() => link() !== '', 'the bare link');
    expect(link()).to.match(/^http:\/\/rc\.test\/file-upload\/f\d+\//);
    expect(link()).not.to.include('?token=');
  });

  it('is refused once the chat has ended', async () => {
    await start();
    await startLive(client, server);
    server.agentCloses();
    expect((await rejection(client.sendFile(png()))).code).to.equal('no-active-chat');
  });
});
