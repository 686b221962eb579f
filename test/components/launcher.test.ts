import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {pressKey} from '../helpers/keys.js';
import {defineElements} from '../../src/define.js';
import {describeUnread, type LcLauncher} from '../../src/components/launcher/launcher.js';
import {unreadText} from '../../src/components/launcher/unread-text.js';

defineElements();

const button = (el: LcLauncher) => el.shadowRoot!.querySelector('button')!;

describe('<lc-launcher>', () => {
  it('renders a collapsed "Open chat" button by default', async () => {
    const el = await fixture<LcLauncher>(html`<lc-launcher></lc-launcher>`);
    expect(button(el).getAttribute('aria-label')).to.equal('Open chat');
    expect(button(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector<HTMLElement>('.badge')!.hidden).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('turns into an expanded "Close chat" button while open', async () => {
    const el = await fixture<LcLauncher>(html`<lc-launcher open></lc-launcher>`);
    expect(button(el).getAttribute('aria-label')).to.equal('Close chat');
    expect(button(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('shows the unread count and describes it to assistive technology', async () => {
    // The window's chunk gives the words (live-chat-app.ts); until then the count alone.
    describeUnread(unreadText);
    const el = await fixture<LcLauncher>(html`<lc-launcher .unread=${3}></lc-launcher>`);
    const badge = el.shadowRoot!.querySelector<HTMLElement>('.badge')!;
    expect(badge.hidden).to.be.false;
    expect(badge.textContent!.trim()).to.equal('3');
    const describedBy = button(el).getAttribute('aria-describedby')!;
    expect(el.shadowRoot!.getElementById(describedBy)!.textContent!.trim()).to.equal(
      '3 unread messages',
    );
    await expect(el).to.be.accessible();
  });

  it('says beside the button, in a status, that the window could not be loaded', async () => {
    const el = await fixture<LcLauncher>(html`<lc-launcher></lc-launcher>`);
    const note = el.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
    expect(note.hidden).to.be.true;
    el.toggleAttribute('failed', true);
    expect(note.hidden).to.be.false;
    expect(note.textContent).to.equal(
      'The chat could not be loaded. Check your connection and try again.',
    );
    expect(note.getBoundingClientRect().width).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    el.removeAttribute('failed');
    expect(note.hidden).to.be.true;
    expect(note.textContent).to.equal('');
  });

  it('fires lc-toggle-window when clicked', async () => {
    const el = await fixture<LcLauncher>(html`<lc-launcher></lc-launcher>`);
    setTimeout(() => button(el).click());
    const event = await oneEvent(el, 'lc-toggle-window');
    expect(event.detail).to.deep.equal({});
    expect(event.bubbles && event.composed).to.be.true;
  });

  it('fires lc-toggle-window from the keyboard (Enter and Space)', async () => {
    const el = await fixture<LcLauncher>(html`<lc-launcher></lc-launcher>`);
    el.focus();
    let count = 0;
    el.addEventListener('lc-toggle-window', () => count++);
    await pressKey('Enter');
    await pressKey('Space');
    expect(count).to.equal(2);
  });

  it('exposes the launcher part and lets a slot replace the icon', async () => {
    const el = await fixture<LcLauncher>(
      html`<lc-launcher><span slot="icon" id="custom">?</span></lc-launcher>`,
    );
    expect(el.shadowRoot!.querySelector('[part~="launcher"]')).to.equal(button(el));
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="icon"]')!;
    expect(slot.assignedElements()[0].id).to.equal('custom');
  });
});
