import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {defineWindowElements} from '../../src/define.js';
import type {LcWindow} from '../../src/components/window/window.js';
import {makeMessage} from './fixtures.js';

const $ = <T extends Element = HTMLElement>(el: LcWindow, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
const buttonNamed = (el: LcWindow, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) =>
      !b.closest('[hidden]') && (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name,
  );

/** The element focused inside nested shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<lc-window>', () => {
  before(() => defineWindowElements());

  it('renders a non-modal dialog named by its heading, with the conversation', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Kettle & Crank"></lc-window>`);
    const dialog = $(el, '[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).to.equal('false');
    expect($(el, `#${dialog.getAttribute('aria-labelledby')}`)!.textContent).to.equal(
      'Kettle & Crank',
    );
    expect(dialog.getAttribute('part')).to.equal('window');
    expect($(el, '[part="header"]')).to.not.equal(null);
    expect($(el, 'lc-message-list')).to.not.equal(null);
    expect($(el, 'lc-composer')).to.not.equal(null);
    expect(buttonNamed(el, 'End chat')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows the welcome slot until the first real message', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat">
      <p slot="welcome">Hi there</p>
    </lc-window>`);
    const welcome = $(el, '.welcome')!;
    expect(welcome.hidden).to.be.false;
    el.messages = [makeMessage({type: 'uj', text: ''})];
    await el.updateComplete;
    expect(welcome.hidden).to.be.false;
    el.messages = [...el.messages, makeMessage()];
    await el.updateComplete;
    expect(welcome.hidden).to.be.true;
  });

  it('fires lc-toggle-window {open: false} on Escape and on Minimize', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat"></lc-window>`);
    await el.focusInitial();
    setTimeout(() => sendKeys({press: 'Escape'}));
    expect((await oneEvent(el, 'lc-toggle-window')).detail).to.deep.equal({open: false});
    setTimeout(() => buttonNamed(el, 'Minimize chat')!.click());
    expect((await oneEvent(el, 'lc-toggle-window')).detail).to.deep.equal({open: false});
  });

  it('focuses the text box first', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat"></lc-window>`);
    await el.focusInitial();
    expect(deepActiveElement()!.tagName).to.equal('TEXTAREA');
  });

  it('asks for confirmation before firing lc-end-chat', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat" state="active"></lc-window>`);
    await expect(el).to.be.accessible();
    let ended = 0;
    el.addEventListener('lc-end-chat', () => ended++);

    buttonNamed(el, 'End chat')!.click();
    await el.updateComplete;
    const confirm = $(el, '.confirm')!;
    expect(confirm.getAttribute('role')).to.equal('group');
    expect(deepActiveElement()!.textContent!.trim()).to.equal('Cancel');
    await expect(el).to.be.accessible();

    buttonNamed(el, 'Cancel')!.click();
    await el.updateComplete;
    expect($(el, '.confirm')).to.equal(null);
    expect(ended).to.equal(0);

    buttonNamed(el, 'End chat')!.click();
    await el.updateComplete;
    setTimeout(() => buttonNamed(el, 'End chat')!.click());
    const event = await oneEvent(el, 'lc-end-chat');
    expect(event.detail).to.deep.equal({});
  });

  it('cancels the confirmation with Escape instead of closing', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat" state="active"></lc-window>`);
    let toggles = 0;
    el.addEventListener('lc-toggle-window', () => toggles++);
    buttonNamed(el, 'End chat')!.click();
    await el.updateComplete;
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect($(el, '.confirm')).to.equal(null);
    expect(toggles).to.equal(0);
  });

  it('shows the finished screen with the server text and fires lc-start-chat', async () => {
    const el = await fixture<LcWindow>(html`<lc-window
      heading="Chat"
      state="ended"
      finished-message="Thanks for chatting with Kettle & Crank!"
    ></lc-window>`);
    expect($(el, '.finished p')!.textContent).to.equal('Thanks for chatting with Kettle & Crank!');
    expect($(el, 'lc-composer')).to.equal(null);
    await expect(el).to.be.accessible();
    setTimeout(() => buttonNamed(el, 'Start a new chat')!.click());
    expect((await oneEvent(el, 'lc-start-chat')).detail).to.deep.equal({});
  });

  it('falls back to "This chat has ended" and moves focus to the new-chat button', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat" state="active"></lc-window>`);
    await el.focusInitial();
    el.state = 'ended';
    await el.updateComplete;
    expect($(el, '.finished p')!.textContent).to.equal('This chat has ended');
    expect(deepActiveElement()!.textContent!.trim()).to.equal('Start a new chat');
  });

  it('shows a placeholder when no agent is available', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window heading="Chat" state="offline"></lc-window>`,
    );
    expect($(el, '.placeholder')!.textContent!.trim()).to.equal(
      'No agent is available right now.',
    );
    expect($(el, '.welcome')!.hidden).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('tells the visitor when it is connecting or reconnecting', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window heading="Chat" state="connecting"></lc-window>`,
    );
    expect($(el, '.status')!.textContent!.trim()).to.equal('Connecting…');
    el.state = 'active';
    el.connection = 'reconnecting';
    await el.updateComplete;
    expect($(el, '.status')!.textContent!.trim()).to.equal('Connection lost. Reconnecting…');
    await expect(el).to.be.accessible();
  });

  it('passes the message parts and the composer part through', async () => {
    const el = await fixture<LcWindow>(html`<lc-window heading="Chat"></lc-window>`);
    expect($(el, 'lc-message-list')!.getAttribute('exportparts')).to.include('message-agent');
    expect($(el, 'lc-composer')!.getAttribute('exportparts')).to.equal('composer');
  });
});
