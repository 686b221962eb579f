import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {whenDatesReady} from '../../src/i18n/dates-ready.js';
import {makeMessage, visitorMessage} from './fixtures.js';

const log = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
const messageParts = (el: LcMessageList) =>
  [...el.shadowRoot!.querySelectorAll('[part~="message"]')].map((m) => m.getAttribute('part'));

const announcer = (el: LcMessageList) => el.shadowRoot!.querySelector<HTMLElement>('.announcer')!;
const announced = (el: LcMessageList) =>
  [...announcer(el).querySelectorAll('p')].map((p) => p.textContent!.trim());

const isAtBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < 2;

describe('<lc-message-list>', () => {
  before(async () => {
    defineWindowElements();
    // The first list of a page shows its dates a paint later (test/components/dates-ready.test.ts).
    await whenDatesReady();
  });

  it('renders an empty, named log by default, silent itself beside a polite announcer', async () => {
    const el = await fixture<LcMessageList>(html`<lc-message-list></lc-message-list>`);
    expect(log(el).getAttribute('aria-live')).to.equal('off');
    expect(announcer(el).getAttribute('aria-live')).to.equal('polite');
    expect(announced(el)).to.deep.equal([]);
    expect(log(el).getAttribute('aria-label')).to.equal('Conversation');
    expect(log(el).getAttribute('part')).to.equal('messages');
    expect(messageParts(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it("announces each new agent message once, never the visitor's own or the history", async () => {
    const history = [makeMessage({text: 'Welcome back!'}), visitorMessage({text: 'Hi'})];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${history}></lc-message-list>`,
    );
    expect(announced(el), 'a restored chat is not news').to.deep.equal([]);

    const own = visitorMessage({text: 'Is my bike *ready*?', status: 'pending'});
    el.messages = [...history, own];
    await el.updateComplete;
    el.messages = [...history, {...own, status: 'sent'}];
    el.agentTyping = true;
    await el.updateComplete;
    expect(announced(el), 'the visitor hears not their own words').to.deep.equal([]);

    const reply = makeMessage({text: 'Yes, *since* this morning.'});
    el.messages = [...history, own, reply];
    await el.updateComplete;
    el.agentTyping = false;
    el.seenId = own.id;
    el.messages = [...el.messages];
    await el.updateComplete;
    expect(announced(el)).to.deep.equal(['Ada Agent: Yes, since this morning.']);

    const older = [makeMessage({text: 'An old answer'}), makeMessage({text: 'Older still'})];
    el.messages = [...older, ...el.messages];
    await el.updateComplete;
    const file = makeMessage({text: '', attachments: [{title: 'invoice.pdf'}]});
    el.messages = [...el.messages, makeMessage({type: 'uj', text: ''}), file];
    await el.updateComplete;
    expect(announced(el), 'older pages are not news').to.deep.equal([
      'Ada Agent: Yes, since this morning.',
      'Ada Agent joined the chat',
      'Ada Agent: invoice.pdf',
    ]);

    const lost = visitorMessage({text: 'Hello?', status: 'pending'});
    el.messages = [...el.messages, lost];
    await el.updateComplete;
    el.messages = [...el.messages.slice(0, -1), {...lost, status: 'failed'}];
    await el.updateComplete;
    el.messages = [...el.messages];
    await el.updateComplete;
    expect(announced(el).slice(-2), 'a failed message is said once').to.deep.equal([
      'Ada Agent: invoice.pdf',
      'Not sent: Hello?',
    ]);
    await expect(el).to.be.accessible();
  });

  it('marks each message with its author part, name and local time', async () => {
    const messages = [
      makeMessage({text: 'Hello, how can I help?'}),
      visitorMessage({text: 'Do you have the cargo bike in stock?'}),
      makeMessage({type: 'uj', text: ''}),
    ];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    expect(messageParts(el)).to.deep.equal([
      'message message-agent',
      'message message-visitor',
      'message message-system',
    ]);
    const agent = el.shadowRoot!.querySelector('.agent')!;
    expect(agent.querySelector('bdi')!.textContent).to.equal('Ada Agent');
    const expectedTime = new Intl.DateTimeFormat('en', {hour: 'numeric', minute: '2-digit'}).format(
      messages[0].ts,
    );
    expect(agent.querySelector('time')!.textContent).to.equal(expectedTime);
    expect(agent.querySelector('.text')!.getAttribute('dir')).to.equal('auto');
    expect(el.shadowRoot!.querySelector('.system')!.textContent!.trim()).to.equal(
      'Ada Agent joined the chat',
    );
    await expect(el).to.be.accessible();
  });

  it('heads each day of a chat that spans days, in the page language', async () => {
    const at = (daysAgo: number, hour: number) => {
      const day = new Date();
      day.setDate(day.getDate() - daysAgo);
      day.setHours(hour, 5, 0, 0);
      return day.getTime();
    };
    const days = (el: LcMessageList) =>
      [...el.shadowRoot!.querySelectorAll('[part="day-heading"]')].map((d) =>
        d.textContent!.trim(),
      );
    const today = [makeMessage({ts: at(0, 0)}), visitorMessage({ts: at(0, 0)})];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${today}></lc-message-list>`,
    );
    expect(days(el), 'a chat of today alone has no heading').to.deep.equal([]);

    const lastWeek = makeMessage({ts: at(6, 23)});
    el.messages = [
      lastWeek,
      makeMessage({ts: at(1, 9)}),
      visitorMessage({ts: at(1, 10)}),
      ...today,
    ];
    await el.updateComplete;
    const weekday = new Intl.DateTimeFormat('en', {weekday: 'long', month: 'long', day: 'numeric'});
    expect(days(el)).to.deep.equal([weekday.format(lastWeek.ts), 'Yesterday', 'Today']);
    // Each heading stands right before the first message of its day.
    const heading = el.shadowRoot!.querySelectorAll('[part="day-heading"]')[1]!;
    expect(heading.nextElementSibling!.textContent).to.contain(el.messages[1]!.text);
    expect(heading.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(messageParts(el)).to.have.length(5);
    await expect(el).to.be.accessible();
  });

  it('renders markup in messages and names as plain text', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const messages = [
      makeMessage({
        text: attack,
        author: {id: 'a', username: 'x', name: '<b>Eve</b>', role: 'agent'},
      }),
    ];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    const message = el.shadowRoot!.querySelector('.agent')!;
    expect(message.querySelector('.text')!.textContent).to.equal(attack);
    expect(message.querySelector('bdi')!.textContent).to.equal('<b>Eve</b>');
    expect(message.querySelector('img, script, b')).to.equal(null);
  });

  it('shows agent and visitor markup as DOM, and system lines as plain text', async () => {
    const messages = [
      makeMessage({text: 'Your order is *ready* :tada: https://example.com/orders/7'}),
      visitorMessage({text: '_Great_, thanks'}),
      makeMessage({
        type: 'uj',
        text: '',
        author: {id: 'a', username: 'x', name: '*Ada*', role: 'agent'},
      }),
    ];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    const agentText = el.shadowRoot!.querySelector('.agent .text')!;
    expect(agentText.querySelector('strong')!.textContent).to.equal('ready');
    expect(agentText.textContent).to.equal('Your order is ready 🎉 https://example.com/orders/7');
    const link = agentText.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/orders/7');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
    expect(el.shadowRoot!.querySelector('.visitor .text em')!.textContent).to.equal('Great');
    const system = el.shadowRoot!.querySelector('.system')!;
    expect(system.querySelector('strong')).to.equal(null);
    expect(system.textContent!.trim()).to.equal('*Ada* joined the chat');
    await expect(el).to.be.accessible();
  });

  it("shows the server's closing message of an unanswered chat, never an agent's closing note", async () => {
    const byAgent = makeMessage({type: 'livechat-close', text: 'Rude, blocked'});
    const byServer = makeMessage({
      type: 'livechat-close',
      text: 'Closed after 30 minutes without an answer from you.',
      author: {id: 'rocket.cat', username: 'rocket.cat', name: 'rocket.cat', role: 'system'},
    });
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${[byAgent, byServer]}></lc-message-list>`,
    );
    const lines = [...el.shadowRoot!.querySelectorAll('.system')].map((s) => s.textContent!.trim());
    expect(lines).to.deep.equal([
      'The chat was closed',
      'Closed after 30 minutes without an answer from you.',
    ]);
  });

  it('hides system messages the visitor should not see', async () => {
    const messages = [makeMessage({type: 'command', text: 'connected'}), makeMessage()];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    expect(messageParts(el)).to.deep.equal(['message message-agent']);
  });

  it('shows pending and failed status, and fires lc-retry-message from Retry', async () => {
    const failed = visitorMessage({status: 'failed'});
    const messages = [visitorMessage({status: 'pending'}), failed];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    const statuses = [...el.shadowRoot!.querySelectorAll('.status')].map((s) =>
      s.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(statuses).to.deep.equal(['Sending…', 'Not sent Retry']);
    await expect(el).to.be.accessible();
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!;
    setTimeout(() => retry.click());
    const event = await oneEvent(el, 'lc-retry-message');
    expect(event.detail).to.deep.equal({id: failed.id});
  });

  it('shows what changed on a message already shown: its status, its text, the Seen mark', async () => {
    const first = visitorMessage({text: 'Hi', status: 'pending'});
    const second = visitorMessage({text: 'Anyone there?'});
    const reply = makeMessage({text: 'Hello!'});
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${[first, second, reply]}></lc-message-list>`,
    );
    const status = (id: string) =>
      el.shadowRoot!.querySelector(`[data-id="${id}"] .status`)?.textContent?.trim() ?? null;
    expect(status(first.id)).to.equal('Sending…');

    el.messages = [{...first, status: 'sent'}, second, reply];
    el.seenId = first.id;
    await el.updateComplete;
    expect(status(first.id), 'sent and read').to.equal('Seen');

    el.messages = [...el.messages.slice(0, 2), {...reply, text: 'Hello, how can I help?'}];
    el.seenId = second.id;
    await el.updateComplete;
    expect(status(first.id), 'the mark moves on').to.equal(null);
    expect(status(second.id)).to.equal('Seen');
    const texts = [...el.shadowRoot!.querySelectorAll('[part~="message"] .text')];
    expect(texts.map((t) => t.textContent)).to.deep.equal([
      'Hi',
      'Anyone there?',
      'Hello, how can I help?',
    ]);
  });

  it('announces that the agent is typing', async () => {
    const el = await fixture<LcMessageList>(html`<lc-message-list agent-typing></lc-message-list>`);
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.textContent!.trim()).to.equal('Agent is typing…');
    // Once the chat has an agent, the line names them, their name isolated from the words.
    el.typingName = 'نور';
    await el.updateComplete;
    expect(status.textContent!.trim()).to.equal('نور is typing…');
    expect(status.querySelector('bdi')!.textContent).to.equal('نور');
    el.agentTyping = false;
    await el.updateComplete;
    expect(status.textContent!.trim()).to.equal('');
  });

  it('keeps the newest message in view unless the reader scrolled up', async () => {
    const many = Array.from({length: 30}, () => makeMessage());
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 200px" .messages=${many}></lc-message-list>`,
    );
    await waitUntil(() => isAtBottom(log(el)), 'the log starts at the bottom');

    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(isAtBottom(log(el))).to.be.true;

    log(el).scrollTop = 0;
    await oneEvent(log(el), 'scroll');
    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(log(el).scrollTop).to.equal(0);

    el.messages = [...el.messages, visitorMessage()];
    await el.updateComplete;
    expect(isAtBottom(log(el))).to.be.true;
  });

  it('offers "New messages" while the reader is scrolled up and someone writes', async () => {
    const many = Array.from({length: 30}, () => makeMessage());
    const el = await fixture<LcMessageList>(
      html`<lc-message-list style="height: 200px" .messages=${many}></lc-message-list>`,
    );
    await waitUntil(() => isAtBottom(log(el)), 'the log starts at the bottom');
    const news = () =>
      [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
        /New messages/.test(b.textContent!),
      );

    // At the bottom a reply is simply in view; scrolled up, with nothing new, no button.
    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(news()).to.be.undefined;
    log(el).scrollTop = 0;
    await oneEvent(log(el), 'scroll');
    await el.updateComplete;
    expect(news()).to.be.undefined;

    el.messages = [...el.messages, makeMessage({text: 'Are you still there?'})];
    await el.updateComplete;
    expect(log(el).scrollTop).to.equal(0);
    expect(news(), 'the reply below is announced by a button').to.exist;
    await expect(el).to.be.accessible();

    news()!.click();
    await waitUntil(() => isAtBottom(log(el)), 'the log scrolls down to the reply');
    expect(news()).to.be.undefined;
    expect(el.shadowRoot!.activeElement, 'focus is not lost with the button').to.equal(log(el));

    // Scrolling back down by hand clears it too.
    log(el).scrollTop = 0;
    await oneEvent(log(el), 'scroll');
    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(news()).to.exist;
    log(el).scrollTop = log(el).scrollHeight;
    await oneEvent(log(el), 'scroll');
    await el.updateComplete;
    expect(news()).to.be.undefined;
  });
});
