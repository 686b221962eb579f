import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import type {AgentApi} from '../../src/agent/api.js';
import {defineAgentElements} from '../../src/agent/define.js';
import {deepActiveElement} from '../../src/agent/focus.js';
import {Inbox} from '../../src/agent/inbox.js';
import type {LcAgentOffline} from '../../src/agent/offline-view.js';
import type {OfflineMessage} from '../../src/agent/types.js';

defineAgentElements();

/** Message `n` of a shop's week: the higher, the newer. */
const message = (n: number): OfflineMessage => ({
  id: `m${n}`,
  name: `Visitor ${n}`,
  email: `v${n}@example.com`,
  message: `Please call me back (${n})`,
  ts: 1_700_000_000_000 + n * 60_000,
  isRead: false,
});

/** Messages `from` down to `to`, newest first. */
const newestFirst = (from: number, to: number) =>
  Array.from({length: from - to + 1}, (_, i) => message(from - i));

/** A server holding `all` (newest first), answering pages of 100 as the agent API asks. */
function serverWith(all: () => OfflineMessage[]) {
  const asked: number[] = [];
  const api = {
    offlineMessages: async (offset = 0) => {
      asked.push(offset);
      const list = all();
      return {messages: list.slice(offset, offset + 100), unread: list.length, total: list.length};
    },
    departments: async () => [],
  };
  return {api: api as unknown as AgentApi, asked};
}

describe('agent console inbox: more than a page of offline messages', () => {
  it('loads the older ones on demand and keeps them through the refresh', async () => {
    let all = newestFirst(150, 1);
    const {api, asked} = serverWith(() => all);
    const inbox = new Inbox(api);
    await inbox.loadOffline();
    expect(inbox.snapshot.offline).to.have.length(100);
    expect(inbox.snapshot.offlineTotal).to.equal(150);

    await inbox.loadMoreOffline();
    expect(asked).to.deep.equal([0, 100]);
    expect(inbox.snapshot.offline.map((m) => m.id)).to.deep.equal(all.map((m) => m.id));

    // A visitor leaves a message; the refresh every minute reads the first page again.
    all = [message(151), ...all];
    await inbox.loadOffline();
    const ids = inbox.snapshot.offline.map((m) => m.id);
    expect(ids).to.have.length(151, 'the oldest are still there');
    expect(ids[0]).to.equal('m151');
    expect(ids.at(-1)).to.equal('m1');
    expect(new Set(ids).size).to.equal(151, 'none twice');
  });
});

describe('agent console: the Offline messages section with more than a page', () => {
  it('offers "Load more", asks for it, and moves the focus to the first one loaded', async () => {
    const view = await fixture<LcAgentOffline>(
      html`<lc-agent-offline
        .messages=${newestFirst(150, 51)}
        .total=${150}
        .unread=${150}
        status="loaded"
      ></lc-agent-offline>`,
    );
    const more = view.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!;
    expect(more.textContent!.trim()).to.equal('Load more (50 older)');
    more.focus();
    const asked = oneEvent(view, 'lc-agent-refresh');
    more.click();
    expect((await asked).detail).to.deep.equal({list: 'offline', more: true});

    view.status = 'loading';
    await view.updateComplete;
    view.messages = newestFirst(150, 1);
    view.status = 'loaded';
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('button.more')).to.equal(null, 'all are shown');
    await waitUntil(() => deepActiveElement()?.closest('li') !== null);
    const item = deepActiveElement()!.closest('li')!;
    expect(item.querySelector('h3')!.textContent!.trim()).to.match(/^Visitor 50\b/);
  });

  it('offers nothing more when every message is shown', async () => {
    const view = await fixture<LcAgentOffline>(
      html`<lc-agent-offline
        .messages=${newestFirst(3, 1)}
        .total=${3}
        status="loaded"
      ></lc-agent-offline>`,
    );
    expect(view.shadowRoot!.querySelector('button.more')).to.equal(null);
  });
});

describe('agent console: answering an offline message', () => {
  it('offers a reply by email to the visitor, their message quoted', async () => {
    const view = await fixture<LcAgentOffline>(
      html`<lc-agent-offline
        .messages=${[{...message(1), email: 'ann+bikes@example.com', message: 'Chain broke.\nCall me?'}]}
        .total=${1}
        status="loaded"
      ></lc-agent-offline>`,
    );
    const link = view.shadowRoot!.querySelector<HTMLAnchorElement>('a.reply')!;
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Reply by email to Visitor 1');
    const url = new URL(link.href);
    expect(url.protocol).to.equal('mailto:');
    expect(decodeURIComponent(url.pathname)).to.equal('ann+bikes@example.com');
    expect(url.searchParams.get('subject')).to.equal('Re: your message');
    expect(url.searchParams.get('body')).to.equal('\n\n> Chain broke.\n> Call me?');
  });
});
