import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import '../../src/index.js';
import type {LiveChat} from '../../src/live-chat.js';
import {startRefServer, type RefServer} from '../helpers/ref-server.js';

// Modules the first download must leave out: the client's engine, the window and its views.
// (Lit itself is no sign: the test helpers use it.)
const LAZY = /\/src\/(core\/chat-engine|live-chat-app|components\/window\/)/;

const launcherButton = (el: LiveChat) =>
  el.shadowRoot!.querySelector('lc-launcher')!.shadowRoot!.querySelector('button')!;

const fetchedLazily = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => LAZY.test(name));

describe('<live-chat> loading in steps', () => {
  let server: RefServer;
  before(async () => {
    server = await startRefServer({rateLimit: false, settings: {registrationForm: false}});
  });
  after(() => server.stop());

  it('shows the launcher and loads the config, but neither the window nor the engine', async () => {
    const el = await fixture<LiveChat>(html`<live-chat server=${server.url}></live-chat>`);
    const config = await el.ready;
    expect(config.enabled).to.equal(true);
    const button = launcherButton(el);
    expect(button.getAttribute('aria-label')).to.equal('Open chat');
    expect(el.client!.config).to.equal(config);
    expect(customElements.get('lc-window')).to.equal(undefined);
    expect(fetchedLazily()).to.deep.equal([]);
  });

  it('loads them when the visitor opens the chat, and shows the window', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat server=${server.url} title="Kettle help"></live-chat>`,
    );
    await el.ready;
    const button = launcherButton(el);
    setTimeout(() => button.click());
    await oneEvent(el, 'lc-opened');
    const win = el.shadowRoot!.querySelector('lc-window')!;
    // The dev server hands the chunk's modules over one by one: slower than a built chunk.
    const timeout = 10_000;
    await waitUntil(() => win.shadowRoot?.querySelector('[role="dialog"]'), 'window', {timeout});
    await win.updateComplete;
    expect(win.hidden).to.equal(false);
    expect(win.shadowRoot!.querySelector('h2')!.textContent).to.equal('Kettle help');
    const fetched = fetchedLazily();
    expect(fetched.some((name) => name.includes('chat-engine'))).to.equal(true);
    expect(fetched.some((name) => name.includes('live-chat-app'))).to.equal(true);
  });
});
