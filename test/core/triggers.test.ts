import {expect, waitUntil} from '@open-wc/testing';
import {
  TriggerEngine,
  type Author,
  type Message,
  type RcTrigger,
  type TriggerFired,
} from '../../src/core/index.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {setupClient, startLive} from '../helpers/client-fixture.js';

type Condition = RcTrigger['conditions'][number];

const trigger = (id: string, condition: Condition, extra: Partial<RcTrigger> = {}): RcTrigger => ({
  _id: id,
  enabled: true,
  runOnce: false,
  conditions: [condition],
  actions: [
    {name: 'send-message', params: {sender: 'custom', name: 'Sam', msg: `hello from ${id}`}},
  ],
  ...extra,
});

function memoryRunOnce() {
  let ids: string[] = [];
  return {get: () => [...ids], set: (next: string[]) => (ids = [...next]), ids: () => ids};
}

function harness(url = 'https://shop.example/pricing') {
  const clock = new FakeClock();
  const runOnceStore = memoryRunOnce();
  const greetings: {text: string; author: Author}[] = [];
  let page = url;
  let isChatting = false;
  let agent: Author | null = null;
  let isGreetFailing = false;
  const engine = new TriggerEngine(
    {
      isChatting: () => isChatting,
      nextAgent: async () => agent,
      fallbackName: () => 'Support',
      greet: (text, author) => {
        if (isGreetFailing) return Promise.reject(new Error('The chat could not be loaded'));
        greetings.push({text, author});
        return {id: `g${greetings.length}`, text, author} as Message;
      },
    },
    {pageUrl: () => page, runOnceStore, clock},
  );
  const fired: TriggerFired[] = [];
  engine.onFire((f) => fired.push(f));
  return {
    clock,
    engine,
    greetings,
    fired,
    runOnceStore,
    goTo: (next: string) => {
      page = next;
      engine.pageChanged();
    },
    chatting: (value: boolean) => (isChatting = value),
    setAgent: (value: Author | null) => (agent = value),
    failGreetings: (value: boolean) => (isGreetFailing = value),
  };
}

