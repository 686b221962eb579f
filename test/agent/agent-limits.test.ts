import {expect, fixture, html} from '@open-wc/testing';
import {AgentApi, loginAgent} from '../../src/agent/api.js';
import {defineAgentElements} from '../../src/agent/define.js';
import {HistoryModel} from '../../src/agent/history-model.js';
import {Inbox} from '../../src/agent/inbox.js';
import type {LcAgentHistory} from '../../src/agent/history-view.js';
import {startRefServer, type RefServer} from '../helpers/ref-server.js';

defineAgentElements();

describe('agent console: the server holding calls back', () => {
  let server: RefServer;

  before(async () => {
    server = await startRefServer({
      agents: [{username: 'agent', password: 'pw', name: 'Agent Smith'}],
      rateLimit: {agentSearch: {max: 1, windowMs: 60_000}, agent: {max: 1, windowMs: 60_000}},
    });
  });
  after(() => server.stop());

  it('says so, with the wait, in History and in the banner', async () => {
    const session = await loginAgent(server.url, 'agent', 'pw');
    const notices: string[] = [];
    const history = new HistoryModel(new AgentApi(server.url, session, (t) => notices.push(t)));
    await history.reload();
    expect(history.snapshot.status).to.equal('loaded');
    await history.reload();
    expect(history.snapshot.status).to.equal('failed');
    const view = await fixture<LcAgentHistory>(
      html`<lc-agent-history .state=${history.snapshot}></lc-agent-history>`,
    );
    const status = view.shadowRoot!.querySelector('[role="status"]')!.textContent!;
    expect(status).to.match(/^Too many requests in a short time.*Try again in \d+ seconds\.$/);
    expect(notices).to.deep.equal([status]);
    history.dispose();
  });

  it('keeps the waiting chats on screen and says so in the banner when the queue is held back', async () => {
    const session = await loginAgent(server.url, 'agent', 'pw');
    const notices: string[] = [];
    const inbox = new Inbox(new AgentApi(server.url, session, (t) => notices.push(t)));
    await inbox.loadQueue();
    expect(inbox.snapshot.queueStatus).to.equal('loaded');
    expect(notices).to.deep.equal([]);
    await inbox.loadQueue();
    expect(inbox.snapshot.queueStatus).to.equal('loaded');
    expect(notices).to.have.length(1);
    expect(notices[0]).to.match(/^Too many requests in a short time.*Try again in \d+ seconds\.$/);
    inbox.dispose();
  });
});
