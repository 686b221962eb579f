import {expect, waitUntil} from '@open-wc/testing';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {UploadsController} from '../../src/controllers/uploads-controller.js';
import type {LiveChatClient} from '../../src/core/index.js';
import {setupClient, startLive} from '../helpers/client-fixture.js';
import type {FakeRcServer} from '../helpers/fake-rc-server.js';

const file = (bytes: number, name = 'photo.png') =>
  new File([new Uint8Array(bytes)], name, {type: 'image/png'});

/** A host like the widget's `lc-app`: it only counts the updates it was asked for. */
function hostFor(client: LiveChatClient) {
  const host: ReactiveControllerHost & {client: LiveChatClient; updates: number} = {
    client,
    updates: 0,
    addController: (_controller: ReactiveController) => undefined,
    removeController: () => undefined,
    requestUpdate: () => void host.updates++,
    updateComplete: Promise.resolve(true),
  };
  return host;
}

describe('UploadsController', () => {
  let client: LiveChatClient;
  let server: FakeRcServer;
  afterEach(() => client.destroy());

  it('shows an upload until it is cancelled, then nothing of it is left', async () => {
    ({client, server} = setupClient());
    await client.ready;
    await startLive(client, server);
    server.failNext(/^livechat\/upload\//, 'hang');
    const uploads = new UploadsController(hostFor(client));
    uploads.send(file(4));
    expect(uploads.view.uploads).to.deep.equal([{id: 'upload-1', name: 'photo.png', fraction: 0}]);
    await waitUntil(() => server.calls(/upload/).length === 1, 'the upload started');
    uploads.cancel('upload-1');
    await waitUntil(() => uploads.view.uploads.length === 0, 'the upload went away');
    expect(uploads.view.errors).to.deep.equal([]);
    expect(client.getTranscript()).to.deep.equal([]);
  });

  it('turns a file the config refuses into an error with the limit, until dismissed', async () => {
    ({client, server} = setupClient((s) => {
      s.settings = {fileUploadMaxFileSize: 10};
    }));
    await client.ready;
    const uploads = new UploadsController(hostFor(client));
    uploads.send(file(11, 'huge.png'));
    await waitUntil(() => uploads.view.errors.length === 1, 'the refusal shows');
    expect(uploads.view).to.deep.equal({
      uploads: [],
      errors: [{id: 'upload-1', name: 'huge.png', code: 'too-large', maxSize: 10}],
    });
    expect(server.calls(/upload/)).to.deep.equal([]);
    uploads.dismiss('upload-1');
    expect(uploads.view.errors).to.deep.equal([]);
  });

  it('shows the server refusing a file the same way, and clears it on the next file', async () => {
    ({client, server} = setupClient((s) => {
      s.uploadLimit = 2;
    }));
    await client.ready;
    const uploads = new UploadsController(hostFor(client));
    uploads.send(file(4, 'big.png'));
    await waitUntil(() => uploads.view.errors.length === 1, 'the refusal shows');
    expect(uploads.view.errors[0]).to.include({name: 'big.png', code: 'too-large'});
    server.uploadLimit = Infinity;
    uploads.send(file(1, 'small.png'));
    expect(uploads.view.errors).to.deep.equal([]);
    await waitUntil(() => uploads.view.uploads.length === 0, 'the upload finished');
    expect(uploads.view.errors).to.deep.equal([]);
  });
});