describe('TriggerEngine', () => {
  it('fires page-url triggers whose regexp matches, and ignores invalid ones', async () => {
    const h = harness();
    h.engine.start([
      trigger('pricing', {name: 'page-url', value: '/pricing$'}),
      trigger('blog', {name: 'page-url', value: 'blog'}),
      trigger('broken', {name: 'page-url', value: '(unclosed'}),
    ]);
    await waitUntil(() => h.fired.length === 1);
    expect(h.fired.map((f) => f.triggerId)).to.deep.equal(['pricing']);
    h.goTo('https://shop.example/blog/1');
    await waitUntil(() => h.fired.length === 2);
    expect(h.greetings.map((g) => g.text)).to.deep.equal(['hello from pricing', 'hello from blog']);
    expect(h.greetings[0].author).to.deep.equal({id: '', username: '', name: 'Sam', role: 'agent'});
  });

  it('fires time-on-site after the given seconds since the engine started', async () => {
    const h = harness();
    h.clock.advance(4_000);
    h.engine.start([trigger('wait', {name: 'time-on-site', value: '10'})]);
    h.clock.advance(5_999);
    expect(h.fired).to.deep.equal([]);
    h.clock.advance(1);
    await waitUntil(() => h.fired.length === 1);
    h.engine.stop();
    expect(h.clock.pending).to.equal(0);
  });

  it('fires on the visitor opening the chat and after registration, not otherwise', async () => {
    const h = harness();
    h.engine.start([
      trigger('opened', {name: 'chat-opened-by-visitor'}),
      trigger('registered', {name: 'after-guest-registration'}),
    ]);
    expect(h.fired).to.deep.equal([]);
    h.engine.notify('chat-opened-by-visitor');
    await waitUntil(() => h.fired.length === 1);
    h.engine.notify('after-guest-registration');
    await waitUntil(() => h.fired.length === 2);
    expect(h.fired.map((f) => f.triggerId)).to.deep.equal(['opened', 'registered']);
  });

  it('remembers runOnce triggers in the store and skips disabled ones', async () => {
    const h = harness();
    const triggers = [
      trigger('once', {name: 'chat-opened-by-visitor'}, {runOnce: true}),
      trigger('off', {name: 'chat-opened-by-visitor'}, {enabled: false}),
    ];
    h.engine.start(triggers);
    h.engine.notify('chat-opened-by-visitor');
    h.engine.notify('chat-opened-by-visitor');
    await waitUntil(() => h.fired.length === 1);
    expect(h.runOnceStore.ids()).to.deep.equal(['once']);
    const nextPage = harness();
    nextPage.runOnceStore.set(['once']);
    nextPage.engine.start(triggers);
    nextPage.engine.notify('chat-opened-by-visitor');
    expect(nextPage.fired).to.deep.equal([]);
    expect(h.fired).to.have.length(1);
  });

  it('a greeting that cannot load (offline) fails quietly and leaves runOnce for later', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      const h = harness();
      const once = [trigger('once', {name: 'time-on-site', value: '5'}, {runOnce: true})];
      h.failGreetings(true);
      h.engine.start(once);
      h.clock.advance(5_000);
      await waitUntil(() => h.runOnceStore.ids().length === 0 && h.clock.pending === 0);
      // A task later: an unhandled rejection of the failed greeting would be reported by now.
      await new Promise((resolve) => setTimeout(resolve));
      expect(h.fired).to.deep.equal([]);
      expect(unhandled).to.deep.equal([]);
      h.failGreetings(false);
      h.engine.stop();
      const nextPage = new TriggerEngine(
        {
          isChatting: () => false,
          nextAgent: async () => null,
          fallbackName: () => 'Support',
          greet: (text, author) => ({id: 'g', text, author}) as Message,
        },
        {pageUrl: () => '/', runOnceStore: h.runOnceStore, clock: h.clock},
      );
      const fired: TriggerFired[] = [];
      nextPage.onFire((f) => fired.push(f));
      nextPage.start(once);
      h.clock.advance(5_000);
      await waitUntil(() => fired.length === 1, 'the next page greets');
      expect(h.runOnceStore.ids()).to.deep.equal(['once']);
      nextPage.stop();
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it('greets as the next agent for sender queue, else under a generic name', async () => {
    const h = harness();
    const queue = trigger('q', {name: 'chat-opened-by-visitor'});
    queue.actions[0].params = {sender: 'queue', msg: 'Need help?'};
    h.engine.start([queue]);
    h.engine.notify('chat-opened-by-visitor');
    await waitUntil(() => h.fired.length === 1);
    h.setAgent({id: 'a1', username: 'ann', name: 'Ann', role: 'agent'});
    h.engine.notify('chat-opened-by-visitor');
    await waitUntil(() => h.fired.length === 2);
    expect(h.greetings.map((g) => g.author.name)).to.deep.equal(['Support', 'Ann']);
  });

  it('keeps quiet while a chat is under way', async () => {
    const h = harness();
    h.chatting(true);
    h.engine.start([trigger('p', {name: 'page-url', value: 'pricing'})]);
    h.engine.notify('chat-opened-by-visitor');
    h.chatting(false);
    h.goTo('https://shop.example/pricing?again');
    await waitUntil(() => h.fired.length === 1);
  });
});

describe('LiveChatClient.useTriggers', () => {
  it('shows a local greeting, asks nothing of the server, caches it once answered', async () => {
    const greeting = trigger('hello', {name: 'page-url', value: '.'});
    greeting.actions[0].params = {sender: 'queue', msg: 'Welcome!'};
    const {client, server, store} = setupClient((s) => {
      s.configPatch = {triggers: [greeting]};
    });
    await client.ready;
    const runOnce = memoryRunOnce();
    const received: Message[] = [];
    client.on('message-received', ({message}) => received.push(message));
    const engine = client.useTriggers({
      pageUrl: () => 'https://shop.example/',
      runOnceStore: runOnce,
      clock: new FakeClock(),
    });
    const fired: TriggerFired[] = [];
    engine.onFire((f) => fired.push(f));
    await waitUntil(() => fired.length === 1, 'fired');
    const [message] = client.getTranscript();
    expect(message).to.deep.include({text: 'Welcome!', imported: true, status: 'sent'});
    expect(message.author).to.deep.include({name: 'Fake chat', role: 'agent'});
    expect(received).to.deep.equal([message]);
    expect(client.getSnapshot().unread).to.equal(1);
    expect(server.calls(/agent\.next|visitor/)).to.deep.equal([]);
    expect(await store.load()).to.equal(null);

    await startLive(client, server);
    expect((await store.load())?.messages.map((m) => m.text)).to.deep.equal([]);
    await client.send('Hi!');
    const cached = (await store.load())?.messages.map((m) => m.text);
    expect(cached).to.deep.equal(['Welcome!', 'Hi!']);
    expect(
      server
        .stored()
        .filter((m) => !m.t)
        .map((m) => m.msg),
    ).to.deep.equal(['Hi!']);
    client.destroy();
  });

  it('keeps quiet once the chat has ended: no greeting under its end', async () => {
    const later = trigger('later', {name: 'time-on-site', value: '5'});
    const {client, server} = setupClient((s) => {
      s.configPatch = {triggers: [later]};
    });
    await client.ready;
    const clock = new FakeClock();
    const engine = client.useTriggers({
      pageUrl: () => 'https://shop.example/',
      runOnceStore: memoryRunOnce(),
      clock,
    });
    const fired: TriggerFired[] = [];
    engine.onFire((f) => fired.push(f));
    await startLive(client, server);
    await client.send('Bye!');
    await client.end();
    expect(client.state).to.equal('ended');
    clock.advance(5_000);
    // A greeting would come within the same task's microtasks (the engine is loaded).
    await new Promise((resolve) => setTimeout(resolve));
    expect(fired).to.deep.equal([]);
    expect(client.getTranscript().map((m) => m.text)).to.not.include('hello from later');
    client.destroy();
  });

  it('fires chat-opened-by-visitor only when the visitor opens the window', async () => {
    const opened = trigger('open', {name: 'chat-opened-by-visitor'});
    const {client} = setupClient((s) => {
      s.configPatch = {triggers: [opened]};
    });
    await client.ready;
    const engine = client.useTriggers({
      pageUrl: () => 'https://shop.example/',
      runOnceStore: memoryRunOnce(),
      clock: new FakeClock(),
    });
    const fired: TriggerFired[] = [];
    engine.onFire((f) => fired.push(f));
    client.setWindowOpen(true);
    client.setWindowOpen(false);
    expect(fired).to.deep.equal([]);
    client.setWindowOpen(true, {byVisitor: true});
    await waitUntil(() => fired.length === 1);
    client.destroy();
  });
});
