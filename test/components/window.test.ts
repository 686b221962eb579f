import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import type {LitElement} from 'lit';
import {pressKey} from '../helpers/keys.js';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcWindow} from '../../src/components/window/window.js';
import type {LcAgentCard} from '../../src/components/agent-card/agent-card.js';
import type {LcDepartmentSwitcher} from '../../src/components/department-switcher/department-switcher.js';
import type {LcFinished} from '../../src/components/finished/finished.js';
import type {LcOfflineForm} from '../../src/components/forms/offline-form.js';
import type {LcRegistrationForm} from '../../src/components/forms/registration-form.js';
import type {LcQueueBanner} from '../../src/components/queue-banner/queue-banner.js';
import {
  IDLE_CHAT,
  NO_SETTINGS,
  type WindowChat,
} from '../../src/components/window/render-screens.js';
import {DEPARTMENTS, makeConfig} from './config-fixture.js';
import {makeMessage, visitorMessage} from './fixtures.js';

/** The part of a snapshot the window shows, idle unless overridden. */
const chat = (overrides: Partial<WindowChat> = {}): WindowChat => ({...IDLE_CHAT, ...overrides});
const titled = (heading: string) => ({...NO_SETTINGS, heading});

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
    const el = await fixture<LcWindow>(
      html`<lc-window .settings=${titled('Kettle & Crank')}></lc-window>`,
    );
    const dialog = $(el, '[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).to.equal('false');
    expect($(el, `#${dialog.getAttribute('aria-labelledby')}`)!.textContent).to.equal(
      'Kettle & Crank',
    );
    expect(dialog.getAttribute('part')).to.equal('window');
    expect($(el, '[part="header"]') !== null).to.be.true;
    expect($(el, 'lc-message-list') !== null).to.be.true;
    expect($(el, 'lc-composer') !== null).to.be.true;
    expect(buttonNamed(el, 'End chat')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows the welcome slot until the first real message', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window .settings=${titled('Chat')}>
        <p slot="welcome">Hi there</p>
      </lc-window>`,
    );
    const welcome = $(el, '.welcome')!;
    expect(welcome.hidden).to.be.false;
    el.snapshot = chat({...el.snapshot, messages: [makeMessage({type: 'uj', text: ''})]});
    await el.updateComplete;
    expect(welcome.hidden).to.be.false;
    el.snapshot = chat({...el.snapshot, messages: [...el.snapshot!.messages, makeMessage()]});
    await el.updateComplete;
    expect(welcome.hidden).to.be.true;
  });

  it('fires lc-toggle-window {open: false} on Escape and on Minimize', async () => {
    const el = await fixture<LcWindow>(html`<lc-window .settings=${titled('Chat')}></lc-window>`);
    await el.focusInitial();
    setTimeout(() => pressKey('Escape'));
    expect((await oneEvent(el, 'lc-toggle-window')).detail).to.deep.equal({open: false});
    setTimeout(() => buttonNamed(el, 'Minimize chat')!.click());
    expect((await oneEvent(el, 'lc-toggle-window')).detail).to.deep.equal({open: false});
  });

  it('focuses the text box first', async () => {
    const el = await fixture<LcWindow>(html`<lc-window .settings=${titled('Chat')}></lc-window>`);
    await el.focusInitial();
    expect(deepActiveElement()!.tagName).to.equal('TEXTAREA');
  });

  it('moves focus to the text box when Retry goes away, not to the page', async () => {
    const failed = visitorMessage({text: 'Hello?', status: 'failed'});
    const el = await fixture<LcWindow>(
      html`<lc-window .snapshot=${chat({state: 'active', messages: [failed]})}></lc-window>`,
    );
    el.addEventListener('lc-retry-message', () => {
      el.snapshot = chat({...el.snapshot, messages: [{...failed, status: 'pending'}]});
    });
    const list = $(el, 'lc-message-list')!;
    await (list as LitElement).updateComplete;
    list.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!.focus();
    await pressKey('Enter');
    await el.updateComplete;
    await (list as LitElement).updateComplete;
    expect(list.shadowRoot!.querySelector('.retry')).to.equal(null);
    expect(deepActiveElement()!.tagName).to.equal('TEXTAREA');
  });

  it('moves focus to the text box when "Cancel upload" goes away, not to the page', async () => {
    const uploading = {uploads: [{id: 'u1', name: 'order.pdf', fraction: 0.5}], errors: []};
    const el = await fixture<LcWindow>(
      html`<lc-window .snapshot=${chat({state: 'active'})} .uploads=${uploading}></lc-window>`,
    );
    el.addEventListener('lc-cancel-upload', () => {
      el.uploads = {uploads: [], errors: []};
    });
    const list = $(el, 'lc-upload-list')!;
    await (list as LitElement).updateComplete;
    list.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.focus();
    await pressKey('Enter');
    await el.updateComplete;
    await (list as LitElement).updateComplete;
    expect(list.shadowRoot!.querySelector('.cancel')).to.equal(null);
    expect(deepActiveElement()!.tagName).to.equal('TEXTAREA');
  });

  it('keeps the focus in the window when a refusal is dismissed or an upload finishes', async () => {
    const refused = {id: 'e1', name: 'setup.exe', code: 'invalid-file' as const};
    const uploading = {id: 'u1', name: 'bike.png', fraction: 0.5};
    const el = await fixture<LcWindow>(
      html`<lc-window
        .snapshot=${chat({state: 'active'})}
        .uploads=${{uploads: [uploading], errors: [refused]}}
      ></lc-window>`,
    );
    el.addEventListener('lc-dismiss-upload-error', () => {
      el.uploads = {uploads: [uploading], errors: []};
    });
    const list = $(el, 'lc-upload-list')! as LitElement;
    await list.updateComplete;
    list.shadowRoot!.querySelector<HTMLButtonElement>('.error button')!.focus();
    await pressKey('Enter');
    await waitUntil(() => deepActiveElement()?.tagName === 'TEXTAREA', 'focus on the text box');
    // The visitor goes back to "Cancel upload", and the upload ends under the keyboard.
    list.shadowRoot!.querySelector<HTMLButtonElement>('.cancel')!.focus();
    el.uploads = {uploads: [], errors: []};
    await waitUntil(() => deepActiveElement()?.tagName === 'TEXTAREA', 'focus on the text box');
    expect(list.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('starts a Latin title at the start edge of a right-to-left window', async () => {
    const page = await fixture<HTMLElement>(
      html`<div dir="rtl" style="inline-size: 360px; block-size: 560px">
        <lc-window .settings=${titled('Kettle & Crank')}></lc-window>
      </div>`,
    );
    const el = page.querySelector('lc-window')!;
    await el.updateComplete;
    const title = $(el, '.title')!;
    const words = document.createRange();
    words.selectNodeContents(title);
    // The start of a right-to-left window is its right edge, beside which the title's words end.
    const gap = title.getBoundingClientRect().right - words.getBoundingClientRect().right;
    expect(Math.abs(gap)).to.be.below(2);
  });

  it('adds no second banner landmark to a page that has its own', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <header>Kettle &amp; Crank</header>
        <lc-window .settings=${titled('Chat')} .snapshot=${chat({state: 'active'})}></lc-window>
      </div>`,
    );
    await page.querySelector('lc-window')!.updateComplete;
    await expect(page).to.be.accessible();
  });

  it('asks for confirmation before firing lc-end-chat', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'active'})}
      ></lc-window>`,
    );
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
    expect($(el, '.confirm') === null).to.be.true;
    expect(ended).to.equal(0);

    buttonNamed(el, 'End chat')!.click();
    await el.updateComplete;
    setTimeout(() => buttonNamed(el, 'End chat')!.click());
    const event = await oneEvent(el, 'lc-end-chat');
    expect(event.detail).to.deep.equal({});
  });

  it('cancels the confirmation with Escape instead of closing', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'active'})}
      ></lc-window>`,
    );
    let toggles = 0;
    el.addEventListener('lc-toggle-window', () => toggles++);
    buttonNamed(el, 'End chat')!.click();
    await el.updateComplete;
    await pressKey('Escape');
    await el.updateComplete;
    expect($(el, '.confirm') === null).to.be.true;
    expect(toggles).to.equal(0);
  });

  it('shows the finished screen with the server text and fires lc-start-chat', async () => {
    const config = makeConfig({
      messages: {conversationFinishedMessage: 'Thanks for chatting with Kettle & Crank!'},
    });
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'ended', config})}
      ></lc-window>`,
    );
    const finished = $(el, 'lc-finished')!;
    await (finished as LcFinished).updateComplete;
    expect(finished.shadowRoot!.querySelector('.headline')!.textContent).to.equal(
      'Thanks for chatting with Kettle & Crank!',
    );
    expect($(el, 'lc-composer') === null).to.be.true;
    expect(buttonNamed(el, 'End chat')).to.equal(undefined);
    await expect(el).to.be.accessible();
    setTimeout(() => finished.shadowRoot!.querySelector<HTMLButtonElement>('.new-chat')!.click());
    expect((await oneEvent(el, 'lc-start-chat')).detail).to.deep.equal({});
  });

  it('offers the transcript (prefilled) and the rating after the chat', async () => {
    const config = makeConfig({
      settings: {transcript: true},
      survey: {items: ['satisfaction'], values: ['1', '2', '3', '4', '5']},
    });
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'ended', config, visitor: {token: 't', email: 'ada@example.com'}})}
      ></lc-window>`,
    );
    const finished = $(el, 'lc-finished')! as LcFinished;
    await finished.updateComplete;
    const transcript = finished.shadowRoot!.querySelector('lc-transcript-form')!;
    expect(transcript.email).to.equal('ada@example.com');
    expect(finished.shadowRoot!.querySelector('lc-rating-form') !== null).to.be.true;
    expect(finished.getAttribute('exportparts')).to.equal('form');
    await expect(el).to.be.accessible();
  });

  it('falls back to "This chat has ended" and moves focus to it', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'active'})}
      ></lc-window>`,
    );
    await el.focusInitial();
    el.snapshot = chat({...el.snapshot, state: 'ended'});
    await el.updateComplete;
    const finished = $(el, 'lc-finished')!;
    const headline = finished.shadowRoot!.querySelector('.headline')!;
    await waitUntil(() => deepActiveElement() === headline, 'the closing words get focus');
    expect(headline.textContent).to.equal('This chat has ended');
  });

  it('shows the offline form with the server message while no agent is online', async () => {
    const config = makeConfig({online: false, messages: {offlineMessage: 'Back at 9.'}});
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Leave a message')}
        .snapshot=${chat({state: 'offline', config})}
      ></lc-window>`,
    );
    const form = $(el, 'lc-offline-form')! as LcOfflineForm;
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('.intro')!.textContent).to.equal('Back at 9.');
    expect(form.getAttribute('exportparts')).to.equal('form');
    expect($(el, '.welcome')!.hidden).to.be.true;
    expect($(el, 'lc-composer') === null).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('shows the unavailable text when the offline form is off', async () => {
    const config = makeConfig({
      online: false,
      settings: {displayOfflineForm: false},
      messages: {offlineUnavailableMessage: 'We are closed today.'},
    });
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'offline', config})}
      ></lc-window>`,
    );
    expect($(el, '.placeholder')!.textContent!.trim()).to.equal('We are closed today.');
    el.snapshot = chat({
      ...el.snapshot,
      config: makeConfig({online: false, settings: {displayOfflineForm: false}}),
    });
    await el.updateComplete;
    expect($(el, '.placeholder')!.textContent!.trim()).to.equal('No agent is available right now.');
    await expect(el).to.be.accessible();
  });

  it('asks to register first, below a greeting, and focuses the form', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${{...NO_SETTINGS, heading: 'Chat', guestName: 'Ada'}}
        .snapshot=${chat({state: 'registering', config: makeConfig()})}
      ></lc-window>`,
    );
    await el.focusInitial();
    const form = $(el, 'lc-registration-form')! as LcRegistrationForm;
    expect(form.getAttribute('exportparts')).to.equal('form');
    expect($(el, 'lc-composer') === null).to.be.true;
    expect($(el, 'lc-message-list') === null).to.be.true;
    const name = form.shadowRoot!.querySelector('input')!;
    expect(name.value).to.equal('Ada');
    expect(deepActiveElement() === name).to.be.true;
    el.snapshot = chat({
      ...el.snapshot,
      messages: [makeMessage({text: 'Need help choosing a bike?'})],
    });
    await el.updateComplete;
    expect($(el, 'lc-message-list') !== null).to.be.true;
    await expect(el).to.be.accessible();
    el.snapshot = chat({
      ...el.snapshot,
      state: 'idle',
      visitor: {token: 't', id: 'v1', name: 'Ada'},
    });
    await el.updateComplete;
    expect($(el, 'lc-composer') !== null).to.be.true;
  });

  it('shows "Connecting…" only when the server asks for it, and the queue place', async () => {
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'connecting', config: makeConfig()})}
      ></lc-window>`,
    );
    expect($(el, '.status')!.textContent!.trim()).to.equal('');
    el.snapshot = chat({...el.snapshot, config: makeConfig({settings: {showConnecting: true}})});
    await el.updateComplete;
    expect($(el, '.status')!.textContent!.trim()).to.equal('Connecting…');
    el.snapshot = chat({...el.snapshot, queue: {position: 2}});
    await el.updateComplete;
    expect($(el, '.status')!.textContent!.trim()).to.equal('');
    const banner = $(el, 'lc-queue-banner')! as LcQueueBanner;
    expect(banner.queue).to.deep.equal({position: 2});
    el.snapshot = chat({...el.snapshot, state: 'active', connection: 'reconnecting'});
    await el.updateComplete;
    expect(banner.queue).to.equal(null);
    expect($(el, '.status')!.textContent!.trim()).to.equal('Connection lost. Reconnecting…');
    await expect(el).to.be.accessible();
  });

  it('shows the agent card in the header during the chat', async () => {
    const agent = {id: 'a1', username: 'ada', name: 'Ada Agent', status: 'online'};
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'active', agent})}
      ></lc-window>`,
    );
    const card = $(el, '[part="header"] lc-agent-card')! as LcAgentCard;
    expect(card.agent).to.deep.equal(agent);
    await expect(el).to.be.accessible();
    el.snapshot = chat({...el.snapshot, agent: null});
    await el.updateComplete;
    expect($(el, 'lc-agent-card') === null).to.be.true;
  });

  it('shows a shop name in full beside the header buttons of a chat, at the default width', async () => {
    const settings = {allowSwitchingDepartments: true};
    const config = makeConfig({settings, departments: DEPARTMENTS});
    const el = await fixture<LcWindow>(
      html`<lc-window
        style="inline-size: 360px; block-size: 560px; font-size: 14px"
        .settings=${titled('Kettle & Crank Cycles')}
        .snapshot=${chat({state: 'active', config, visitor: {token: 't', department: 'd-repair'}})}
      ></lc-window>`,
    );
    expect(buttonNamed(el, 'End chat')).to.exist;
    const title = $(el, `#${$(el, '[role="dialog"]')!.getAttribute('aria-labelledby')}`)!;
    // Nothing of it is cut off: it takes a second line rather than an ellipsis, and in a narrow
    // window (a small phone, a longer "End chat") the buttons move below it, all in view.
    for (const width of [360, 250]) {
      el.style.inlineSize = `${width}px`;
      expect(title.scrollWidth, `${width}px`).to.be.at.most(title.clientWidth);
      expect(title.scrollHeight, `${width}px`).to.be.at.most(title.clientHeight);
      const header = $(el, '[part="header"]')!.getBoundingClientRect();
      for (const button of $(el, '[part="header"]')!.querySelectorAll('button:not([hidden])')) {
        const box = button.getBoundingClientRect();
        expect(box.right, `${width}px`).to.be.at.most(header.right);
        expect(box.left, `${width}px`).to.be.at.least(header.left);
      }
    }
  });

  it('offers the department menu only when switching is allowed among several', async () => {
    const settings = {allowSwitchingDepartments: true};
    const config = makeConfig({settings, departments: DEPARTMENTS});
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'active', config, visitor: {token: 't', department: 'd-repair'}})}
      ></lc-window>`,
    );
    const switcher = $(el, 'lc-department-switcher')! as LcDepartmentSwitcher;
    expect(switcher.departments.map((d) => d._id)).to.deep.equal(['d-sales', 'd-repair']);
    expect(switcher.value).to.equal('d-repair');
    await expect(el).to.be.accessible();
    el.snapshot = chat({
      ...el.snapshot,
      config: makeConfig({settings, departments: DEPARTMENTS.slice(0, 1)}),
    });
    await el.updateComplete;
    expect($(el, 'lc-department-switcher') === null).to.be.true;
    el.snapshot = chat({...el.snapshot, config: makeConfig({departments: DEPARTMENTS})});
    await el.updateComplete;
    expect($(el, 'lc-department-switcher') === null).to.be.true;
  });

  it('passes the message parts and the composer part through', async () => {
    const el = await fixture<LcWindow>(html`<lc-window .settings=${titled('Chat')}></lc-window>`);
    expect($(el, 'lc-message-list')!.getAttribute('exportparts')).to.include('message-agent');
    expect($(el, 'lc-composer')!.getAttribute('exportparts')).to.equal('composer');
  });

  it('takes files dropped on the chat, with an overlay while they hover', async () => {
    const config = makeConfig({settings: {fileUpload: true}});
    const el = await fixture<LcWindow>(
      html`<lc-window
        .settings=${titled('Chat')}
        .snapshot=${chat({state: 'active', config})}
      ></lc-window>`,
    );
    const composer = $(el, 'lc-composer')!;
    expect(composer.hasAttribute('can-attach')).to.be.true;
    const data = new DataTransfer();
    data.items.add(new File(['%PDF-'], 'order.pdf', {type: 'application/pdf'}));
    const drag = (type: string) =>
      new DragEvent(type, {dataTransfer: data, bubbles: true, composed: true, cancelable: true});
    const overlay = $(el, '.drop')!;
    expect(overlay.hidden).to.be.true;
    const enter = drag('dragenter');
    $(el, '.window')!.dispatchEvent(enter);
    await el.updateComplete;
    expect(enter.defaultPrevented).to.be.true;
    expect(overlay.hidden).to.be.false;
    expect(overlay.textContent!.trim()).to.equal('Drop files here to send them');
    await expect(el).to.be.accessible();
    setTimeout(() => $(el, '.window')!.dispatchEvent(drag('drop')));
    const event = await oneEvent(el, 'lc-send-file');
    expect(event.detail.file.name).to.equal('order.pdf');
    await el.updateComplete;
    expect(overlay.hidden).to.be.true;
  });

  it('offers no files when the server switched uploads off or the chat has ended', async () => {
    const off = makeConfig();
    const el = await fixture<LcWindow>(
      html`<lc-window .snapshot=${chat({state: 'active', config: off})}></lc-window>`,
    );
    expect($(el, 'lc-composer')!.hasAttribute('can-attach')).to.be.false;
    const data = new DataTransfer();
    data.items.add(new File(['x'], 'a.txt', {type: 'text/plain'}));
    const enter = new DragEvent('dragenter', {dataTransfer: data, bubbles: true, cancelable: true});
    $(el, '.window')!.dispatchEvent(enter);
    expect(enter.defaultPrevented).to.be.false;
    el.snapshot = chat({
      ...el.snapshot,
      config: makeConfig({settings: {fileUpload: true}}),
      state: 'ended',
    });
    await el.updateComplete;
    expect(el.canTakeFiles).to.be.false;
  });
});
