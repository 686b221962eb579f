import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import '../../src/index.js';
// The window's chunk, loaded up front (see live-chat.test.ts).
import '../../src/live-chat-app.js';
import type {LiveChat} from '../../src/live-chat.js';
import {startRefServer, type RefServer} from '../helpers/ref-server.js';

/** Stands in for the browser's Notification API: records requests and notifications. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static requests = 0;
  static shown: FakeNotification[] = [];

  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests++;
    FakeNotification.permission = FakeNotification.answer;
    return Promise.resolve(FakeNotification.answer);
  }

  isClosed = false;
  onclick: (() => void) | null = null;
  onclose: (() => void) | null = null;

  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }

  close(): void {
    this.isClosed = true;
    this.onclose?.();
  }
}

let visibility: DocumentVisibilityState = 'visible';

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

const PAGE_TITLE = 'Kettle  &  Crank – bikes';
const timeout = 5000;

const windowElement = (el: LiveChat) => el.shadowRoot!.querySelector('lc-window')!;
const chatMenu = (el: LiveChat) => windowElement(el).shadowRoot!.querySelector('lc-chat-menu')!;
const menuButton = (el: LiveChat) =>
  chatMenu(el).shadowRoot!.querySelector<HTMLButtonElement>('[aria-haspopup="menu"]')!;
const menuItem = (el: LiveChat) =>
  chatMenu(el).shadowRoot!.querySelector<HTMLButtonElement>('[role="menuitem"]')!;
const titleText = () => document.querySelector('title')!.textContent;

describe('<live-chat> while the page is hidden', () => {
  let server: RefServer;
  let key: string;

  before(async () => {
    server = await startRefServer({
      agents: [{username: 'agent', password: 'pw', name: 'Agent Smith'}],
      rateLimit: false,
      settings: {registrationForm: false},
    });
    key = `live-chat:notify:${server.url}`;
    Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => visibility});
    Object.defineProperty(window, 'Notification', {
      configurable: true,
      writable: true,
      value: FakeNotification,
    });
  });

  after(async () => {
    delete (document as {visibilityState?: unknown}).visibilityState;
    delete (window as {Notification?: unknown}).Notification;
    await server.stop();
  });

  beforeEach(() => {
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'granted';
    FakeNotification.requests = 0;
    FakeNotification.shown = [];
    visibility = 'visible';
    document.title = PAGE_TITLE;
  });

  afterEach(() => localStorage.removeItem(key));

  /** A widget with a live chat, served by the agent. */
  async function chatting(): Promise<{el: LiveChat; rid: string}> {
    const el = await fixture<LiveChat>(
      html`<live-chat server=${server.url} persist="none"></live-chat>`,
    );
    await el.client!.send('Hello, is my bike ready?');
    await waitUntil(() => el.client!.connection === 'connected', 'live link up', {timeout});
    return {el, rid: el.client!.room!._id};
  }

  /** Waits until this page holds the notification tab lock. */
  async function elected(): Promise<void> {
    const name = `live-chat:notify:${server.url}`;
    const holds = async () => (await navigator.locks.query()).held?.some((l) => l.name === name);
    await waitUntil(holds, 'this tab is elected to notify', {timeout});
  }

  it('asks for permission only when the visitor turns notifications on', async () => {
    const {el} = await chatting();
    el.show();
    await waitUntil(() => chatMenu(el)?.shadowRoot, 'the window renders', {timeout});
    menuButton(el).click();
    await chatMenu(el).updateComplete;
    expect(menuItem(el).textContent!.trim()).to.equal('Turn on notifications');
    expect(FakeNotification.requests).to.equal(0);
    expect(localStorage.getItem(key)).to.equal(null);

    menuItem(el).click();
    await waitUntil(
      () => menuItem(el).textContent!.trim() === 'Turn off notifications',
      'the item offers to turn them off',
      {timeout},
    );
    expect(FakeNotification.requests).to.equal(1);
    expect(localStorage.getItem(key)).to.equal('on');

    menuItem(el).click();
    await waitUntil(() => localStorage.getItem(key) === 'off', 'the choice is kept', {timeout});
    expect(FakeNotification.requests).to.equal(1);
  });

  it('disables the item once the browser refused', async () => {
    FakeNotification.answer = 'denied';
    const el = await fixture<LiveChat>(
      html`<live-chat server=${server.url} persist="none" open></live-chat>`,
    );
    await waitUntil(() => chatMenu(el)?.shadowRoot, 'the window renders', {timeout});
    menuButton(el).click();
    await chatMenu(el).updateComplete;
    menuItem(el).click();
    await waitUntil(
      () => menuItem(el).getAttribute('aria-disabled') === 'true',
      'the item is disabled',
      {timeout},
    );
    expect(menuItem(el).title).to.contain('blocked');
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('notifies of agent messages while hidden, not of own; a click opens the chat', async () => {
    localStorage.setItem(key, 'on');
    FakeNotification.permission = 'granted';
    const {el, rid} = await chatting();
    await elected();
    setVisibility('hidden');

    await server.agentReply(rid, 'Yes, *your bike* is ready :tada:');
    await waitUntil(() => FakeNotification.shown.length === 1, 'a notification', {timeout});
    const [first] = FakeNotification.shown;
    expect(first.title).to.equal('Agent Smith');
    expect(first.options.body).to.equal('Yes, your bike is ready 🎉');

    const sent = oneEvent(el, 'lc-message-sent');
    await el.client!.send('Great, thanks!');
    await sent;
    await server.agentReply(rid, 'You are welcome');
    await waitUntil(() => FakeNotification.shown.length === 2, 'a second notification', {timeout});
    expect(FakeNotification.shown.map((n) => n.options.body)).to.deep.equal([
      'Yes, your bike is ready 🎉',
      'You are welcome',
    ]);

    expect(el.open).to.equal(false);
    FakeNotification.shown[1].onclick!();
    expect(el.open).to.equal(true);
    expect(FakeNotification.shown[1].isClosed).to.equal(true);
    setVisibility('visible');
    expect(first.isClosed).to.equal(true);
  });

  it('raises no notification unless the visitor turned them on', async () => {
    FakeNotification.permission = 'granted';
    const {el, rid} = await chatting();
    await elected();
    setVisibility('hidden');
    const received = oneEvent(el, 'lc-message-received');
    await server.agentReply(rid, 'Anyone there?');
    await received;
    expect(FakeNotification.shown).to.deep.equal([]);
  });

  it('counts unseen agent messages in the title while hidden and restores it exactly', async () => {
    const {rid} = await chatting();
    setVisibility('hidden');
    await server.agentReply(rid, 'One');
    await waitUntil(() => titleText() === `(1) ${PAGE_TITLE}`, 'the count shows', {timeout});
    await server.agentReply(rid, 'Two');
    await waitUntil(() => titleText() === `(2) ${PAGE_TITLE}`, 'the count grows', {timeout});
    setVisibility('visible');
    expect(titleText()).to.equal(PAGE_TITLE);
  });

  it('keeps a title the page set meanwhile', async () => {
    const {rid} = await chatting();
    setVisibility('hidden');
    await server.agentReply(rid, 'One');
    await waitUntil(() => titleText() === `(1) ${PAGE_TITLE}`, 'the count shows', {timeout});
    document.title = 'Cart (3 items)';
    await waitUntil(() => titleText() === '(1) Cart (3 items)', 'the count follows', {timeout});
    setVisibility('visible');
    expect(titleText()).to.equal('Cart (3 items)');
    setVisibility('hidden');
    document.title = 'Checkout';
    setVisibility('visible');
    expect(titleText()).to.equal('Checkout');
  });
});
