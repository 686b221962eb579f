import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {pressKey} from '../helpers/keys.js';
import '../../src/index.js';
// The window's chunk, loaded up front: these tests are about the widget, not about how long the
// dev server takes to serve that chunk's modules one by one (lazy-live-chat.test.ts is).
import '../../src/live-chat-app.js';
import type {LiveChat} from '../../src/live-chat.js';

// Nothing listens there: the widget must work as far as it can without its server.
const UNREACHABLE = 'http://127.0.0.1:9/';

const launcherButton = (el: LiveChat) =>
  el.shadowRoot!.querySelector('lc-launcher')!.shadowRoot!.querySelector('button')!;
const windowElement = (el: LiveChat) => el.shadowRoot!.querySelector('lc-window')!;

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function openedWindow(el: LiveChat): Promise<void> {
  await waitUntil(() => deepActiveElement()?.tagName === 'TEXTAREA', 'the composer gets focus');
  // The window fades in: a colour-contrast check during the fade would see faded text.
  await Promise.all(
    windowElement(el)
      .getAnimations()
      .map((animation) => animation.finished),
  );
}

describe('<live-chat>', () => {
  it('starts closed with only the launcher showing, and creates its client', async () => {
    const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
    expect(el.open).to.be.false;
    expect(el.hasAttribute('open')).to.be.false;
    expect(windowElement(el).hidden).to.be.true;
    expect(launcherButton(el).getAttribute('aria-label')).to.equal('Open chat');
    expect(el.client).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('takes each setting from its attribute or its property, as README.md lists them', async () => {
    const el = await fixture<LiveChat>(html`
      <live-chat
        server="//127.0.0.1:9/"
        department="sales"
        position="left"
        mode="inline"
        persist="session"
        restore-timeout="30"
        guest-name="Ada"
        guest-email="ada@example.com"
        no-sound
        no-shared-link
      ></live-chat>
    `);
    expect(el.server).to.equal('//127.0.0.1:9/');
    expect([el.department, el.position, el.mode, el.persist]).to.deep.equal([
      'sales',
      'left',
      'inline',
      'session',
    ]);
    expect([el.restoreTimeout, el.guestName, el.guestEmail]).to.deep.equal([
      30,
      'Ada',
      'ada@example.com',
    ]);
    expect([el.noSound, el.noSharedLink]).to.deep.equal([true, true]);
    // Inline: the launcher is hidden.
    expect(el.shadowRoot!.querySelector('lc-launcher')!.hidden).to.be.true;
    for (const name of ['server', 'department', 'mode', 'restore-timeout', 'no-sound']) {
      el.removeAttribute(name);
    }
    expect([el.server, el.department, el.mode]).to.deep.equal(['', undefined, 'floating']);
    expect([el.restoreTimeout, el.noSound]).to.deep.equal([60, false]);
    expect(el.client).to.equal(null);
    el.mode = 'sideways' as never;
    el.restoreTimeout = '45' as never;
    el.noSharedLink = 0 as never;
    expect([el.mode, el.restoreTimeout, el.noSharedLink]).to.deep.equal(['floating', 45, false]);
    // Properties never write their attributes back.
    expect(el.hasAttribute('no-shared-link')).to.be.true;
    el.server = UNREACHABLE;
    expect(el.client).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('lc-launcher')!.hidden).to.be.false;
  });

  it('resolves a relative server against the page', async () => {
    // Scheme-relative, so it needs the page's URL to become absolute; still unreachable.
    const el = await fixture<LiveChat>(html`<live-chat server="//127.0.0.1:9/chat/"></live-chat>`);
    expect(el.client).to.not.equal(null);
    expect(el.client!.config).to.equal(null);
  });

  it('opens from the launcher, reflects open, fires lc-opened, focuses the composer', async () => {
    const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
    setTimeout(() => launcherButton(el).click());
    const event = await oneEvent(el, 'lc-opened');
    expect(event.detail).to.deep.equal({});
    expect(el.hasAttribute('open')).to.be.true;
    await openedWindow(el);
    expect(windowElement(el).hidden).to.be.false;
    expect(launcherButton(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('closes on Escape, fires lc-closed and returns focus to the launcher', async () => {
    const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
    el.show();
    await openedWindow(el);
    setTimeout(() => pressKey('Escape'));
    await oneEvent(el, 'lc-closed');
    expect(el.open).to.be.false;
    expect(el.hasAttribute('open')).to.be.false;
    expect(deepActiveElement()).to.equal(launcherButton(el));
  });

  it('fires lc-opened and lc-closed for show(), hide(), toggle() and `open`', async () => {
    const el = await fixture<LiveChat>(html`<live-chat></live-chat>`);
    const seen: string[] = [];
    el.addEventListener('lc-opened', (e) => seen.push(e.type));
    el.addEventListener('lc-closed', (e) => seen.push(e.type));
    el.show();
    await el.updateComplete;
    el.hide();
    await el.updateComplete;
    el.toggle();
    await el.updateComplete;
    el.open = false;
    await el.updateComplete;
    expect(seen).to.deep.equal(['lc-opened', 'lc-closed', 'lc-opened', 'lc-closed']);
  });

  it('re-emits core events as lc-* and rejects ready for an unreachable server', async () => {
    const el = await fixture<LiveChat>(html`<live-chat></live-chat>`);
    expect(el.client).to.equal(null);
    setTimeout(() => (el.server = UNREACHABLE));
    const event = await oneEvent(el, 'lc-error');
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail.error.name).to.equal('LiveChatError');
    let failure: unknown;
    await el.ready.catch((error: unknown) => (failure = error));
    expect(failure).to.equal(event.detail.error);
  });

  it('keeps its intents inside the shadow root', async () => {
    const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
    const leaked: string[] = [];
    for (const name of ['lc-toggle-window', 'lc-send'] as const) {
      document.addEventListener(name, (e) => leaked.push(e.type));
    }
    launcherButton(el).click();
    await el.updateComplete;
    expect(el.open).to.be.true;
    expect(leaked).to.deep.equal([]);
  });

  it('names the window after the title attribute', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat server=${UNREACHABLE} title="Kettle &amp; Crank help" open></live-chat>`,
    );
    await waitUntil(() => windowElement(el).shadowRoot, 'the window loads');
    const win = windowElement(el);
    await win.updateComplete;
    expect(win.shadowRoot!.querySelector('h2')!.textContent).to.equal('Kettle & Crank help');
    await expect(el).to.be.accessible();
  });

  it('names the window of a widget added after another had loaded it (a page that swaps it)', async () => {
    const first = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE} open></live-chat>`);
    await waitUntil(() => windowElement(first).shadowRoot, 'the window loads');
    first.remove();
    // Its window is an `lc-window` already defined: it renders once, hidden, before it opens.
    // No server: no client's change re-renders it.
    const el = await fixture<LiveChat>(
      html`<live-chat title="Kettle &amp; Crank help"></live-chat>`,
    );
    el.show();
    await el.updateComplete;
    expect(windowElement(el).shadowRoot!.querySelector('h2')!.textContent).to.equal(
      'Kettle & Crank help',
    );
  });
  it('exposes every part to the page', async () => {
    const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE} open></live-chat>`);
    const style = document.createElement('style');
    const parts = ['launcher', 'window', 'header', 'messages', 'composer'];
    style.textContent = parts
      .map((part, i) => `live-chat::part(${part}) { outline: ${i + 1}px solid transparent; }`)
      .join('\n');
    document.head.append(style);
    await waitUntil(() => windowElement(el).shadowRoot?.querySelector('lc-composer')?.shadowRoot);
    const win = windowElement(el).shadowRoot!;
    const elements = [
      launcherButton(el),
      win.querySelector('[part="window"]')!,
      win.querySelector('[part="header"]')!,
      win.querySelector('lc-message-list')!.shadowRoot!.querySelector('[part="messages"]')!,
      win.querySelector('lc-composer')!.shadowRoot!.querySelector('[part="composer"]')!,
    ];
    expect(elements.map((e) => getComputedStyle(e).outlineWidth)).to.deep.equal(
      parts.map((_, i) => `${i + 1}px`),
    );
    style.remove();
  });

  it('places itself on the left when asked', async () => {
    const el = await fixture<LiveChat>(html`<live-chat position="left"></live-chat>`);
    const launcher = el.shadowRoot!.querySelector('lc-launcher')!.getBoundingClientRect();
    expect(launcher.left).to.be.below(window.innerWidth / 2);
  });

  it('shows the window in the page flow without a launcher in inline mode', async () => {
    const el = await fixture<LiveChat>(html`<live-chat mode="inline"></live-chat>`);
    await waitUntil(() => windowElement(el).shadowRoot, 'the window loads');
    expect(windowElement(el).hidden).to.be.false;
    expect(el.shadowRoot!.querySelector('lc-launcher')!.hidden).to.be.true;
    expect(getComputedStyle(el.shadowRoot!.querySelector('.inline')!).position).to.equal('static');
  });
});
