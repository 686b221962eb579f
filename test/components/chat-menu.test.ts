import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {pressKey} from '../helpers/keys.js';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcChatMenu, NotifyState} from '../../src/components/chat-menu/chat-menu.js';
import {button, deepActiveElement, description} from './forms/form-helpers.js';

const menu = (notifications: NotifyState = 'off') =>
  fixture<LcChatMenu>(html`<lc-chat-menu notifications=${notifications}></lc-chat-menu>`);

const toggle = (el: LcChatMenu) => button(el, 'Chat options');
const menuElement = (el: LcChatMenu) => el.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')!;
const item = (el: LcChatMenu) => el.shadowRoot!.querySelector<HTMLElement>('[role="menuitem"]')!;
const isShown = (el: LcChatMenu) => !menuElement(el).closest<HTMLElement>('.popup')!.hidden;

describe('<lc-chat-menu>', () => {
  before(() => defineWindowElements());

  it('is a closed menu button named "Chat options" by default', async () => {
    const el = await menu();
    const button = toggle(el);
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)).to.equal(
      menuElement(el),
    );
    expect(isShown(el)).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('opens with the keyboard, moves with arrows, closes on Escape and returns focus', async () => {
    const el = await menu();
    let escapeReachedWindow = false;
    const onKeydown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') escapeReachedWindow = !e.defaultPrevented;
    };
    document.addEventListener('keydown', onKeydown);
    toggle(el).focus();
    await pressKey('ArrowDown');
    await waitUntil(() => deepActiveElement() === item(el), 'the first item gets focus');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(item(el).textContent!.trim()).to.equal('Turn on notifications');
    await expect(el).to.be.accessible();
    await pressKey('ArrowDown');
    expect(deepActiveElement()).to.equal(item(el));
    await pressKey('Escape');
    await waitUntil(() => deepActiveElement() === toggle(el), 'focus returns to the button');
    document.removeEventListener('keydown', onKeydown);
    expect(escapeReachedWindow).to.equal(false);
    expect(isShown(el)).to.equal(false);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes on Tab with focus going on to the next control, and on Shift+Tab back to the button', async () => {
    const wrapper = await fixture<HTMLElement>(
      html`<div><lc-chat-menu></lc-chat-menu><button>Next</button></div>`,
    );
    const el = wrapper.querySelector('lc-chat-menu')!;
    const next = wrapper.querySelector('button')!;
    toggle(el).focus();
    await pressKey('ArrowDown');
    await waitUntil(() => deepActiveElement() === item(el), 'the item gets focus');
    await pressKey('Tab');
    await waitUntil(() => !isShown(el), 'the menu closes');
    expect(deepActiveElement()).to.equal(next, 'Tab goes on, not back');

    toggle(el).focus();
    await pressKey('ArrowDown');
    await waitUntil(() => deepActiveElement() === item(el), 'the item gets focus again');
    await pressKey('Shift+Tab');
    await waitUntil(() => !isShown(el), 'the menu closes on Shift+Tab');
    expect(deepActiveElement()).to.equal(toggle(el));
  });

  it('fires lc-set-notifications from Enter on the item and closes', async () => {
    const el = await menu();
    toggle(el).focus();
    await pressKey('Enter');
    await waitUntil(() => deepActiveElement() === item(el), 'the item gets focus');
    setTimeout(() => pressKey('Enter'));
    const {detail} = await oneEvent(el, 'lc-set-notifications');
    expect(detail).to.deep.equal({on: true});
    await waitUntil(() => deepActiveElement() === toggle(el), 'focus returns to the button');
    expect(isShown(el)).to.equal(false);
  });

  it('closes on a press outside it, and stays open on a press inside', async () => {
    const el = await menu();
    toggle(el).click();
    await el.updateComplete;
    item(el).dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, composed: true}));
    await el.updateComplete;
    expect(isShown(el)).to.equal(true);
    document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, composed: true}));
    await el.updateComplete;
    expect(isShown(el)).to.equal(false);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('offers to turn them off once on', async () => {
    const el = await menu('on');
    toggle(el).click();
    await el.updateComplete;
    expect(item(el).textContent!.trim()).to.equal('Turn off notifications');
    setTimeout(() => item(el).click());
    const {detail} = await oneEvent(el, 'lc-set-notifications');
    expect(detail).to.deep.equal({on: false});
  });

  it('disables the item with the reason when blocked or unsupported', async () => {
    for (const [state, reason] of [
      ['denied', 'Notifications are blocked for this site in the browser’s settings.'],
      ['unsupported', 'This browser cannot show notifications.'],
    ] as const) {
      const el = await menu(state);
      let fired = 0;
      el.addEventListener('lc-set-notifications', () => fired++);
      toggle(el).click();
      await el.updateComplete;
      expect(item(el).getAttribute('aria-disabled')).to.equal('true');
      expect(item(el).title).to.equal(reason);
      expect(description(el, item(el))).to.equal(reason);
      await expect(el).to.be.accessible();
      item(el).click();
      await el.updateComplete;
      expect(fired).to.equal(0);
    }
  });
});
