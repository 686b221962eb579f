import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {LitElement} from 'lit';
import {AgentApiError} from '../../src/agent/api.js';
import type {ConsoleController} from '../../src/agent/console-controller.js';
import {ConsoleInbox} from '../../src/agent/console-inbox.js';

/** A stand-in for `<lc-agent-app>`: it holds the controller and shows what it says. */
class InboxHost extends LitElement {
  notices: string[] = [];
  readonly inbox = new ConsoleInbox(this, (notice) => this.notices.push(notice));
}
customElements.define('test-inbox-host', InboxHost);

/** A session whose "take" fails as `error` does. */
const failingTake = (error: Error) =>
  ({
    take: () => Promise.reject(error),
    inbox: {loadOffline: () => Promise.resolve()},
  }) as unknown as ConsoleController;

describe('agent console: taking a chat from the queue', () => {
  async function takeFailing(error: Error): Promise<string> {
    const host = await fixture<InboxHost>(html`<test-inbox-host></test-inbox-host>`);
    host.inbox.attach(failingTake(error));
    try {
      host.renderRoot.dispatchEvent(
        new CustomEvent('lc-agent-take', {detail: {inquiryId: 'q1'}, bubbles: true}),
      );
      await waitUntil(() => host.notices.length > 0, 'the console says why');
      return host.notices[0];
    } finally {
      host.inbox.attach(null);
    }
  }

  it('says someone else has the chat only when the server refuses it', async () => {
    expect(await takeFailing(new AgentApiError(400, 'inquiry-not-found'))).to.equal(
      'Someone else took that chat, or it ended.',
    );
  });

  it('says the connection is down when the request did not reach the server', async () => {
    expect(await takeFailing(new AgentApiError(0, 'network'))).to.equal(
      'Could not take the chat: no connection to the server. Try again.',
    );
  });

  it('takes back what it said once a chat is taken after all', async () => {
    const host = await fixture<InboxHost>(html`<test-inbox-host></test-inbox-host>`);
    let tries = 0;
    const flaky = {
      take: () =>
        ++tries === 1 ? Promise.reject(new AgentApiError(0, 'network')) : Promise.resolve(),
      inbox: {loadOffline: () => Promise.resolve()},
    } as unknown as ConsoleController;
    host.inbox.attach(flaky);
    const take = () =>
      host.renderRoot.dispatchEvent(new CustomEvent('lc-agent-take', {detail: {inquiryId: 'q1'}}));
    try {
      take();
      await waitUntil(() => host.notices.length === 1, 'the failure is said');
      take();
      await waitUntil(() => host.notices.length === 2, 'the success is told');
      expect(host.notices[1]).to.equal('', 'no failure left on screen');
      expect(location.hash).to.equal('#chats');
    } finally {
      host.inbox.attach(null);
      history.replaceState(null, '', location.pathname + location.search);
    }
  });
});
